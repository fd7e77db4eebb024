from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    CUSTOMS = "customs", _("Customs")
    BORDER = "border", _("Border service")
    POLICE = "police", _("Police")
    ECO_POLICE = "eco_police", _("Environmental police")
    PROSECUTOR = "prosecutor", _("Prosecutor's office")
    CITES_MA = "cites_ma", _("CITES Management Authority")
    MINISTRY = "ministry", _("Ministry")
    NGO = "ngo", _("Non-governmental organisation")


class PostKind(models.TextChoices):
    AIRPORT = "airport", _("Airport")
    ROAD = "road", _("Road checkpoint")
    RAIL = "rail", _("Railway station")
    POST_OFFICE = "post_office", _("Post office")
    MARKET = "market", _("Market")
    OFFICE = "office", _("Office")
    OTHER = "other", _("Other")


class Role(models.TextChoices):
    OFFICER = "officer", _("Officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    ANALYST = "analyst", _("Analyst")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
