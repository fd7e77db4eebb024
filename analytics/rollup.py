"""The case statistics rollup: counts by month and route answered from a small table, the rule still exact.

`refresh_rollup()` rewrites `CaseRollup` from the cases in one aggregate query (task `analytics.refresh_rollup`).
`rollup_counts(user, group_by)` answers "cases per month / year / origin / destination / route / agency" for
the cases `user` may see. The visibility rule (`seizures.querysets.case_visibility_q`) depends on a case's
owning agency, sharing level and draft status, and for named and cross-border regional sharing on the
case's sharing lists. Rows decided by the first three are summed from the rollup (`_covered_q`); the others
(cases opened to the user only by a sharing list) are counted live, a few rows through the case indexes.
Both parts are disjoint and together are exactly `Case.objects.visible_to(user)` as of the last refresh.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from agencies.choices import Role
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import Case
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


@transaction.atomic
def refresh_rollup() -> int:
    """Rebuild the rollup from the non-voided cases (two aggregate queries); returns the number of rows."""
    now = timezone.now()
    cases = Case.objects.filter(is_voided=False).annotate(
        rollup_month=TruncMonth("occurred_at"),
        draft=ExpressionWrapper(Q(status=CaseStatus.DRAFT), output_field=BooleanField()))
    scope = ("agency_id", "sharing_level", "draft")
    objs = []
    for kind, columns in (("month", ("rollup_month",)), ("route", ("origin_country_id", "destination_country_id"))):
        for r in cases.values(*scope, *columns).annotate(n=Count("id")).order_by():
            month = r.get("rollup_month")
            objs.append(CaseRollup(
                kind=kind, agency_id=r["agency_id"], sharing_level=r["sharing_level"], is_draft=r["draft"],
                month=month.date() if hasattr(month, "date") else month,
                origin_country_id=r.get("origin_country_id"), destination_country_id=r.get("destination_country_id"),
                cases=r["n"], refreshed_at=now))
    CaseRollup.objects.all().delete()
    CaseRollup.objects.bulk_create(objs, batch_size=2000)
    return len(objs)


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
    rollup = CaseRollup.objects.filter(kind=KINDS[group_by])
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


def live_counts(user: Any, group_by: str) -> dict[tuple, int]:
    """The same answer counted from the cases themselves (what the rollup must equal)."""
    return _live_counts(Case.objects.visible_to(user).filter(is_voided=False), group_by)



