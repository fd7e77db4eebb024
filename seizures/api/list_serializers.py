"""The case list of the API (`GET /api/v1/cases/`): one flat row per case, read as `.values()`.

The detail (`GET /api/v1/cases/<id>/`) keeps the full nested case (items, parties, conveyances,
permissions). The list carries the case's own fields, codes of its agency, post and countries, and the
number of its items: one query per page whatever its size (the related codes are joins, the item count
a correlated subquery on the item's case index), no model instances built. It names no person, so a
list page writes nothing to the person access log; the detail does.
"""
from __future__ import annotations

from typing import Any

from django.db.models import Count, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from seizures.choices import CaseStatus, Concealment, DetectionMethod, OutcomeType, SharingLevel, TransportMode
from seizures.models import Case, SeizedItem

#: The case columns read as they are.
CASE_COLUMNS = (
    "id", "reference", "agency_case_number", "occurred_at", "location_text", "latitude", "longitude",
    "detection_method", "transport_mode", "concealment", "status", "sharing_level", "outcome", "is_voided",
    "created_at", "updated_at", "version",
)
#: Codes of related rows, under names that do not clash with the model's fields.
RELATED_COLUMNS = {
    "agency_code": F("agency__code"),
    "post_code": F("post__code"),
    "recorded_by_username": F("recorded_by__username"),
    "origin_iso2": F("origin_country__iso2"),
    "export_iso2": F("export_country__iso2"),
    "destination_iso2": F("destination_country__iso2"),
}


def item_count() -> Coalesce:
    """The number of items of the outer case (a correlated subquery served by the item's case index)."""
    counted = (SeizedItem.objects.filter(case_id=OuterRef("pk")).order_by().values("case_id")
               .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def list_rows(cases: QuerySet[Case]) -> QuerySet:
    """The (visible, filtered, ordered) cases as the dicts `CaseListSerializer` renders."""
    return cases.values(*CASE_COLUMNS, **RELATED_COLUMNS, items_count=item_count())


def _choice(choices: type, help_text: str | None = None) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices.choices, read_only=True, help_text=help_text)


class CaseListSerializer(serializers.Serializer):
    """One case of the list (a row of `list_rows`): its own fields and the codes of what it refers to."""

    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    agency_case_number = serializers.CharField(read_only=True)
    agency = serializers.CharField(source="agency_code", read_only=True, help_text=_("Owning agency code."))
    post = serializers.CharField(source="post_code", read_only=True, allow_null=True)
    recorded_by = serializers.CharField(source="recorded_by_username", read_only=True)
    occurred_at = serializers.DateTimeField(read_only=True)
    location_text = serializers.CharField(read_only=True)
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, read_only=True, allow_null=True)
    detection_method = _choice(DetectionMethod)
    transport_mode = _choice(TransportMode)
    concealment = _choice(Concealment)
    origin_country = serializers.CharField(source="origin_iso2", read_only=True, allow_null=True)
    export_country = serializers.CharField(source="export_iso2", read_only=True, allow_null=True)
    destination_country = serializers.CharField(source="destination_iso2", read_only=True, allow_null=True)
    status = _choice(CaseStatus)
    sharing_level = _choice(SharingLevel)
    outcome = serializers.ChoiceField(choices=OutcomeType.choices, read_only=True, allow_blank=True)
    is_voided = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    version = serializers.IntegerField(read_only=True)
    items_count = serializers.IntegerField(read_only=True, help_text=_("Number of seized items of the case."))

    def to_representation(self, instance: Any) -> dict[str, Any]:
        """Like DRF's, without its per-field exception handling: every source is a key of the row."""
        return {field.field_name: (None if (value := instance[field.source]) is None
                                   else field.to_representation(value))
                for field in self._readable_fields}
