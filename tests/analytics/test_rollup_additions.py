"""Cases recorded after the rollup's refresh are counted live and added: the figures stay exact and fast."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from analytics import rollup
from analytics.item_rollup import LEVELS, item_rollup_statistics
from analytics.models import CaseRollup
from analytics.rollup import STATISTICS, refresh_rollup, rollup_statistics
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import Case, SeizedItem
from tests.analytics.test_item_rollup import _canonical, _live, messy  # noqa: F401  (fixture)
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

URL = "/api/v1/statistics/cases/"
#: The taxon groupings are rolled up on PostgreSQL only (SQLite counts them live).
GROUPINGS = [*STATISTICS, *(LEVELS if connection.vendor == "postgresql" else ())]


def _answer(user, group_by):
    source = item_rollup_statistics if group_by in LEVELS else rollup_statistics
    return source(user, group_by)


def _record_new_cases(world):  # noqa: F811
    """New cases of every kind after the refresh: own and other agencies, each sharing level with its lists,
    a draft, a voided one, one of the other country, with items in new and known taxa, units and currencies."""
    kg, kz = world.agencies["own"].country, world.agencies["kz_owner"].country
    recorder = world.cases["own"].recorded_by
    levels = [SharingLevel.AGENCY, SharingLevel.NAMED, SharingLevel.NATIONAL, SharingLevel.REGIONAL]
    keys = ["own", "other", "third", "kz_owner", "kz_home"]
    made = []
    for n in range(10):
        case = Case.objects.create(
            agency=world.agencies[keys[n % 5]], recorded_by=recorder, detection_method="xray", transport_mode="road",
            occurred_at=datetime.datetime(2026, 1 + n % 3, 9, tzinfo=datetime.UTC), sharing_level=levels[n % 4],
            status=CaseStatus.DRAFT if n == 6 else CaseStatus.OPEN, is_voided=n == 8,
            void_reason="duplicate" if n == 8 else "", origin_country=kz if n % 2 else kg, destination_country=kg)
        if case.sharing_level == SharingLevel.NAMED:
            case.shared_with_agencies.set([world.agencies["own"], world.agencies["kz_home"]])
        if case.sharing_level == SharingLevel.REGIONAL:
            case.shared_with_countries.set([kg])
        for m in range(1 + n % 3):
            SeizedItem.objects.create(case=case, taxon=world.taxon if m != 1 else None,
                                      unidentified_description="" if m != 1 else "horn pieces", term=world.term,
                                      quantity=Decimal(n + m + 1) / 4, unit=world.unit,
                                      estimated_value=Decimal(10 * n) if m else None, currency="USD")
        made.append(case)
    doomed = SeizedItem.objects.filter(case=made[2]).first()
    doomed.delete()  # an item of a new case removed again
    return made


def test_new_cases_are_added_to_the_rollup_for_every_user_and_grouping(messy):  # noqa: F811
    refresh_rollup()
    _record_new_cases(messy)
    for name, user in messy.users.items():
        for group_by in GROUPINGS:
            rows = _answer(user, group_by)
            assert rows is not None, (name, group_by)
            assert _canonical(rows) == _live(user, group_by), (name, group_by)


def test_the_api_answers_from_the_rollup_after_new_cases(messy):  # noqa: F811
    refresh_rollup()
    made = _record_new_cases(messy)
    analyst = messy.users["analyst"]
    client = messy.client("analyst")
    for group_by in [g for g in ("month", "route", "species", "genus") if g in GROUPINGS]:
        response = client.get(URL, {"group_by": group_by})
        assert response["X-Statistics-Source"] == "rollup", group_by
        assert _canonical(response.json()["results"]) == _live(analyst, group_by), group_by
    total = sum(row["cases"] for row in client.get(URL, {"group_by": "year"}).json()["results"])
    assert total == Case.objects.visible_to(analyst).filter(is_voided=False).count()
    assert any(case in Case.objects.visible_to(analyst) for case in made)


def test_a_change_to_a_case_the_refresh_counted_still_counts_live(messy):  # noqa: F811
    refresh_rollup()
    _record_new_cases(messy)
    analyst = messy.users["analyst"]
    old = messy.cases["own"]
    old.sharing_level = SharingLevel.NATIONAL
    old.save()
    assert rollup_statistics(analyst, "month") is None and item_rollup_statistics(analyst, "species") is None
    refresh_rollup()
    assert _canonical(rollup_statistics(analyst, "month")) == _live(analyst, "month")
    assert "species" not in GROUPINGS or item_rollup_statistics(analyst, "species") is not None
    SeizedItem.objects.create(case=messy.cases["other_national"], taxon=messy.taxon, term=messy.term,
                              quantity=Decimal("1"), unit=messy.unit)  # an item added to an old case
    assert rollup_statistics(analyst, "month") is None and item_rollup_statistics(analyst, "genus") is None


def test_too_many_new_cases_count_live(messy, monkeypatch):  # noqa: F811
    refresh_rollup()
    _record_new_cases(messy)
    monkeypatch.setattr(rollup, "ADDED_CASES_CAP", 3)
    assert rollup_statistics(messy.users["analyst"], "month") is None
    monkeypatch.setattr(rollup, "ADDED_CASES_CAP", 50)
    assert rollup_statistics(messy.users["analyst"], "month") is not None


def test_edits_that_leave_a_counted_case_s_figures_keep_the_rollup(messy):  # noqa: F811
    refresh_rollup()
    new_cases = _record_new_cases(messy)
    for key, status in (("own", CaseStatus.CLOSED), ("other_named", CaseStatus.INVESTIGATION)):
        case = messy.cases[key]
        case.status, case.outcome, case.description = status, "confiscated", "edited after the refresh"
        case.save()
        case.shared_with_agencies.set(list(case.shared_with_agencies.all()))  # the same list written again
    marks = CaseRollup.objects.values_list("case_mark", "item_mark").first()
    assert rollup.cases_added_since(*marks) == sorted(c.pk for c in new_cases)
    for name, user in messy.users.items():
        for group_by in [g for g in ("month", "route", "species", "class") if g in GROUPINGS]:
            rows = _answer(user, group_by)
            assert rows is not None, (name, group_by)
            assert _canonical(rows) == _live(user, group_by), (name, group_by)


@pytest.mark.parametrize("change", ["list", "date", "draft", "route", "void"])
def test_edits_that_change_a_counted_case_s_figures_count_live(messy, change):  # noqa: F811
    refresh_rollup()
    analyst = messy.users["analyst"]
    case = messy.cases["other_named"] if change == "list" else messy.cases["other_draft" if change == "draft"
                                                                              else "own"]
    if change == "list":
        case.shared_with_agencies.add(messy.agencies["third"])
    else:
        if change == "date":
            case.occurred_at += datetime.timedelta(days=40)
        elif change == "draft":
            case.status = CaseStatus.OPEN
        elif change == "route":
            case.origin_country = messy.agencies["kz_owner"].country
        else:
            case.is_voided, case.void_reason = True, "duplicate"
        case.save()
    assert rollup_statistics(analyst, "month") is None and item_rollup_statistics(analyst, "genus") is None
    refresh_rollup()
    assert _canonical(rollup_statistics(analyst, "route")) == _live(analyst, "route")
