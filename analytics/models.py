"""Saved searches: a user's named case-list filters (the query string), private to that user."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SavedSearch(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches",
                             verbose_name=_("user"))
    name = models.CharField(_("name"), max_length=100)
    query = models.CharField(_("filters"), max_length=2000, blank=True,
                             help_text=_("The case list's address parameters, e.g. taxon=12&origin_country=CN."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["user", "name"], name="saved_search_unique_name_per_user")]

    def __str__(self) -> str:
        return self.name


class CaseRollup(models.Model):
    """Counts of non-voided cases per owning agency, sharing level, draft or not, and month (kind "month")
    or route (kind "route"): one small set of rows per grouping, not their product.

    Refreshed by the task `analytics.refresh_rollup` (`analytics/rollup.py`). The three first columns are
    what the visibility rule reads of a case besides its sharing lists, so a user's statistics are the
    rows their rule covers plus a live count of the few cases only their sharing lists open.
    """

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("agency"))
    class Kind(models.TextChoices):
        MONTH = "month", _("month")
        ROUTE = "route", _("route")

    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    sharing_level = models.CharField(_("sharing level"), max_length=20)
    is_draft = models.BooleanField(_("draft"), default=False)
    month = models.DateField(_("month"), null=True)
    origin_country = models.ForeignKey("agencies.Country", on_delete=models.CASCADE, null=True, related_name="+",
                                       verbose_name=_("country of origin"))
    destination_country = models.ForeignKey("agencies.Country", on_delete=models.CASCADE, null=True,
                                            related_name="+", verbose_name=_("country of destination"))
    cases = models.PositiveIntegerField(_("cases"))
    #: What the statistics API adds up besides cases: items, live specimens, quantity per unit code
    #: ("" = number of specimens) and estimated value per currency, sums kept as decimal strings.
    items = models.PositiveIntegerField(_("items"), default=0)
    live_specimens = models.BigIntegerField(_("live specimens"), default=0)
    quantities = models.JSONField(_("quantities"), default=dict)
    values = models.JSONField(_("estimated values"), default=dict)
    class Via(models.TextChoices):
        SCOPE = "", _("agency, sharing level and draft")
        AGENCY = "agency", _("named sharing, per agency")
        COUNTRY_NAMED = "cnamed", _("named sharing, per country of the agencies")
        REGIONAL = "regional", _("regional sharing, per country")

    #: "": every case once (the rule's agency/level/draft part); otherwise the cases a sharing list opens to
    #: `shared_agency` or `shared_country`, each case once per target.
    via = models.CharField(_("counted by"), max_length=8, choices=Via.choices, default="", blank=True)
    shared_agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, null=True, related_name="+",
                                      verbose_name=_("shared with agency"))
    shared_country = models.ForeignKey("agencies.Country", on_delete=models.CASCADE, null=True, related_name="+",
                                       verbose_name=_("shared with country"))
    #: The newest case and item history ids when the rows were computed: a newer one means stale rows.
    case_mark = models.BigIntegerField(_("last case change"), default=0)
    item_mark = models.BigIntegerField(_("last item change"), default=0)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("case statistics rollup row")
        verbose_name_plural = _("case statistics rollup")
        indexes = [models.Index(fields=["kind", "agency", "sharing_level"], name="rollup_kind_agency_idx")]

    def __str__(self) -> str:
        return f"{self.kind} {self.agency_id}: {self.cases}"


class ItemRollup(models.Model):
    """The statistics API's totals per taxon grouping (species, genus, family, order, class) for the items of
    non-voided cases, keyed like `CaseRollup` by what the visibility rule reads of a case.

    One row per grouping level and group name, not per taxon: a case with two species of one genus is one case
    of that genus, and distinct cases do not add up across taxa. Across rows of one `via` and target each case
    is in one scope (agency, sharing level, draft), so those rows add up exactly. Refreshed with `CaseRollup`
    (`analytics/item_rollup.py`).
    """

    class Level(models.TextChoices):
        SPECIES = "species", _("species")
        GENUS = "genus", _("genus")
        FAMILY = "family", _("family")
        ORDER = "order", _("order")
        CLASS = "class", _("class")

    level = models.CharField(_("grouping"), max_length=7, choices=Level.choices)
    #: The taxon's name at that level as stored on the taxon (None: items without a taxon).
    name = models.CharField(_("name"), max_length=200, null=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("agency"))
    sharing_level = models.CharField(_("sharing level"), max_length=20)
    is_draft = models.BooleanField(_("draft"), default=False)
    via = models.CharField(_("counted by"), max_length=8, choices=CaseRollup.Via.choices, default="", blank=True)
    shared_agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, null=True, related_name="+",
                                      verbose_name=_("shared with agency"))
    shared_country = models.ForeignKey("agencies.Country", on_delete=models.CASCADE, null=True, related_name="+",
                                       verbose_name=_("shared with country"))
    cases = models.PositiveIntegerField(_("cases"))
    items = models.PositiveIntegerField(_("items"))
    live_specimens = models.BigIntegerField(_("live specimens"), default=0)
    quantities = models.JSONField(_("quantities"), default=dict)
    values = models.JSONField(_("estimated values"), default=dict)
    case_mark = models.BigIntegerField(_("last case change"), default=0)
    item_mark = models.BigIntegerField(_("last item change"), default=0)
    #: A digest of the taxa's names: renaming a genus changes the groups without any case or item change.
    taxa_mark = models.CharField(_("taxa digest"), max_length=32, blank=True)
    refreshed_at = models.DateTimeField(_("refreshed at"))

    class Meta:
        verbose_name = _("item statistics rollup row")
        verbose_name_plural = _("item statistics rollup")
        indexes = [models.Index(fields=["level", "via", "agency", "sharing_level"], name="item_rollup_level_idx")]

    def __str__(self) -> str:
        return f"{self.level} {self.name}: {self.cases}"
