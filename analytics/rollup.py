"""The case statistics rollup: counts by month and route answered from a small table, the rule still exact.

`refresh_rollup()` rewrites `CaseRollup` from the cases in one aggregate query (task `analytics.refresh_rollup`).
`rollup_counts(user, group_by)` answers "cases per month / year / origin / destination / route / agency" for
the cases `user` may see. The visibility rule (`seizures.querysets.case_visibility_q`) depends on a case's
owning agency, sharing level and draft status, and for named and cross-border regional sharing on the
case's sharing lists. Rows decided by the first three are summed from the rollup (`_covered_q`); the others
(cases opened to the user only by a sharing list) are counted live, a few rows through the case indexes.
Both parts are disjoint and together are exactly `Case.objects.visible_to(user)` as of the last refresh.

`rollup_statistics(user, group_by)` gives the statistics API's rows (cases, items, live specimens, quantity
per unit, value per currency) the same way; it is registered in `AnalyticsConfig.ready()` as a source of
`seizures.statistics` and answers while the rows are fresh: the newest case and item history ids are the
ones the refresh saw (any save, void, import or item change writes a history row), or the only changes
since are cases recorded after it (the daily work of a checkpoint), whose statistics are counted live and
added, and edits that leave a counted case's figures as they were (closing it, its outcome or court
result; `cases_added_since`). Otherwise it answers None and the API counts live, so the figures are
always exact.
"""
from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, F, Max, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from agencies.choices import Role
from seizures import statistics
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import Case, SeizedItem
from seizures.querysets import membership_of

from .models import CaseRollup

#: group_by → the rollup columns that make the key.
GROUPS: dict[str, tuple[str, ...]] = {
    "month": ("month",),
    "year": ("month__year",),
    "agency": ("agency__code",),
    "origin": ("origin_country__iso2",),
    "destination": ("destination_country__iso2",),
    "route": ("origin_country__iso2", "destination_country__iso2"),
}
#: The same keys read from the cases (the live part).
_LIVE: dict[str, tuple[str, ...]] = {
    "month": ("rollup_month",),
    "year": ("occurred_at__year",),
    "agency": ("agency__code",),
    "origin": ("origin_country__iso2",),
    "destination": ("destination_country__iso2",),
    "route": ("origin_country__iso2", "destination_country__iso2"),
}


#: group_by → the kind of rollup rows that answers it.
KINDS = {"month": "month", "year": "month", "agency": "month", "origin": "route", "destination": "route",
         "route": "route"}


#: Rollup kind → the case columns of its key, as read from the cases and from the items.
_KIND_COLUMNS = {"month": (("rollup_month",), ("rollup_month",)),
                 "route": (("origin_country_id", "destination_country_id"), ("r_origin", "r_destination"))}
_CASE_SCOPE, _ITEM_SCOPE = ("agency_id", "sharing_level", "draft"), ("r_agency", "r_level", "draft")


def _marks() -> tuple[int, int]:
    """The newest case and item history ids (primary keys: read from their index)."""
    case = Case.history.model.objects.aggregate(m=Max("history_id"))["m"] or 0
    item = SeizedItem.history.model.objects.aggregate(m=Max("history_id"))["m"] or 0
    return case, item


#: At most this many cases recorded since the refresh are counted live beside the rollup; more (a bulk import)
#: and the statistics are counted live until the next refresh.
ADDED_CASES_CAP = 5_000


#: The case fields a statistic reads (scope, period, route); a change to any other (status between open and
#: closed, outcome, description, court result) leaves the case's figures as the refresh counted them.
STATISTICS_FIELDS = ("agency_id", "sharing_level", "is_voided", "occurred_at", "origin_country_id",
                     "destination_country_id")


def cases_added_since(case_mark: int, item_mark: int) -> list[int] | None:
    """The cases recorded after the refresh whose marks these are, when nothing else that a statistic reads
    changed since then.

    The rollup holds none of them, so their statistics, counted live, add up beside its rows (the sets are
    disjoint) to the statistics of now. A case the refresh counted may have been edited since as long as its
    figures stay what the refresh counted (`_counted_as_before`: the same scope, date, route and sharing
    lists, and no item changed). Any other change, or more than ADDED_CASES_CAP cases touched, gives None.
    Reads the history tables by their indexes (history id, case id).
    """
    case_history, item_history = Case.history.model, SeizedItem.history.model
    touched = set(case_history.objects.filter(history_id__gt=case_mark).order_by()
                  .values_list("id", flat=True).distinct()[:ADDED_CASES_CAP + 1])
    if len(touched) > ADDED_CASES_CAP:
        return None
    item_cases = set(item_history.objects.filter(history_id__gt=item_mark).order_by()
                     .values_list("case_id", flat=True).distinct()[:ADDED_CASES_CAP + 1])
    if not item_cases <= touched:  # an item of a case with no case change since: a case that existed then
        return None
    counted = set(case_history.objects.filter(id__in=touched, history_id__lte=case_mark).order_by()
                  .values_list("id", flat=True).distinct()) if touched else set()
    if counted and (counted & item_cases or not _counted_as_before(counted, case_mark)):
        return None
    return sorted(touched - counted)


