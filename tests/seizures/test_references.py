import pytest
from django.utils import timezone

from tests.factories import AgencyFactory, CaseFactory

pytestmark = pytest.mark.django_db


def test_reference_numbers_are_sequential_per_agency_and_year(kg):
    customs = AgencyFactory(code="KG-CUS", country=kg)
    border = AgencyFactory(code="KG-BGS", country=kg)
    when = timezone.now().replace(month=1, day=15)
    a = CaseFactory(agency=customs, occurred_at=when)
    b = CaseFactory(agency=customs, occurred_at=when)
    c = CaseFactory(agency=border, occurred_at=when)
    year = when.year
    assert a.reference == f"KG-CUS-{year}-00001"
    assert b.reference == f"KG-CUS-{year}-00002"
    assert c.reference == f"KG-BGS-{year}-00001"


def test_reference_restarts_each_year(kg):
    customs = AgencyFactory(code="KG-CUS", country=kg)
    now = timezone.now()
    last_year = now.replace(year=now.year - 1, month=6, day=1)
    old = CaseFactory(agency=customs, occurred_at=last_year)
    new = CaseFactory(agency=customs, occurred_at=now - timezone.timedelta(hours=1))
    assert old.reference.endswith(f"{now.year - 1}-00001")
    assert new.reference.endswith("-00001")
