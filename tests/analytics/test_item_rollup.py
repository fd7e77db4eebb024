"""The taxon groupings from the item rollup equal the live count under the visibility rule, for every user."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from analytics.item_rollup import LEVELS, item_rollup_statistics
from analytics.models import ItemRollup
from analytics.rollup import refresh_rollup
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import Case, SeizedItem
from seizures.statistics import case_statistics
from species.models import Taxon
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)
from tests.factories import TaxonFactory, TermFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _postgresql():
    """The item rollup is PostgreSQL's (one aggregate INSERT … SELECT); SQLite counts taxon groupings live."""
    from django.db import connection

    from tests.conftest import unavailable

    if connection.vendor != "postgresql":
        unavailable("the item rollup needs PostgreSQL (DATABASE_URL)")

URL = "/api/v1/statistics/cases/"


@pytest.fixture
def messy(world):  # noqa: F811
    """Cases holding items of several taxa (two of one genus, a family-level taxon, none), in two units and
    currencies, under every sharing level, with drafts, voided cases and both countries' agencies."""
    saiga, falcon = world.taxon, TaxonFactory(scientific_name="Falco cherrug", genus="Falco")
    borealis = TaxonFactory(scientific_name="Saiga borealis", genus="Saiga", family="Bovidae", order="Artiodactyla",
                            class_name="Mammalia")
    felids = TaxonFactory(scientific_name="Felidae", rank="family", genus="", family="Felidae", order="Carnivora",
                          class_name="Mammalia")
    grams, live = UnitFactory(code="GRM", name="grams"), TermFactory(code="LIV", name="live", is_live=True)
    kg, kz = world.agencies["own"].country, world.agencies["kz_owner"].country
    taxa = [[saiga, borealis], [falcon], [saiga, saiga, felids], [None, borealis], [felids, falcon, saiga]]
    keys = ["own", "other", "third", "kz_owner", "kz_home"]
    levels = [SharingLevel.AGENCY, SharingLevel.NAMED, SharingLevel.NATIONAL, SharingLevel.REGIONAL]
    for n in range(20):
        level = levels[n % 4]
        case = Case.objects.create(
            agency=world.agencies[keys[n % 5]], recorded_by=world.cases["own"].recorded_by, detection_method="dog",
            transport_mode="air", occurred_at=datetime.datetime(2024, 1 + n % 12, 3, tzinfo=datetime.UTC),
            status=CaseStatus.DRAFT if n % 7 == 3 else CaseStatus.OPEN, sharing_level=level,
            is_voided=n % 9 == 4, void_reason="duplicate" if n % 9 == 4 else "")
        if level == SharingLevel.NAMED:  # two agencies of one country: each case once for its analysts
            case.shared_with_agencies.set([world.agencies["own"], world.agencies["other"]] if n % 8 == 1
                                          else [world.agencies["kz_home"], world.agencies["third"]])
        if level == SharingLevel.REGIONAL:
            case.shared_with_countries.set([kg, kz] if n % 8 == 3 else [kg])
        for m, taxon in enumerate(taxa[n % 5]):
            SeizedItem.objects.create(
                case=case, taxon=taxon, unidentified_description="" if taxon else "feathers",
                term=live if m % 2 else world.term, quantity=Decimal(n + 1) / 8, unit=grams if m % 2 else world.unit,
                live_count=m or None, estimated_value=Decimal(n) + Decimal("0.25") if n % 3 else None,
                currency="KGS" if m % 2 else "USD")
    return world


def _canonical(rows: list[dict]) -> list[dict]:
    """Rows in one order (groups None and "" sort alike, so their order is arbitrary on both paths)."""
    return sorted(rows, key=lambda r: repr(tuple(r["group"].values())))


def _live(user, group_by: str) -> list[dict]:
    return _canonical(case_statistics(Case.objects.visible_to(user), group_by))


def test_each_taxon_grouping_equals_the_live_count_for_every_user(messy):
    assert refresh_rollup() > ItemRollup.objects.count() > 0
    seen = set()
    for name, user in messy.users.items():
        for group_by in LEVELS:
            rows = item_rollup_statistics(user, group_by)
            assert rows is not None, (name, group_by)
            assert _canonical(rows) == _live(user, group_by), (name, group_by)
        seen.add(tuple(sorted((r["group"]["genus"], r["cases"]) for r in _live(user, "genus")
                              if r["group"]["genus"])))
    assert len(seen) >= 4  # the users see different cases


def test_a_case_counts_once_per_group_however_many_of_its_items_fall_in_it(messy):
    refresh_rollup()
    root = messy.users["superuser"]
    visible = Case.objects.filter(is_voided=False)
    genus = {r["group"]["genus"]: r for r in item_rollup_statistics(root, "genus")}
    assert genus["Saiga"]["cases"] == visible.filter(items__taxon__genus="Saiga").distinct().count()
    assert genus["Saiga"]["items"] == SeizedItem.objects.filter(case__in=visible, taxon__genus="Saiga").count()
    assert genus["Saiga"]["items"] > genus["Saiga"]["cases"]  # some cases hold two Saiga items
    assert genus[None]["cases"] == visible.filter(items__taxon__isnull=True).distinct().count() > 0
    assert genus[""]["cases"] == visible.filter(items__taxon__genus="").distinct().count() > 0
    mammals = {r["group"]["class"]: r for r in item_rollup_statistics(root, "class")}["Mammalia"]
    assert mammals["cases"] == visible.filter(items__taxon__class_name="Mammalia").distinct().count()


def test_the_api_answers_taxon_groupings_from_the_rollup(messy):
    refresh_rollup()
    for role in ("supervisor", "analyst", "kz_analyst"):
        client, user = messy.client(role), messy.users[role]
        for group_by in LEVELS:
            response = client.get(URL, {"group_by": group_by})
            assert response["X-Statistics-Source"] == "rollup", (role, group_by)
            assert _canonical(response.json()["results"]) == _live(user, group_by), (role, group_by)


def test_stale_rows_are_not_used(messy):
    refresh_rollup()
    analyst = messy.users["analyst"]
    item = SeizedItem.objects.filter(case=messy.cases["own"]).first()
    item.quantity = Decimal("40")
    item.save()  # an item change: history row newer than the refresh
    assert item_rollup_statistics(analyst, "species") is None
    refresh_rollup()
    assert _canonical(item_rollup_statistics(analyst, "species")) == _live(analyst, "species")
    case = messy.cases["other_national"]
    case.is_voided, case.void_reason = True, "test"
    case.save()
    assert item_rollup_statistics(analyst, "genus") is None
    refresh_rollup()
    # A taxon renamed (no case or item history): the names in the rows are stale too.
    Taxon.objects.filter(genus="Saiga").update(genus="Saigax")
    assert item_rollup_statistics(analyst, "genus") is None
    refresh_rollup()
    assert "Saigax" in {r["group"]["genus"] for r in item_rollup_statistics(analyst, "genus")}


def test_other_groupings_are_not_answered(db):
    assert item_rollup_statistics(None, "term") is None
    assert item_rollup_statistics(None, "month") is None


def test_a_user_without_an_agency_gets_no_rows(messy):
    from django.contrib.auth import get_user_model

    refresh_rollup()
    nobody = get_user_model().objects.create_user("no-agency-rollup")
    for group_by in LEVELS:
        assert item_rollup_statistics(nobody, group_by) == [] == _live(nobody, group_by)