def _counted_as_before(case_ids: set[int], case_mark: int) -> bool:
    """Whether each case reads now, for every statistic, as in its last history row up to `case_mark`: the
    same STATISTICS_FIELDS, draft or not, and the same sharing lists."""
    from django.apps import apps

    case_history = Case.history.model
    at_mark: dict[int, dict[str, Any]] = {}
    for row in (case_history.objects.filter(id__in=case_ids, history_id__lte=case_mark)
                .order_by("id", "-history_id").values("id", "history_id", "status", *STATISTICS_FIELDS)):
        at_mark.setdefault(row["id"], row)
    now = {row["id"]: row for row in Case.objects.filter(pk__in=case_ids).values("id", "status", *STATISTICS_FIELDS)}
    for case_id, then in at_mark.items():
        current = now.get(case_id)
        if current is None or any(then[name] != current[name] for name in STATISTICS_FIELDS):
            return False
        if (then["status"] == CaseStatus.DRAFT) != (current["status"] == CaseStatus.DRAFT):
            return False
    history_ids = [row["history_id"] for row in at_mark.values()]
    for relation, target in (("shared_with_agencies", "agency_id"), ("shared_with_countries", "country_id")):
        lists_then = apps.get_model("seizures", f"HistoricalCase_{relation}").objects.filter(
            history_id__in=history_ids).values_list("case_id", target)
        through = getattr(Case, relation).through
        lists_now = through.objects.filter(case_id__in=case_ids).values_list("case_id", target)
        if set(lists_then) != set(lists_now):
            return False
    return True


def with_added_cases(rows: list[dict[str, Any]], user: Any, group_by: str, added: list[int]) -> list[dict[str, Any]]:
    """The rollup's rows for `user` plus the live statistics of the cases recorded since (`cases_added_since`)."""
    if not added:
        return rows
    new = Case.objects.visible_to(user).filter(pk__in=added)
    return statistics.merge_statistics(rows, statistics.case_statistics(new, group_by))


def current_additions(marks: tuple[int, int]) -> list[int] | None:
    """[] when the rollup with these marks is current, the cases recorded since when only they changed, else
    None (count everything live)."""
    if tuple(marks) == _marks():
        return []
    return cases_added_since(*marks)


def _month(value: Any) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else value


def refresh_rollup() -> int:
    """Rebuild the case and item rollups from the non-voided cases and their items; returns the number of rows.

    On PostgreSQL, outside a transaction, it reads one snapshot (REPEATABLE READ), so the counts and the
    history marks agree."""
    snapshot = connection.vendor == "postgresql" and not connection.in_atomic_block
    with transaction.atomic():
        if snapshot:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        return _rebuild()


def _rebuild() -> int:
    now = timezone.now()
    case_mark, item_mark = _marks()
    draft = ExpressionWrapper(Q(status=CaseStatus.DRAFT), output_field=BooleanField())
    cases = Case.objects.filter(is_voided=False).annotate(rollup_month=TruncMonth("occurred_at"), draft=draft)
    items = SeizedItem.objects.filter(case__is_voided=False).annotate(
        rollup_month=TruncMonth("case__occurred_at"), r_agency=F("case__agency_id"), r_level=F("case__sharing_level"),
        r_origin=F("case__origin_country_id"), r_destination=F("case__destination_country_id"),
        draft=ExpressionWrapper(Q(case__status=CaseStatus.DRAFT), output_field=BooleanField()))
    objs: dict[tuple, CaseRollup] = {}
    Via = CaseRollup.Via
    through = Case.shared_with_agencies.through
    for kind in _KIND_COLUMNS:
        add = _Adder(objs, kind, case_mark, item_mark, now)
        add(Via.SCOPE, cases, items)
        # One row per (case, target) of a sharing list: a join counts each case once per agency or country.
        for via, level, relation in ((Via.AGENCY, SharingLevel.NAMED, "shared_with_agencies"),
                                     (Via.REGIONAL, SharingLevel.REGIONAL, "shared_with_countries")):
            add(via, cases.filter(sharing_level=level).annotate(r_target=F(relation)).filter(r_target__isnull=False),
                items.filter(case__sharing_level=level).annotate(r_target=F(f"case__{relation}"))
                .filter(r_target__isnull=False))
        # Named sharing seen by a country's analysts: each case once, however many of its agencies are named.
        for country in set(through.objects.values_list("agency__country_id", flat=True).distinct()):
            opened = through.objects.filter(agency__country_id=country).values("case_id")
            add(Via.COUNTRY_NAMED, cases.filter(sharing_level=SharingLevel.NAMED, pk__in=opened), items.filter(
                case__sharing_level=SharingLevel.NAMED, case_id__in=opened), target=country)
    CaseRollup.objects.all().delete()
    CaseRollup.objects.bulk_create(objs.values(), batch_size=2000)
    # The taxon groupings, in the same transaction and snapshot (imported here: item_rollup reads this module).
    from .item_rollup import rebuild_item_rollup

    return len(objs) + rebuild_item_rollup(case_mark, item_mark)


