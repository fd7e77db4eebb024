"""Filters for cases, seized items and persons (plain django-filter, shared by the API and the web UI).

A filterset only narrows the queryset it is given: always pass one already restricted by the
visibility rule, e.g. ``CaseFilterSet(request.GET, queryset=Case.objects.visible_to(request.user))``.
Filters that name related objects by id (person, case) are plain numbers and never look the object
up, so an id of something the user cannot see gives no rows rather than an error that confirms it
exists. Filters across to-many relations use ``pk__in`` subqueries, so rows are never duplicated.
"""
from __future__ import annotations

import datetime
import re
from collections.abc import Callable

import django_filters
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from agencies.models import Agency, Country, Post
from common.textnorm import normalise_document_number, search_key
from species.choices import Appendix
from species.filtersets import icontains_q, taxon_subtree_q
from species.models import Taxon, Term

from .choices import CaseStatus, Concealment, DetectionMethod, PartyRole, SharingLevel, TransportMode
from .models import Case, CaseParty, Conveyance, Person, SeizedItem

BOOLEAN_WIDGET = django_filters.widgets.BooleanWidget

#: Orderings offered on case lists (field names accepted, "-" for descending).
CASE_ORDERING_FIELDS = ("occurred_at", "reference", "created_at", "updated_at", "status")
DEFAULT_CASE_ORDERING = ("-occurred_at", "-id")


def order_cases(queryset: QuerySet[Case], ordering: str | None) -> QuerySet[Case]:
    """Order by one of CASE_ORDERING_FIELDS (e.g. "-occurred_at"), ties broken by id."""
    field = (ordering or "").strip()
    if field.lstrip("-") not in CASE_ORDERING_FIELDS:
        return queryset.order_by(*DEFAULT_CASE_ORDERING)
    return queryset.order_by(field, "-id" if field.startswith("-") else "id")


# --- free text ------------------------------------------------------------------------------------

def person_name_q(text: str, prefix: str = "") -> Q | None:
    """Persons whose stored name key contains every word of `text` (Cyrillic or Latin, any order)."""
    tokens = search_key(text).split()
    if not tokens:
        return None
    q = Q()
    for token in tokens:
        q &= Q(**{f"{prefix}name_key__contains": token})
    return q


def matching_persons(text: str) -> QuerySet[Person]:
    """Persons matching `text` by name (any script) or identity-document number. Not scoped: use as subquery."""
    q = Q(pk__in=[])
    name_q = person_name_q(text)
    if name_q is not None:
        q |= name_q
    document = normalise_document_number(text)
    if len(document) >= 4:
        q |= Q(document_key__contains=document)
    return Person.objects.filter(q)


#: Each source of the search reads at most this many case ids (README, "Scale: a million cases"). The
#: ids of the sources within it are named in the query (``id = ANY(array)``) and read by primary key;
#: a source past it (a common given name across a million cases) is not read out but tested for each
#: case the list walks in its order, which stops after a page.
SEARCH_SOURCE_CAP = 20_000


class IdInArray(Func):
    """``column = ANY(%s::bigint[])`` with the ids as one array parameter (PostgreSQL).

    The same rows as ``pk__in=ids``, but the query carries one parameter instead of thousands, so
    building and sending it costs no more than reading the rows. The cast keeps the comparison on the
    bigint primary key index whatever integer type the driver gives the array.
    """

    output_field = BooleanField()

    def __init__(self, column: str, ids: list[int]) -> None:
        super().__init__(F(column))
        self.ids = list(ids)

    def as_sql(self, compiler, connection, **extra_context):
        column_sql, column_params = compiler.compile(self.source_expressions[0])
        return f"{column_sql} = ANY(%s::bigint[])", (*column_params, self.ids)


