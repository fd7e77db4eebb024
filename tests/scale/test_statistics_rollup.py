"""The statistics API answers unfiltered requests from the rollup, exactly what counting live answers."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from analytics.rollup import STATISTICS, refresh_rollup
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import Case, SeizedItem
from seizures.statistics import case_statistics
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)
from tests.factories import TermFactory, UnitFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/statistics/cases/"
READERS = ["supervisor", "analyst", "kz_analyst", "superuser"]


@pytest.fixture
def varied(world):  # noqa: F811
    """More cases over several months, routes and agencies, with items in several units and currencies."""
    live, grams = TermFactory(code="LIV", name="live", is_live=True), UnitFactory(code="GRM", name="grams")
    countries = [world.agencies["own"].country, world.agencies["kz_owner"].country, None]
    keys = ["own", "other", "kz_owner", "third"]
    levels = [SharingLevel.NATIONAL, SharingLevel.REGIONAL, SharingLevel.AGENCY, SharingLevel.NAMED]
    for n in range(14):
        agency = world.agencies[keys[n % 4] if n < 12 else "kz_owner"]
        level = levels[n % 4] if n < 12 else SharingLevel.NAMED  # 12, 13: Kazakh cases named to two KG agencies
        case = Case.objects.create(
            agency=agency, recorded_by=world.cases["own"].recorded_by, detection_method="dog", transport_mode="air",
            occurred_at=datetime.datetime(2024, 1 + n % 12, 28, 20, tzinfo=datetime.UTC),  # local time: the next day
            status=CaseStatus.DRAFT if n == 5 else CaseStatus.OPEN, sharing_level=level,
            origin_country=countries[n % 3], destination_country=countries[(n + 1) % 3],
            is_voided=n == 7, void_reason="twice" if n == 7 else "")
        if level == SharingLevel.NAMED:  # each case counted once, however many agencies of a country are named
            case.shared_with_agencies.set([world.agencies["own"], world.agencies["other"]])
        if level == SharingLevel.REGIONAL:
            case.shared_with_countries.set([world.agencies["kz_owner"].country])
        SeizedItem.objects.create(case=case, taxon=world.taxon, term=live, quantity=Decimal(n + 1),
                                  live_count=n + 1, estimated_value=Decimal("12.5"), currency="KGS")
        SeizedItem.objects.create(case=case, taxon=world.taxon, term=world.term, quantity=Decimal("0.125"),
                                  unit=grams, estimated_value=Decimal(n) if n % 2 else None, currency="USD")
    return world


def _live(user, group_by: str) -> list[dict]:
    return case_statistics(Case.objects.visible_to(user), group_by)


def test_unfiltered_statistics_come_from_the_rollup_and_equal_the_live_count(varied):
    refresh_rollup()
    totals = set()
    for role in READERS:
        client, user = varied.client(role), varied.users[role]
        for group_by in STATISTICS:
            response = client.get(URL, {"group_by": group_by})
            assert response.status_code == 200, (role, group_by)
            assert response["X-Statistics-Source"] == "rollup", (role, group_by)
            assert response.json()["results"] == _live(user, group_by), (role, group_by)
        totals.add(sum(row["cases"] for row in response.json()["results"]))
    assert len(totals) >= 3  # the readers see different sets of cases


def test_a_change_after_the_refresh_is_counted_live_until_the_next(varied):
    refresh_rollup()
    analyst, client = varied.users["analyst"], varied.client("analyst")
    before = client.get(URL, {"group_by": "month"}).json()["results"]
    item = SeizedItem.objects.filter(case=varied.cases["own"]).first()
    item.quantity = Decimal("40")
    item.save()
    response = client.get(URL, {"group_by": "month"})
    assert response["X-Statistics-Source"] == "live"
    assert response.json()["results"] == _live(analyst, "month") != before
    refresh_rollup()
    again = client.get(URL, {"group_by": "month"})
    assert again["X-Statistics-Source"] == "rollup" and again.json()["results"] == response.json()["results"]


def test_filtered_or_item_groupings_are_counted_live(varied):
    refresh_rollup()
    client = varied.client("analyst")
    filtered = client.get(URL, {"group_by": "month", "agency": "KG-CUS"})
    assert filtered["X-Statistics-Source"] == "live"
    assert {row["cases"] for row in filtered.json()["results"]} and filtered.json()["results"] != client.get(
        URL, {"group_by": "month"}).json()["results"]
    terms = client.get(URL, {"group_by": "term"})  # taxon groupings have their own rollup, terms not
    assert terms["X-Statistics-Source"] == "live"
    assert terms.json()["results"] == _live(varied.users["analyst"], "term")