class _Adder:
    """Adds the rollup rows of one kind and one `via` from a case and an item queryset (three aggregates)."""

    def __init__(self, objs: dict[tuple, CaseRollup], kind: str, case_mark: int, item_mark: int,
                 now: datetime.datetime) -> None:
        self.objs, self.kind, self.marks, self.now = objs, kind, (case_mark, item_mark), now

    def __call__(self, via: str, cases: Any, items: Any, target: int | None = None) -> None:
        columns, item_columns = _KIND_COLUMNS[self.kind]
        joined = via in (CaseRollup.Via.AGENCY, CaseRollup.Via.REGIONAL)
        extra = ("r_target",) if joined else ()
        names, item_names = (*_CASE_SCOPE, *columns, *extra), (*_ITEM_SCOPE, *item_columns, *extra)

        def key(r: dict, cols: tuple) -> tuple:
            return (self.kind, via, r["r_target"] if joined else target, *(r[c] for c in cols[:-1 if joined else None]))

        country_target = via in (CaseRollup.Via.REGIONAL, CaseRollup.Via.COUNTRY_NAMED)
        for r in cases.values(*names).annotate(n=Count("id")).order_by():
            aim = r["r_target"] if joined else target
            self.objs[key(r, names)] = CaseRollup(
                kind=self.kind, via=via, agency_id=r["agency_id"], sharing_level=r["sharing_level"],
                is_draft=r["draft"], month=_month(r.get("rollup_month")), origin_country_id=r.get("origin_country_id"),
                destination_country_id=r.get("destination_country_id"), cases=r["n"], quantities={}, values={},
                shared_agency_id=aim if via == CaseRollup.Via.AGENCY else None,
                shared_country_id=aim if country_target else None,
                case_mark=self.marks[0], item_mark=self.marks[1], refreshed_at=self.now)
        for r in items.values(*item_names, unit_code=F("unit__code")).annotate(
                n=Count("id"), quantity=Sum("quantity"), live=Sum("live_count")).order_by():
            row = self.objs[key(r, item_names)]
            row.items += r["n"]
            row.live_specimens += r["live"] or 0
            row.quantities[r["unit_code"] or ""] = str(r["quantity"])
        for r in items.filter(estimated_value__isnull=False).values(*item_names, "currency").annotate(
                amount=Sum("estimated_value")).order_by():
            self.objs[key(r, item_names)].values[r["currency"]] = str(r["amount"])


def _covered_q(user: Any) -> Q | None:
    """The part of the rule that reads only agency, sharing level and draft status, on rollup rows
    (None: everything, for system administrators)."""
    if user is not None and user.is_authenticated and user.is_active and user.is_superuser:
        return None
    membership = membership_of(user)
    if membership is None:
        return Q(pk__in=[])
    from agencies.models import Agency

    country_agencies = list(Agency.objects.filter(country_id=membership.agency.country_id).values_list("pk", flat=True))
    levels = Q() if membership.role == Role.ANALYST else Q(
        sharing_level__in=[SharingLevel.NATIONAL, SharingLevel.REGIONAL])
    return Q(agency_id=membership.agency_id) | (Q(is_draft=False) & Q(agency_id__in=country_agencies) & levels)


def rollup_counts(user: Any, group_by: str) -> dict[tuple, int]:
    """Visible, non-voided cases per group key (a tuple of the GROUPS columns), from the rollup."""
    fields = GROUPS[group_by]
    covered = _covered_q(user)
    rollup = CaseRollup.objects.filter(kind=KINDS[group_by], via=CaseRollup.Via.SCOPE)
    if covered is not None:
        rollup = rollup.filter(covered)
    counts: Counter = Counter()
    for row in rollup.values(*fields).annotate(n=Sum("cases")).order_by():
        counts[tuple(row[f] for f in fields)] += row["n"]
    if covered is not None:  # cases opened to the user by a sharing list only: few, counted live
        case_covered = _case_covered_q(user)
        live = Case.objects.visible_to(user).filter(is_voided=False).exclude(case_covered)
        for key, n in _live_counts(live, group_by).items():
            counts[key] += n
    return dict(counts)


