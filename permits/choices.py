from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    EXPORT = "export", _("Export permit")
    IMPORT = "import", _("Import permit")
    RE_EXPORT = "re_export", _("Re-export certificate")
    ORIGIN = "origin", _("Certificate of origin")
    PRE_CONVENTION = "pre_convention", _("Pre-Convention certificate")
    CAPTIVE_BREEDING = "captive_breeding", _("Captive-breeding or artificial-propagation certificate")
    INTRODUCTION_FROM_SEA = "intro_sea", _("Certificate of introduction from the sea")
    SCIENTIFIC_EXCHANGE = "scientific", _("Scientific exchange label")
    TRAVELLING_EXHIBITION = "exhibition", _("Travelling-exhibition certificate")
    NATIONAL = "national", _("National permit or licence")


class PermitStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    USED = "used", _("Used")
    CANCELLED = "cancelled", _("Cancelled")
    EXPIRED = "expired", _("Expired")
    LOST_STOLEN = "lost_stolen", _("Reported lost or stolen")


class Direction(models.TextChoices):
    """The kind of movement a required-documents question is about (CITES Arts. III–V, VII)."""

    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    RE_EXPORT = "re_export", _("Re-export")
    INTRO_SEA = "intro_sea", _("Introduction from the sea")
    TRANSIT = "transit", _("Transit or trans-shipment")


class RequirementDirection(models.TextChoices):
    """Directions a national requirement may apply to ("any" = every movement across the country's border)."""

    ANY = "any", _("Any movement")
    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")
    RE_EXPORT = "re_export", _("Re-export")
    INTRO_SEA = "intro_sea", _("Introduction from the sea")
    TRANSIT = "transit", _("Transit or trans-shipment")
