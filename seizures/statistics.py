"""Case statistics by ORM aggregation: counts, quantities (summed per unit) and estimated values (per currency).

Give `case_statistics` a case queryset already restricted by the visibility rule and filtered
(e.g. by `CaseFilterSet`); voided cases are always left out. Quantities of different units are
never added together: each group carries one total per unit ("" = number of specimens), and
values one total per currency.

`visible_statistics` is what the API calls: an unfiltered request is first offered to the sources that
apps above seizures register with `register_statistics_source` from their AppConfig.ready() (analytics
registers its rollup, so seizures never imports it); a source answers the same rows or None (not
covered, not fresh), and then the cases are counted live.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, DateField, F, QuerySet, Sum
from django.db.models.functions import TruncMonth, TruncQuarter, TruncYear

from .choices import Concealment, DetectionMethod, TransportMode
from .models import Case, SeizedItem


@dataclass(frozen=True)
class Grouping:
    """How rows are grouped: case fields (or, with `item_level`, item fields) or a truncated date.

    `names` are the keys of the "group" dict in the output, one per field.
    """

    fields: tuple[str, ...]
    names: tuple[str, ...]
    item_level: bool = False
    trunc: Callable[..., Any] | None = None
    choices: type[models.TextChoices] | None = None


GROUPINGS: dict[str, Grouping] = {
    "month": Grouping(("period",), ("period",), trunc=TruncMonth),
    "quarter": Grouping(("period",), ("period",), trunc=TruncQuarter),
    "year": Grouping(("period",), ("period",), trunc=TruncYear),
    "agency": Grouping(("agency__code",), ("agency",)),
    "post": Grouping(("post__code",), ("post",)),
    "route": Grouping(("origin_country__iso2", "destination_country__iso2"), ("origin", "destination")),
    "origin": Grouping(("origin_country__iso2",), ("origin",)),
    "destination": Grouping(("destination_country__iso2",), ("destination",)),
    "detection_method": Grouping(("detection_method",), ("detection_method",), choices=DetectionMethod),
    "transport_mode": Grouping(("transport_mode",), ("transport_mode",), choices=TransportMode),
    "concealment": Grouping(("concealment",), ("concealment",), choices=Concealment),
    "species": Grouping(("taxon__scientific_name",), ("taxon",), item_level=True),
    "genus": Grouping(("taxon__genus",), ("genus",), item_level=True),
    "family": Grouping(("taxon__family",), ("family",), item_level=True),
    "order": Grouping(("taxon__order",), ("order",), item_level=True),
    "class": Grouping(("taxon__class_name",), ("class",), item_level=True),
    "appendix": Grouping(("cites_appendix_at_seizure",), ("appendix",), item_level=True),
    "term": Grouping(("term__code",), ("term",), item_level=True),
}
#: The names accepted by `group_by`.
GROUP_BY_CHOICES = tuple(GROUPINGS)

#: A faster answer for a user's unfiltered statistics: (user, group_by) -> rows, or None when not covered.
StatisticsSource = Callable[[Any, str], "list[dict[str, Any]] | None"]
_SOURCES: list[StatisticsSource] = []


def register_statistics_source(source: StatisticsSource) -> None:
    """Offer `source` the unfiltered statistics requests (called from an AppConfig.ready())."""
    if source not in _SOURCES:
        _SOURCES.append(source)


def visible_statistics(user: Any, cases: QuerySet[Case], group_by: str, *,
                       filtered: bool) -> tuple[list[dict[str, Any]], str]:
    """(rows, "rollup" or "live") for `cases`, the user's visible cases after the request's filters.

    Without filters a registered source may answer (the same rows, from precomputed counts)."""
    if not filtered:
        for source in _SOURCES:
            rows = source(user, group_by)
            if rows is not None:
                return rows, "rollup"
    return case_statistics(cases, group_by), "live"


def statistics_row(group: dict[str, Any], *, cases: int = 0, items: int = 0, live_specimens: int = 0,
                   quantities: dict[str, Decimal] | None = None,
                   values: dict[str, Decimal] | None = None) -> dict[str, Any]:
    """One output row from totals (quantities per unit code, values per currency)."""
    return {
        "group": group, "cases": cases, "items": items, "live_specimens": live_specimens,
        "quantities": [{"unit": unit, "quantity": _decimal(q)} for unit, q in sorted((quantities or {}).items())],
        "values": [{"currency": c, "amount": _decimal(v)} for c, v in sorted((values or {}).items())],
    }


def _sort_key(values: tuple) -> tuple:
    return tuple("" if v is None else str(v) for v in values)


def merge_statistics(*row_lists: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the same group added up (cases, items, specimens, each unit, each currency), sorted."""
    totals: dict[tuple, dict[str, Any]] = {}
    for rows in row_lists:
        for row in rows:
            key = tuple(row["group"].values())
            entry = totals.setdefault(key, {"group": row["group"], "cases": 0, "items": 0, "live_specimens": 0,
                                            "quantities": {}, "values": {}})
            for name in ("cases", "items", "live_specimens"):
                entry[name] += row[name]
            for q in row["quantities"]:
                entry["quantities"][q["unit"]] = entry["quantities"].get(q["unit"], 0) + Decimal(q["quantity"])
            for v in row["values"]:
                entry["values"][v["currency"]] = entry["values"].get(v["currency"], 0) + Decimal(v["amount"])
    return [statistics_row(e.pop("group"), **e) for _k, e in sorted(totals.items(), key=lambda kv: _sort_key(kv[0]))]