def _case_covered_q(user: Any) -> Q:
    """`_covered_q` on case rows (the live part is the visible cases outside it)."""
    membership = membership_of(user)
    if membership is None:
        return Q(pk__in=[])
    from agencies.models import Agency

    country_agencies = Agency.objects.filter(country_id=membership.agency.country_id).values("pk")
    covered = Q(sharing_level__in=[SharingLevel.NATIONAL, SharingLevel.REGIONAL])
    if membership.role == Role.ANALYST:
        covered = Q()
    return Q(agency_id=membership.agency_id) | (
        ~Q(status=CaseStatus.DRAFT) & Q(agency_id__in=country_agencies) & covered)


def _live_counts(cases, group_by: str) -> dict[tuple, int]:
    fields = _LIVE[group_by]
    rows = cases.annotate(rollup_month=TruncMonth("occurred_at")).values(*fields).annotate(n=Count("id")).order_by()
    out: Counter = Counter()
    for row in rows:
        key = tuple(row[f].date() if f == "rollup_month" and hasattr(row[f], "date") else row[f] for f in fields)
        out[key] += row["n"]
    return dict(out)


#: statistics group_by → (rollup kind, rollup columns, the output group made from their values).
def _period(month: datetime.date, months: int) -> dict[str, str]:
    return {"period": month.replace(month=(month.month - 1) // months * months + 1).isoformat()}


STATISTICS: dict[str, tuple[str, tuple[str, ...], Any]] = {
    "month": ("month", ("month",), lambda v: {"period": v[0].isoformat()}),
    "quarter": ("month", ("month",), lambda v: _period(v[0], 3)),
    "year": ("month", ("month",), lambda v: _period(v[0], 12)),
    "agency": ("month", ("agency__code",), lambda v: {"agency": v[0]}),
    "origin": ("route", ("origin_country__iso2",), lambda v: {"origin": v[0]}),
    "destination": ("route", ("destination_country__iso2",), lambda v: {"destination": v[0]}),
    "route": ("route", ("origin_country__iso2", "destination_country__iso2"),
              lambda v: {"origin": v[0], "destination": v[1]}),
}


def rollup_statistics(user: Any, group_by: str) -> list[dict[str, Any]] | None:
    """The statistics API's rows for the cases `user` may see, from the rollup alone (`_statistics_rows_q`);
    None when `group_by` is not rolled up or the rows are older than the last case or item change."""
    if group_by not in STATISTICS:
        return None
    kind, columns, make_group = STATISTICS[group_by]
    rollup = CaseRollup.objects.filter(kind=kind)
    marks = rollup.values_list("case_mark", "item_mark").first()
    added = None if marks is None else current_additions(marks)
    if added is None:
        return None
    rollup = rollup.filter(_statistics_rows_q(user))
    totals: dict[tuple, dict[str, Any]] = {}
    for *key, cases, items, live, quantities, values in rollup.values_list(
            *columns, "cases", "items", "live_specimens", "quantities", "values").order_by():
        entry = totals.setdefault(tuple(key), {"cases": 0, "items": 0, "live_specimens": 0, "quantities": {},
                                               "values": {}})
        entry["cases"] += cases
        entry["items"] += items
        entry["live_specimens"] += live
        for target, sums in ((entry["quantities"], quantities), (entry["values"], values)):
            for code, amount in sums.items():
                target[code] = target.get(code, 0) + Decimal(amount)
    rows = [statistics.statistics_row(make_group(key), **entry) for key, entry in totals.items()]
    return with_added_cases(statistics.merge_statistics(rows), user, group_by, added)


def _statistics_rows_q(user: Any) -> Q:
    """The rollup rows that make up `user`'s visible cases, each case once: the covered scope rows, and the
    sharing-list rows of the user's agency (named; analysts: any agency of their country) and country
    (regional) whose cases the scope part does not already cover. Sharing lists open no draft."""
    covered = _covered_q(user)
    Via = CaseRollup.Via
    if covered is None:
        return Q(via=Via.SCOPE)
    membership = membership_of(user)
    if membership is None:
        return Q(pk__in=[])
    country = membership.agency.country_id
    named = (Q(via=Via.COUNTRY_NAMED, shared_country_id=country) if membership.role == Role.ANALYST
             else Q(via=Via.AGENCY, shared_agency_id=membership.agency_id))
    shared = named | Q(via=Via.REGIONAL, shared_country_id=country)
    return (Q(via=Via.SCOPE) & covered) | (shared & Q(is_draft=False) & ~covered)


def live_counts(user: Any, group_by: str) -> dict[tuple, int]:
    """The same answer counted from the cases themselves (what the rollup must equal)."""
    return _live_counts(Case.objects.visible_to(user).filter(is_voided=False), group_by)



