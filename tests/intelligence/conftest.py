"""Fixtures of the intelligence tests: two agencies of one country, their people, eager Celery."""
from __future__ import annotations

import pytest

from agencies.choices import AgencyKind, Role
from tests.factories import AgencyFactory, CaseFactory, CountryFactory, PersonFactory, add_party, make_member


@pytest.fixture(autouse=True)
def eager_celery(request):
    """Tasks run in-process unless a test drives a real worker (marked `services`)."""
    from config.celery import app

    if request.node.get_closest_marker("services"):
        yield
        return
    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


@pytest.fixture
def customs(db):
    country = CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan")
    return AgencyFactory(code="KG-CUS", name="State Customs Service", kind=AgencyKind.CUSTOMS, country=country,
                         email="intel@customs.kg", phone="+996 312 000 111")


@pytest.fixture
def border(db):
    country = CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan")
    return AgencyFactory(code="KG-BRD", name="Border Service", kind=AgencyKind.BORDER, country=country,
                         email="duty@border.kg", phone="+996 312 000 222")


@pytest.fixture
def customs_officer(customs):
    return make_member(customs, Role.OFFICER, username="cus_officer")


@pytest.fixture
def border_officer(border):
    return make_member(border, Role.OFFICER, username="brd_officer")


@pytest.fixture
def analyst(db):
    ministry = AgencyFactory(code="KG-MIN", name="Ministry", kind=AgencyKind.MINISTRY,
                             country=CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan"))
    return make_member(ministry, Role.ANALYST, username="analyst")


def suspect_case(agency, full_name: str, **person_fields):
    """A case of `agency` (agency-only sharing) with one suspect."""
    case = CaseFactory(agency=agency)
    person = PersonFactory(agency=agency, full_name=full_name, **person_fields)
    add_party(case, person)
    return case, person