def _annotated(queryset: QuerySet, grouping: Grouping, prefix: str) -> tuple[QuerySet, list[str]]:
    """The queryset with the grouping annotated (for a truncated date) and the values() names."""
    if grouping.trunc is not None:
        queryset = queryset.annotate(period=grouping.trunc(f"{prefix}occurred_at", output_field=DateField()))
        return queryset, ["period"]
    return queryset, [f"{prefix}{field}" for field in grouping.fields]


def _key(row: dict[str, Any], names: list[str]) -> tuple:
    return tuple(row[name] for name in names)


def case_statistics(cases: QuerySet[Case], group_by: str) -> list[dict[str, Any]]:
    """Rows of {"group": {...}, "cases", "items", "live_specimens", "quantities": [...], "values": [...]}.

    Three aggregate queries whatever the number of cases. Raises KeyError for an unknown `group_by`.
    """
    grouping = GROUPINGS[group_by]
    cases = cases.filter(is_voided=False)
    items = SeizedItem.objects.filter(case__in=cases.values("pk"))
    case_prefix = "" if not grouping.item_level else None
    item_prefix = "" if grouping.item_level else "case__"

    if case_prefix is not None:
        case_qs, case_names = _annotated(cases.order_by(), grouping, case_prefix)
        case_rows = case_qs.values(*case_names).annotate(n=Count("pk", distinct=True))
    else:
        case_qs, case_names = _annotated(items.order_by(), grouping, item_prefix)
        case_rows = case_qs.values(*case_names).annotate(n=Count("case", distinct=True))
    item_qs, item_names = _annotated(items.order_by(), grouping, item_prefix)
    unit_rows = item_qs.values(*item_names, unit_code=F("unit__code")).annotate(
        n=Count("pk"), quantity=Sum("quantity"), live=Sum("live_count")
    )
    value_rows = (
        item_qs.filter(estimated_value__isnull=False)
        .values(*item_names, "currency")
        .annotate(amount=Sum("estimated_value"))
    )

    out_names = grouping.names
    groups: dict[tuple, dict[str, Any]] = {}

    def group(key: tuple) -> dict[str, Any]:
        if key not in groups:
            groups[key] = {
                "group": {name: _plain(value) for name, value in zip(out_names, key, strict=True)},
                "cases": 0, "items": 0, "live_specimens": 0, "quantities": [], "values": [],
            }
            if grouping.choices is not None:  # the translated name of a coded value
                labels = dict(grouping.choices.choices)
                groups[key]["group"]["label"] = str(labels.get(key[0], key[0] or ""))
        return groups[key]

    for row in case_rows:
        group(_key(row, case_names))["cases"] = row["n"]
    for row in unit_rows:
        entry = group(_key(row, item_names))
        entry["items"] += row["n"]
        entry["live_specimens"] += row["live"] or 0
        entry["quantities"].append({"unit": row["unit_code"] or "", "quantity": _decimal(row["quantity"])})
    for row in value_rows:
        group(_key(row, item_names))["values"].append(
            {"currency": row["currency"], "amount": _decimal(row["amount"])}
        )
    for entry in groups.values():
        entry["quantities"].sort(key=lambda q: q["unit"])
        entry["values"].sort(key=lambda v: v["currency"])
    return [groups[key] for key in sorted(groups, key=_sort_key)]


def _decimal(value: Decimal | None) -> str:
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value or 0)


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
