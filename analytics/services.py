"""The statistics page's data: the seizures statistics service, labelled for people, drawn and tabled.

`statistics_view` takes the user's request parameters (the case list's filters plus `group_by`
and `measure`), restricts to `Case.objects.visible_to(user)`, calls
`seizures.statistics.case_statistics` unchanged, and returns labelled rows, the SVG chart and the
CSV rows. Quantities stay one total per unit, values one total per currency.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Country, Post
from common.hygiene import clean_text
from seizures.filtersets import CaseFilterSet
from seizures.models import Case
from seizures.statistics import GROUPINGS, case_statistics
from species.models import Term, Unit

from . import charts
from .models import SavedSearch

AnyUser = AbstractBaseUser | AnonymousUser

#: Groupings offered on the page, in the order shown, with their chart kind.
GROUP_BY_LABELS: dict[str, Any] = {
    "month": gettext_lazy("Month"),
    "quarter": gettext_lazy("Quarter"),
    "year": gettext_lazy("Year"),
    "agency": gettext_lazy("Agency"),
    "post": gettext_lazy("Post"),
    "route": gettext_lazy("Route (origin → destination)"),
    "origin": gettext_lazy("Country of origin"),
    "destination": gettext_lazy("Country of destination"),
    "detection_method": gettext_lazy("Detection method"),
    "transport_mode": gettext_lazy("Transport mode"),
    "concealment": gettext_lazy("Concealment"),
    "species": gettext_lazy("Species"),
    "genus": gettext_lazy("Genus"),
    "family": gettext_lazy("Family"),
    "order": gettext_lazy("Order"),
    "class": gettext_lazy("Class"),
    "appendix": gettext_lazy("CITES appendix"),
    "term": gettext_lazy("Term"),
}
TIME_GROUPINGS = ("month", "quarter", "year")
MEASURES: dict[str, Any] = {
    "cases": gettext_lazy("Cases"),
    "items": gettext_lazy("Seized items"),
    "live_specimens": gettext_lazy("Live specimens"),
}
DEFAULT_GROUP_BY = "month"


def number(value: Any) -> str:
    """A number for people, in the active language (never used for coordinates)."""
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@dataclass
class StatisticsResult:
    group_by: str
    measure: str
    rows: list[dict[str, Any]]
    svg: str
    totals: dict[str, Any] = field(default_factory=dict)


def _names(model, key: str, values: set) -> dict[Any, str]:
    values = {v for v in values if v}
    if not values:
        return {}
    return {getattr(o, key): str(o.name) for o in model.objects.filter(**{f"{key}__in": values})}


def _period_label(group_by: str, value: str | None) -> str:
    if not value:
        return _("No date")
    day = date.fromisoformat(value)
    if group_by == "year":
        return str(day.year)
    if group_by == "quarter":
        return _("Q%(quarter)s %(year)s") % {"quarter": (day.month - 1) // 3 + 1, "year": day.year}
    return formats.date_format(day, "YEAR_MONTH_FORMAT")


def _label_rows(group_by: str, rows: list[dict[str, Any]]) -> None:
    """Give each row a "label" in the active language (names for codes) and a "key" for the CSV."""
    names = GROUPINGS[group_by].names
    values = {v for row in rows for v in row["group"].values()}
    lookup: dict[Any, str] = {}
    if group_by in ("origin", "destination", "route"):
        lookup = _names(Country, "iso2", values)
    elif group_by == "agency":
        lookup = _names(Agency, "code", values)
    elif group_by == "post":
        lookup = _names(Post, "code", values)
    elif group_by == "term":
        lookup = _names(Term, "code", values)
    unknown = _("Not recorded")
    for row in rows:
        group = row["group"]
        row["key"] = " → ".join(str(group[n] or "") for n in names)
        if group_by in TIME_GROUPINGS:
            row["label"] = _period_label(group_by, group["period"])
        elif "label" in group:
            row["label"] = group["label"] or unknown
        elif group_by == "route":
            row["source"] = lookup.get(group["origin"], group["origin"]) or unknown
            row["target"] = lookup.get(group["destination"], group["destination"]) or unknown
            row["label"] = f"{row['source']} → {row['target']}"
        else:
            value = group[names[0]]
            row["label"] = (lookup.get(value, value) if value else unknown) or unknown
        if group_by == "appendix" and group["appendix"]:
            row["label"] = _("Appendix %(appendix)s") % {"appendix": group["appendix"]}


def _unit_names(rows: list[dict[str, Any]]) -> dict[str, str]:
    codes = {q["unit"] for row in rows for q in row["quantities"] if q["unit"]}
    names = _names(Unit, "code", codes)
    names[""] = _("specimens")
    return names


def filterset_for(user: AnyUser, params: QueryDict) -> CaseFilterSet:
    """The case list's filterset over the cases `user` may see."""
    return CaseFilterSet(params or None, queryset=Case.objects.visible_to(user), user=user)


