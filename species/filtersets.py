"""Filters for taxa (species search in every language and by synonym) and the "taxon and below" rule.

Plain django-filter FilterSets: used by the API and by web pages alike.
"""
from __future__ import annotations

import django_filters
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .choices import Appendix, Rank
from .models import Taxon, Term

#: Denormalised column that holds the name of the ancestor of each higher rank.
RANK_COLUMN = {
    Rank.KINGDOM: "kingdom",
    Rank.PHYLUM: "phylum",
    Rank.CLASS: "class_name",
    Rank.ORDER: "order",
    Rank.FAMILY: "family",
    Rank.GENUS: "genus",
}
_PARENT_DEPTH = 8
COMMON_NAME_FIELDS = ("common_name_en", "common_name_ru", "common_name_ky")


def taxon_subtree_q(taxon: Taxon, prefix: str = "") -> Q:
    """A Q selecting `taxon` and every taxon below it, relative to `prefix` (e.g. "items__taxon__").

    Uses the parent chain (up to eight levels) and the denormalised rank columns (genus, family,
    order...), so that taxa imported without parents are found too.
    """
    q = Q(**{f"{prefix}pk": taxon.pk})
    for depth in range(1, _PARENT_DEPTH + 1):
        q |= Q(**{f"{prefix}{'parent__' * depth}pk": taxon.pk})
    column = RANK_COLUMN.get(taxon.rank)
    if column:
        q |= Q(**{f"{prefix}{column}": taxon.scientific_name})
    elif taxon.rank == Rank.SPECIES:
        q |= Q(**{f"{prefix}scientific_name__startswith": f"{taxon.scientific_name} "})
    return q


def case_variants(text: str) -> list[str]:
    """The spellings an ``icontains`` lookup needs to find `text` in any letter case.

    PostgreSQL compares ``UPPER(column) LIKE UPPER(text)``, which folds Cyrillic too, so one spelling
    suffices there; each extra one is another trigram index scan of the column. SQLite folds the case
    of ASCII only, so there `text` is also tried lower case, upper case, capitalised and titled.
    """
    text = (text or "").strip()
    if connection.vendor == "postgresql":
        return [text]
    return list(dict.fromkeys([text, text.lower(), text.upper(), text.capitalize(), text.title()]))


def icontains_q(field: str, text: str) -> Q:
    """`field` contains `text` ignoring case, for Cyrillic too on every database."""
    q = Q()
    for variant in case_variants(text):
        q |= Q(**{f"{field}__icontains": variant})
    return q


def taxon_search_q(text: str, prefix: str = "") -> Q:
    """Scientific name, synonym or common name (English, Russian, Kyrgyz) containing `text`."""
    q = icontains_q(f"{prefix}scientific_name", text) | icontains_q(f"{prefix}synonyms__name", text)
    for field in COMMON_NAME_FIELDS:
        q |= icontains_q(f"{prefix}{field}", text)
    return q


def search_taxa(queryset: QuerySet[Taxon], text: str) -> QuerySet[Taxon]:
    """Taxa matching `text` in any name, without duplicate rows (synonyms are a join)."""
    if not (text or "").strip():
        return queryset
    matching = Taxon.objects.filter(taxon_search_q(text)).values("pk")
    return queryset.filter(pk__in=matching)


class TaxonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label=_("Name"),
        help_text=_("Scientific name, synonym or common name in any language (contains)."),
    )
    rank = django_filters.MultipleChoiceFilter(choices=Rank.choices, label=_("Rank"))
    cites_appendix = django_filters.MultipleChoiceFilter(choices=Appendix.choices, label=_("CITES appendix"))
    within = django_filters.ModelChoiceFilter(
        queryset=Taxon.objects.all(), method="filter_within", label=_("Within taxon"),
        help_text=_("Only this taxon and the taxa below it (genus, family, order...)."),
    )
    class_name = django_filters.CharFilter(lookup_expr="iexact", label=_("Class"))
    order = django_filters.CharFilter(lookup_expr="iexact", label=_("Order"))
    family = django_filters.CharFilter(lookup_expr="iexact", label=_("Family"))
    genus = django_filters.CharFilter(lookup_expr="iexact", label=_("Genus"))
    is_active = django_filters.BooleanFilter(
        label=_("Active"), widget=django_filters.widgets.BooleanWidget()
    )

    class Meta:
        model = Taxon
        fields = ["q", "rank", "cites_appendix", "within", "class_name", "order", "family", "genus", "is_active"]

    def filter_q(self, queryset: QuerySet[Taxon], name: str, value: str) -> QuerySet[Taxon]:
        return search_taxa(queryset, value)

    def filter_within(self, queryset: QuerySet[Taxon], name: str, value: Taxon | None) -> QuerySet[Taxon]:
        return queryset.filter(taxon_subtree_q(value)) if value else queryset


class TermFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_q", label=_("Code or name"))
    is_live = django_filters.BooleanFilter(label=_("Live"), widget=django_filters.widgets.BooleanWidget())

    class Meta:
        model = Term
        fields = ["q", "is_live"]

    def filter_q(self, queryset: QuerySet[Term], name: str, value: str) -> QuerySet[Term]:
        q = Q(code__iexact=value)
        for field in ("name_en", "name_ru", "name_ky"):
            q |= icontains_q(field, value)
        return queryset.filter(q)
