"""Read-only API for taxa (searchable in every language and by synonym) and the CITES code lists."""
from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.filters import OrderingFilter

from common.filters import BlankMeansNoFilterBackend
from species.filtersets import TaxonFilterSet, TermFilterSet
from species.models import Purpose, Source, Taxon, Term, Unit

from . import serializers as s


@extend_schema_view(
    list=extend_schema(summary=_("Taxa"), description=_(
        "Search with q: scientific name, synonym or common name in English, Russian or Kyrgyz. "
        "within=<id> keeps a taxon and every taxon below it.")),
    retrieve=extend_schema(summary=_("One taxon with synonyms and listing history")),
)
class TaxonViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = s.TaxonSerializer
    filter_backends = [BlankMeansNoFilterBackend, OrderingFilter]
    filterset_class = TaxonFilterSet
    ordering_fields = ["scientific_name", "rank", "cites_appendix"]
    ordering = ["scientific_name"]
    queryset = Taxon.objects.none()

    def get_queryset(self) -> QuerySet[Taxon]:
        return Taxon.objects.prefetch_related("synonyms", "listings").order_by("scientific_name")


class _CodeListViewSet(viewsets.ReadOnlyModelViewSet):
    pagination_class = None
    filter_backends = [BlankMeansNoFilterBackend]


@extend_schema_view(list=extend_schema(summary=_("CITES terms")), retrieve=extend_schema(summary=_("CITES term")))
class TermViewSet(_CodeListViewSet):
    serializer_class = s.TermSerializer
    filterset_class = TermFilterSet
    queryset = Term.objects.select_related("default_unit").prefetch_related("allowed_units").order_by("code")


@extend_schema_view(list=extend_schema(summary=_("CITES units")), retrieve=extend_schema(summary=_("CITES unit")))
class UnitViewSet(_CodeListViewSet):
    serializer_class = s.UnitSerializer
    queryset = Unit.objects.order_by("code")


@extend_schema_view(list=extend_schema(summary=_("CITES source codes")),
                    retrieve=extend_schema(summary=_("CITES source code")))
class SourceViewSet(_CodeListViewSet):
    serializer_class = s.SourceSerializer
    queryset = Source.objects.order_by("code")


@extend_schema_view(list=extend_schema(summary=_("CITES purpose codes")),
                    retrieve=extend_schema(summary=_("CITES purpose code")))
class PurposeViewSet(_CodeListViewSet):
    serializer_class = s.PurposeSerializer
    queryset = Purpose.objects.order_by("code")