def statistics_view(user: AnyUser, params: QueryDict) -> tuple[CaseFilterSet, StatisticsResult]:
    group_by = params.get("group_by", DEFAULT_GROUP_BY)
    group_by = group_by if group_by in GROUP_BY_LABELS else DEFAULT_GROUP_BY
    measure = params.get("measure", "cases")
    measure = measure if measure in MEASURES else "cases"
    filterset = filterset_for(user, params)
    cases = filterset.qs if filterset.is_bound and filterset.is_valid() else Case.objects.visible_to(user)
    rows = case_statistics(cases, group_by)
    _label_rows(group_by, rows)
    units = _unit_names(rows)
    for row in rows:
        row["quantity_text"] = [
            {"unit": q["unit"], "unit_name": units.get(q["unit"], q["unit"]), "quantity": q["quantity"]}
            for q in row["quantities"]
        ]
    title = _("%(measure)s, grouped by: %(grouping)s") % {
        "measure": MEASURES[measure], "grouping": GROUP_BY_LABELS[group_by],
    }
    svg = draw(group_by, measure, rows, title)
    totals = {
        "cases": cases.filter(is_voided=False).count(),
        "items": sum(r["items"] for r in rows) if not GROUPINGS[group_by].item_level else None,
        "live_specimens": sum(r["live_specimens"] for r in rows),
    }
    return filterset, StatisticsResult(group_by, measure, rows, svg, totals)


def draw(group_by: str, measure: str, rows: list[dict[str, Any]], title: str) -> str:
    if group_by in TIME_GROUPINGS:
        points = [charts.Point(r["label"], r[measure]) for r in rows]
        return charts.time_series(points, title, number)
    if group_by == "route":
        flows = [charts.Flow(r["source"], r["target"], r[measure]) for r in rows]
        return charts.route_flows(flows, title, number)
    return charts.ranked_bars([charts.Point(r["label"], r[measure]) for r in rows], title, number)


def statistics_csv(result: StatisticsResult) -> str:
    """One line per group and unit (quantities never summed across units); values per currency."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["group_by", "key", "label", "cases", "items", "live_specimens", "unit", "quantity",
                     "values"])
    for row in result.rows:
        values = "; ".join(f"{v['amount']} {v['currency']}" for v in row["values"])
        quantities = row["quantities"] or [{"unit": "", "quantity": "0"}]
        for q in quantities:
            writer.writerow([result.group_by, row["key"], row["label"], row["cases"], row["items"],
                             row["live_specimens"], q["unit"], q["quantity"], values])
    return out.getvalue()


# --- saved searches -------------------------------------------------------------------------------

#: Parameters never stored in a saved search (they are not filters).
NOT_SAVED = ("page", "csrfmiddlewaretoken", "search_name")


def saved_query(params: QueryDict) -> str:
    """The filter part of a case-list query string, without paging or empty values."""
    query = QueryDict(mutable=True)
    for key in params:
        if key in NOT_SAVED:
            continue
        values = [v for v in params.getlist(key) if v.strip()]
        if values:
            query.setlist(key, values)
    return query.urlencode()


def save_search(user: AnyUser, name: str, params: QueryDict) -> SavedSearch:
    """Create or replace the user's saved search called `name` with these filters."""
    name = clean_text(name or "")[:100]
    if not name:
        raise ValidationError(_("Give the search a name."))
    search, _created = SavedSearch.objects.update_or_create(
        user=user, name=name, defaults={"query": saved_query(params)[:2000]}
    )
    return search
