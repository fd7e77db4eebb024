"""Export lines read as streams in the cases' order: each case gets exactly its own items, countries and parties."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from seizures import exports
from seizures.choices import PartyRole
from seizures.filtersets import order_cases
from seizures.models import Case, CaseParty, Company, Person, SeizedItem
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


@pytest.fixture
def marked(world):  # noqa: F811
    """Cases whose items and parties carry the case's number; some with none, some with two of each."""
    kg, kz = world.agencies["own"].country, world.agencies["kz_owner"].country
    cases = []
    for n in range(8):
        case = Case.objects.create(
            agency=world.agencies["own"], recorded_by=world.cases["own"].recorded_by, detection_method="dog",
            transport_mode="air", occurred_at=datetime.datetime(2024, 5, 1 + n % 3, 9, tzinfo=datetime.UTC),
            description=f"marked {n}")
        case.transit_countries.set([kz, kg][: n % 3])
        for k in range(n % 3):
            SeizedItem.objects.create(case=case, unidentified_description=f"thing-{n}-{k}", term=world.term,
                                      quantity=Decimal("1.50"), second_quantity=Decimal("2") if k else None,
                                      unit=world.unit, estimated_value=Decimal("10") * (k + 1),
                                      currency=["USD", "KGS"][k])
            party = Person.objects.create(agency=case.agency, full_name=f"Person {n}-{k}") if k == 0 else None
            company = None if party else Company.objects.create(name=f"Company {n}-{k}", agency=case.agency)
            CaseParty.objects.create(case=case, person=party, company=company, role=PartyRole.SUSPECT)
        cases.append(case)
    return cases


@pytest.mark.parametrize("ordering", [None, "reference", "-reference", "created_at", "-occurred_at"])
def test_every_line_carries_its_own_cases_rows(marked, ordering):
    with translation.override("en"):
        columns = exports.export_columns()
        lines = [dict(zip(columns, row, strict=True)) for row in
                 exports.iter_case_lines(order_cases(Case.objects.filter(description__startswith="marked"), ordering))]
    expected = [c.reference for c in order_cases(Case.objects.filter(description__startswith="marked"), ordering)]
    assert [line["Reference"] for line in lines] == expected
    by_reference = {c.reference: int(c.description.split()[1]) for c in marked}
    for line in lines:
        n = by_reference[line["Reference"]]
        things = [f"thing-{n}-{k}" for k in range(n % 3)]
        assert [part.split(" ")[0] for part in line["Items (codes)"].split("; ") if part] == things
        with translation.override("en"):  # the order a case lists its countries in (by name)
            transit = [c.iso2 for c in marked[n].transit_countries.all()]
        assert len(transit) == n % 3 and line["Transit country codes"] == ", ".join(transit)
        parties = [f"Person {n}-0", f"Company {n}-1"][: n % 3]
        assert line["Persons"] == "; ".join(parties)
        assert line["Estimated value"] == {0: "", 1: "10 USD", 2: "20 KGS; 10 USD"}[n % 3]
        if n % 3 == 2:
            assert line["Items"].endswith(f"thing-{n}-1 — horns: 1.5 kilograms + 2 specimens")
            assert line["Items (codes)"].endswith(f"thing-{n}-1 HOR 1.5 KIL + 2")