def _case_text_sources(text: str) -> tuple[Q, list[tuple[QuerySet, str]]]:
    """The places `text` is searched: a condition on the case row itself, and (queryset, case field) pairs.

    One list serves both ways a source is used below (its ids read out, or tested case by case), so
    they cannot drift apart. The related sources join their person, company or taxon rather than
    nesting a subquery: read out they walk the trigram index and then (person, case) index only, and
    tested for one case they look at that case's few rows.
    """
    on_case = (
        Q(reference__icontains=text) | icontains_q("description", text) | icontains_q("location_text", text)
        | Q(criminal_case_number__icontains=text) | Q(agency_case_number__icontains=text)
    )
    related: list[tuple[QuerySet, str]] = []
    name_q = person_name_q(text, prefix="person__")
    if name_q is not None:
        related.append((CaseParty.objects.filter(name_q), "case_id"))
    document = normalise_document_number(text)
    if len(document) >= 4:
        related.append((CaseParty.objects.filter(person__document_key__contains=document), "case_id"))
    related += [
        (CaseParty.objects.filter(icontains_q("company__name", text)), "case_id"),
        (SeizedItem.objects.filter(
            icontains_q("notes", text) | icontains_q("unidentified_description", text)
            | Q(permit_number_as_written__icontains=text)
        ), "case_id"),
        # Apart from the item texts: an OR across the join would keep their trigram indexes unused.
        (SeizedItem.objects.filter(taxon__scientific_name__icontains=text), "case_id"),
    ]
    plate = re.sub(r"[^0-9A-Za-z]", "", text).upper()
    if len(plate) >= 3:
        related.append((Conveyance.objects.filter(identifier_normalized__contains=plate), "case_id"))
    return on_case, related


def _capped_source_ids(sources: list[QuerySet], cap: int) -> list[list[int] | None]:
    """The case ids of each source (a values_list of one column), or None for a source with more than `cap`.

    One round trip: ``SELECT n, id FROM (source n LIMIT cap + 1)`` for every source, joined by UNION ALL,
    so each source stops reading as soon as it is known to be too large.
    """
    parts, params = [], []
    for number, source in enumerate(sources):
        sql, source_params = source[: cap + 1].query.sql_with_params()
        parts.append(f"SELECT {number} AS source, s.* FROM ({sql}) s")
        params.extend(source_params)
    found: list[list[int] | None] = [[] for _ in sources]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for number, case_id in cursor.fetchall():
            found[number].append(case_id)
    return [ids if len(ids) <= cap else None for ids in found]


def case_text_q(text: str) -> Q:
    """Cases whose reference, description, persons (name or document), company, conveyance or items match `text`.

    Each source is its own small indexed query (trigram GIN indexes on PostgreSQL), read up to
    SEARCH_SOURCE_CAP ids (one query for all). The ids of the sources within the cap become one
    ``id = ANY(array)`` condition, read by primary key. A larger source (one common given name across a
    million cases) is instead tested for each case: the condition on the case row itself, or an EXISTS
    on that case's rows of the source. The list then walks its ``(occurred_at, id)`` index and stops
    after a page, instead of first reading and hashing every match (389 ms at a million). Either way
    the same cases are selected as by reading every source.
    """
    text = (text or "").strip()
    if not text:
        return Q()
    on_case, related = _case_text_sources(text)
    sources = [Case.objects.filter(on_case).order_by().values_list("pk", flat=True)]
    sources += [queryset.order_by().values_list(field, flat=True) for queryset, field in related]
    read = _capped_source_ids(sources, SEARCH_SOURCE_CAP)
    ids = sorted({case_id for found in read if found is not None for case_id in found})
    q = Q(pk__in=[])
    if ids:
        q = Q(IdInArray("pk", ids)) if connection.vendor == "postgresql" else Q(pk__in=ids)
    if read[0] is None:
        q |= on_case
    for (queryset, field), found in zip(related, read[1:], strict=True):
        if found is None:
            q |= Q(Exists(queryset.filter(**{field: OuterRef("pk")})))
    return q


