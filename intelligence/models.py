"""Flags (repeat suspects, repeat routes), their alerts to agencies, and the matching bookkeeping."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agencies.models import Agency, Country
from common.limits import LimitedTextField
from seizures.models import Case, Person
from seizures.querysets import membership_of


class FlagKind(models.TextChoices):
    PERSON = "person", _("Repeat suspect")
    ROUTE = "route", _("Repeat route")


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed")
    DISMISSED = "dismissed", _("Dismissed")


class MarkerKind(models.TextChoices):
    PERSON = "person", _("Person")
    CASE = "case", _("Case")


def _is_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


class FlagQuerySet(models.QuerySet):
    def visible_to(self, user) -> FlagQuerySet:
        """Flags a user may know of: analysts all of their country's, others those alerting their agency.

        What of a flag's cases and persons the user may read is decided per row by the seizures rule.
        """
        if _is_admin(user):
            return self.all()
        membership = membership_of(user)
        if membership is None:
            return self.none()
        from agencies.choices import Role

        q = Q(alerts__agency_id=membership.agency_id)
        if membership.role == Role.ANALYST:
            q |= Q(country_id=membership.agency.country_id)
        return self.filter(pk__in=Flag.objects.filter(q).values("pk"))


class AlertQuerySet(models.QuerySet):
    def visible_to(self, user) -> AlertQuerySet:
        """Alerts addressed to the user's agency (all alerts for a system administrator)."""
        if _is_admin(user):
            return self.all()
        membership = membership_of(user)
        if membership is None:
            return self.none()
        return self.filter(agency_id=membership.agency_id)


class Flag(models.Model):
    """A repeat suspect (two person records that look like one person) or a repeat route (a corridor)."""

    kind = models.CharField(_("kind"), max_length=10, choices=FlagKind.choices, db_index=True)
    key = models.CharField(_("key"), max_length=200, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN, db_index=True
    )
    score = models.FloatField(_("score"), default=0)
    explanation = models.JSONField(_("explanation"), default=dict, blank=True)
    cross_agency = models.BooleanField(_("across agencies"), default=False, db_index=True)
    country = models.ForeignKey(
        Country, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("country")
    )
    persons = models.ManyToManyField(Person, blank=True, related_name="+", verbose_name=_("persons"))
    cases = models.ManyToManyField(Case, blank=True, related_name="+", verbose_name=_("cases"))
    agencies = models.ManyToManyField(Agency, blank=True, related_name="+", verbose_name=_("agencies"))
    review_reason = LimitedTextField(_("reason"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["-cross_agency", "-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"


class Alert(models.Model):
    """A flag announced to one agency involved in it (in-app inbox, e-mail to supervisors)."""

    flag = models.ForeignKey(Flag, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("flag"))
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+", verbose_name=_("agency"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["flag", "agency"], name="one_alert_per_flag_agency")]

    def __str__(self) -> str:
        return f"{self.flag} → {self.agency.code}"


class PersonProfile(models.Model):
    """The normalised form of a person record, kept for incremental matching."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, primary_key=True, related_name="+", verbose_name=_("person")
    )
    data = models.JSONField(_("normalised data"), default=dict)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("person profile")
        verbose_name_plural = _("person profiles")

    def __str__(self) -> str:
        return f"profile {self.person_id}"


class MatchKey(models.Model):
    """A blocking key (or a name-frequency key) of a person: candidates share a key."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    key = models.CharField(_("key"), max_length=120, db_index=True)

    class Meta:
        verbose_name = _("match key")
        verbose_name_plural = _("match keys")
        constraints = [models.UniqueConstraint(fields=["person", "key"], name="unique_match_key")]

    def __str__(self) -> str:
        return self.key


class MatchMarker(models.Model):
    """"Needs matching": written with the saved row, removed once matched; stale ones are swept."""

    kind = models.CharField(_("kind"), max_length=10, choices=MarkerKind.choices)
    object_id = models.PositiveBigIntegerField(_("object id"))
    version = models.PositiveIntegerField(_("version"), default=1)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    touched_at = models.DateTimeField(_("touched at"), auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("matching marker")
        verbose_name_plural = _("matching markers")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_marker")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class CorridorSignature(models.Model):
    """One corridor key of a non-voided case (origin > destination : taxon group), with the case's date and
    agency copied beside it: a route check counts the rows of one key inside a window on one index instead
    of joining cases, countries and items. Rewritten whenever the case is matched."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", verbose_name=_("case"))
    key = models.CharField(_("corridor"), max_length=120)
    occurred_at = models.DateTimeField(_("date and time of seizure"))
    agency_id_copy = models.PositiveBigIntegerField(_("agency"))

    class Meta:
        verbose_name = _("corridor signature")
        verbose_name_plural = _("corridor signatures")
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="unique_corridor_signature")]
        indexes = [models.Index(fields=["key", "occurred_at"], name="corridor_key_window")]

    def __str__(self) -> str:
        return self.key