def appendix_q(appendices: list[str], prefix: str = "") -> Q:
    """Items whose appendix on the seizure date (or, when not stamped, the taxon's current one) is listed."""
    return Q(**{f"{prefix}cites_appendix_at_seizure__in": appendices}) | Q(
        **{f"{prefix}cites_appendix_at_seizure": "", f"{prefix}taxon__cites_appendix__in": appendices}
    )


LIVE_ITEM_Q = Q(term__is_live=True) | Q(live_count__gt=0)


class CodeMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Objects named in the query by a code (`to_field_name`), matched as objects (agency=<Agency>).

    Used on single-valued foreign keys only, so no DISTINCT (which would sort every matching row).
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)

    def get_filter_predicate(self, v):
        return {self.field_name: v}


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """A repeatable choice on a plain column: an IN list, without DISTINCT."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class LocalDateFilter(django_filters.DateFilter):
    """A calendar date (in the site's time zone) compared as a datetime range on the stored column.

    `date_from=D` is `occurred_at >= D 00:00`, `date_to=D` is `occurred_at < (D+1) 00:00`, local time:
    the same cases as comparing the local date, but an index on the column serves it.
    """

    def __init__(self, *args, bound: str = "from", **kwargs) -> None:
        self.bound = bound
        super().__init__(*args, **kwargs)

    def filter(self, qs: QuerySet, value):
        if value in EMPTY_VALUES:
            return qs
        if self.bound == "to":
            value = value + datetime.timedelta(days=1)
        start = timezone.make_aware(datetime.datetime.combine(value, datetime.time.min))
        lookup = "gte" if self.bound == "from" else "lt"
        return qs.filter(**{f"{self.field_name}__{lookup}": start})


# --- cases ----------------------------------------------------------------------------------------

#: Case filters contributed by apps above seizures (name -> a function making a fresh Filter), added
#: to every CaseFilterSet. Registered from their AppConfig.ready() with `register_case_filter`, so
#: seizures never imports them (intelligence adds "has_flags"). A contributed filter reads the
#: user as `self.parent.user`.
EXTRA_CASE_FILTERS: dict[str, Callable[[], django_filters.Filter]] = {}


def register_case_filter(name: str, factory: Callable[[], django_filters.Filter]) -> None:
    EXTRA_CASE_FILTERS[name] = factory


class CaseFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label=_("Search"),
        help_text=_("Reference, description, person name (Cyrillic or Latin), document number, vehicle plate."),
    )
    date_from = LocalDateFilter(
        field_name="occurred_at", bound="from", label=_("From date"),
        help_text=_("Seized on or after this date (YYYY-MM-DD)."),
    )
    date_to = LocalDateFilter(
        field_name="occurred_at", bound="to", label=_("To date"),
        help_text=_("Seized on or before this date (YYYY-MM-DD)."),
    )
    year = django_filters.NumberFilter(field_name="year", label=_("Year"))
    agency = CodeMultipleChoiceFilter(
        queryset=Agency.objects.all(), to_field_name="code", label=_("Agency"),
        help_text=_("Owning agency code, e.g. KG-CUS (repeatable)."),
    )
    post = CodeMultipleChoiceFilter(
        queryset=Post.objects.all(), to_field_name="code", label=_("Post"), help_text=_("Post code (repeatable)."),
    )
    origin_country = CodeMultipleChoiceFilter(
        queryset=Country.objects.all(), to_field_name="iso2", label=_("Country of origin"),
        help_text=_("ISO alpha-2 country code (repeatable)."),
    )
    transit_country = django_filters.ModelMultipleChoiceFilter(
        field_name="transit_countries", queryset=Country.objects.all(), to_field_name="iso2",
        method="filter_transit", label=_("Transit country"), help_text=_("ISO alpha-2 country code (repeatable)."),
    )
    destination_country = CodeMultipleChoiceFilter(
        queryset=Country.objects.all(), to_field_name="iso2", label=_("Country of destination"),
        help_text=_("ISO alpha-2 country code (repeatable)."),
    )
    taxon = django_filters.ModelChoiceFilter(
        queryset=Taxon.objects.all(), method="filter_taxon", label=_("Taxon"),
        help_text=_("Taxon id: cases with an item of this taxon or any taxon below it (genus, family, order)."),
    )
    appendix = django_filters.MultipleChoiceFilter(
        choices=Appendix.choices, method="filter_appendix", label=_("CITES appendix"),
        help_text=_("Appendix on the seizure date (repeatable)."),
    )
    term = django_filters.ModelMultipleChoiceFilter(
        field_name="items__term", queryset=Term.objects.all(), to_field_name="code", method="filter_term",
        label=_("Term"),
        help_text=_("CITES term code, e.g. LIV, HOR (repeatable)."),
    )
    detection_method = ChoicesFilter(choices=DetectionMethod.choices,
                                                           label=_("Detection method"))
    transport_mode = ChoicesFilter(choices=TransportMode.choices, label=_("Transport mode"))
    concealment = ChoicesFilter(choices=Concealment.choices, label=_("Concealment"))
    status = ChoicesFilter(choices=CaseStatus.choices, label=_("Status"))
    sharing_level = ChoicesFilter(choices=SharingLevel.choices, label=_("Sharing level"))
    has_live_animals = django_filters.BooleanFilter(
        method="filter_live", label=_("Live animals"), widget=BOOLEAN_WIDGET,
        help_text=_("true: cases with live specimens; false: cases without."),
    )
    is_voided = django_filters.BooleanFilter(label=_("Voided"), widget=BOOLEAN_WIDGET)
    person = django_filters.NumberFilter(
        method="filter_person", label=_("Person"), help_text=_("Person id: cases this person is party to."),
    )
    party_role = django_filters.MultipleChoiceFilter(
        choices=PartyRole.choices, method="filter_party_role", label=_("Party role"),
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        #: The user the cases are filtered for (contributed filters narrow by what this user may know).
        self.user = user if user is not None else getattr(self.request, "user", None)
        for name, factory in EXTRA_CASE_FILTERS.items():
            extra = factory()
            extra.field_name = extra.field_name or name
            extra.parent = self
            self.filters[name] = extra

    class Meta:
        model = Case
        fields = [
            "q", "date_from", "date_to", "year", "agency", "post", "origin_country", "transit_country",
            "destination_country", "taxon", "appendix", "term", "detection_method", "transport_mode",
            "concealment", "status", "sharing_level", "has_live_animals", "is_voided", "person", "party_role",
        ]

    def filter_q(self, queryset: QuerySet[Case], name: str, value: str) -> QuerySet[Case]:
        return queryset.filter(case_text_q(value))

    def filter_transit(self, queryset: QuerySet[Case], name: str, value) -> QuerySet[Case]:
        if not value:
            return queryset
        through = Case.transit_countries.through.objects.filter(country__in=value).values("case_id")
        return queryset.filter(pk__in=through)

    def filter_taxon(self, queryset: QuerySet[Case], name: str, value: Taxon | None) -> QuerySet[Case]:
        if not value:
            return queryset
        items = SeizedItem.objects.filter(taxon_subtree_q(value, "taxon__")).values("case_id")
        return queryset.filter(pk__in=items)

    def filter_appendix(self, queryset: QuerySet[Case], name: str, value: list[str]) -> QuerySet[Case]:
        if not value:
            return queryset
        return queryset.filter(pk__in=SeizedItem.objects.filter(appendix_q(list(value))).values("case_id"))

    def filter_term(self, queryset: QuerySet[Case], name: str, value) -> QuerySet[Case]:
        if not value:
            return queryset
        return queryset.filter(pk__in=SeizedItem.objects.filter(term__in=value).values("case_id"))

    def filter_live(self, queryset: QuerySet[Case], name: str, value: bool | None) -> QuerySet[Case]:
        if value is None:
            return queryset
        live = SeizedItem.objects.filter(LIVE_ITEM_Q).values("case_id")
        return queryset.filter(pk__in=live) if value else queryset.exclude(pk__in=live)

    def filter_person(self, queryset: QuerySet[Case], name: str, value) -> QuerySet[Case]:
        if value is None:
            return queryset
        return queryset.filter(pk__in=CaseParty.objects.filter(person_id=int(value)).values("case_id"))

    def filter_party_role(self, queryset: QuerySet[Case], name: str, value: list[str]) -> QuerySet[Case]:
        if not value:
            return queryset
        return queryset.filter(pk__in=CaseParty.objects.filter(role__in=value).values("case_id"))


# --- items ----------------------------------------------------------------------------------------

class SeizedItemFilterSet(django_filters.FilterSet):
    case = django_filters.NumberFilter(field_name="case_id", label=_("Case"), help_text=_("Case id."))
    date_from = LocalDateFilter(field_name="case__occurred_at", bound="from", label=_("From date"))
    date_to = LocalDateFilter(field_name="case__occurred_at", bound="to", label=_("To date"))
    agency = CodeMultipleChoiceFilter(field_name="case__agency", queryset=Agency.objects.all(),
                                      to_field_name="code", label=_("Agency"))
    taxon = django_filters.ModelChoiceFilter(
        queryset=Taxon.objects.all(), method="filter_taxon", label=_("Taxon"),
        help_text=_("Taxon id: this taxon and every taxon below it."),
    )
    appendix = django_filters.MultipleChoiceFilter(choices=Appendix.choices, method="filter_appendix",
                                                   label=_("CITES appendix"))
    term = CodeMultipleChoiceFilter(queryset=Term.objects.all(), to_field_name="code", label=_("Term"))
    is_live = django_filters.BooleanFilter(method="filter_live", label=_("Live"), widget=BOOLEAN_WIDGET)
    disposition = django_filters.CharFilter(label=_("Disposition"))

    class Meta:
        model = SeizedItem
        fields = ["case", "date_from", "date_to", "agency", "taxon", "appendix", "term", "is_live", "disposition"]

    def filter_taxon(self, queryset: QuerySet[SeizedItem], name: str, value: Taxon | None) -> QuerySet[SeizedItem]:
        return queryset.filter(taxon_subtree_q(value, "taxon__")) if value else queryset

    def filter_appendix(self, queryset: QuerySet[SeizedItem], name: str, value: list[str]) -> QuerySet[SeizedItem]:
        return queryset.filter(appendix_q(list(value))) if value else queryset

    def filter_live(self, queryset: QuerySet[SeizedItem], name: str, value: bool | None) -> QuerySet[SeizedItem]:
        if value is None:
            return queryset
        return queryset.filter(LIVE_ITEM_Q) if value else queryset.exclude(LIVE_ITEM_Q)


# --- persons --------------------------------------------------------------------------------------

class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q", label=_("Name or document"),
        help_text=_("Name in Cyrillic or Latin (any order, any transliteration) or identity-document number."),
    )
    document = django_filters.CharFilter(method="filter_document", label=_("Document number"))
    nationality = CodeMultipleChoiceFilter(queryset=Country.objects.all(), to_field_name="iso2",
                                           label=_("Nationality"))
    birth_year = django_filters.NumberFilter(label=_("Year of birth"))
    case = django_filters.NumberFilter(method="filter_case", label=_("Case"), help_text=_("Case id."))

    class Meta:
        model = Person
        fields = ["q", "document", "nationality", "birth_year", "case"]

    def filter_q(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        return queryset.filter(pk__in=matching_persons(value).values("pk"))

    def filter_document(self, queryset: QuerySet[Person], name: str, value: str) -> QuerySet[Person]:
        key = normalise_document_number(value)
        return queryset.filter(document_key=key) if key else queryset

    def filter_case(self, queryset: QuerySet[Person], name: str, value) -> QuerySet[Person]:
        if value is None:
            return queryset
        # Only links through cases the user may see: a hidden case must not reveal who is party to it.
        links = CaseParty.objects.visible_to(getattr(self.request, "user", None)).filter(case_id=int(value))
        return queryset.filter(pk__in=links.values("person_id"))
