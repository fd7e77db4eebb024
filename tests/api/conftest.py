"""A small world of agencies, users and cases in every visibility situation, for the API tests.

Agencies: KG-CUS ("own": the agency of the KG users), KG-BGS ("other", same country), KG-ECO (a third
Kyrgyz agency), KZ-CUS (owns the Kazakh cases) and KZ-BOR (agency of the Kazakh analyst).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.choices import Role
from seizures.choices import CaseStatus, ConveyanceKind, PartyRole, SharingLevel
from seizures.models import Case, CaseParty, Conveyance, Person, SeizedItem
from tests.factories import (
    AgencyFactory,
    CountryFactory,
    TaxonFactory,
    TermFactory,
    UnitFactory,
    UserFactory,
    make_member,
)

#: Case situations: (owning agency key, sharing level, shared-with agencies, shared-with countries, status)
CASES = {
    "own": ("own", SharingLevel.AGENCY, [], [], CaseStatus.OPEN),
    "other_unshared": ("other", SharingLevel.AGENCY, [], [], CaseStatus.OPEN),
    "other_named": ("other", SharingLevel.NAMED, ["own"], [], CaseStatus.OPEN),
    "other_named_third": ("other", SharingLevel.NAMED, ["third"], [], CaseStatus.OPEN),
    "other_national": ("other", SharingLevel.NATIONAL, [], [], CaseStatus.OPEN),
    "other_regional": ("kz_owner", SharingLevel.REGIONAL, [], ["KG"], CaseStatus.OPEN),
    "kz_unshared": ("kz_owner", SharingLevel.AGENCY, [], [], CaseStatus.OPEN),
    "kz_named_to_other": ("kz_owner", SharingLevel.NAMED, ["other"], [], CaseStatus.OPEN),
    "other_draft": ("other", SharingLevel.NATIONAL, [], [], CaseStatus.DRAFT),
}
ALL_CASES = frozenset(CASES)
_KG_MEMBER_VIEW = frozenset({"own", "other_named", "other_national", "other_regional"})

#: Who sees what, written out by hand (not derived from the rule under test).
VISIBLE: dict[str, frozenset[str]] = {
    "officer": _KG_MEMBER_VIEW,
    "supervisor": _KG_MEMBER_VIEW,
    "agency_admin": _KG_MEMBER_VIEW,
    "analyst": _KG_MEMBER_VIEW | {"other_unshared", "other_named_third", "kz_named_to_other"},
    "kz_analyst": frozenset({"other_regional", "kz_unshared", "kz_named_to_other"}),
    "superuser": ALL_CASES,
    "no_member": frozenset(),
    "anonymous": frozenset(),
}
ROLES = list(VISIBLE)
MEMBER_ROLES = ["officer", "supervisor", "analyst", "agency_admin", "kz_analyst", "superuser"]


@dataclass
class World:
    agencies: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    taxon: object = None
    term: object = None
    unit: object = None

    def client(self, role: str) -> APIClient:
        """An API client authenticated with the role's token (anonymous: none)."""
        client = APIClient()
        user = self.users.get(role)
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client


def build_world() -> World:
    world = World()
    kg = CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan")
    kz = CountryFactory(iso2="KZ", iso3="KAZ", name="Kazakhstan")
    CountryFactory(iso2="CN", iso3="CHN", name="China")
    world.agencies = {
        "own": AgencyFactory(code="KG-CUS", country=kg),
        "other": AgencyFactory(code="KG-BGS", country=kg),
        "third": AgencyFactory(code="KG-ECO", country=kg),
        "kz_owner": AgencyFactory(code="KZ-CUS", country=kz),
        "kz_home": AgencyFactory(code="KZ-BOR", country=kz),
    }
    own = world.agencies["own"]
    world.users = {
        "officer": make_member(own, Role.OFFICER, username="officer"),
        "supervisor": make_member(own, Role.SUPERVISOR, username="supervisor"),
        "analyst": make_member(own, Role.ANALYST, username="analyst"),
        "agency_admin": make_member(own, Role.AGENCY_ADMIN, username="agencyadmin"),
        "kz_analyst": make_member(world.agencies["kz_home"], Role.ANALYST, username="kzanalyst"),
        "superuser": get_user_model().objects.create_superuser("root", "root@example.org", "pass-1234-word"),
        "no_member": UserFactory(username="nomember"),
    }
    for role in ("supervisor", "agency_admin"):  # these roles use the admin site (agencies.services)
        world.users[role].is_staff = True
        world.users[role].save(update_fields=["is_staff"])
    world.taxon = TaxonFactory(scientific_name="Saiga tatarica", genus="Saiga", family="Bovidae",
                               order="Artiodactyla", class_name="Mammalia", common_name_ru="Сайгак")
    world.unit = UnitFactory()
    world.term = TermFactory(code="HOR", name="horns", is_live=False)
    countries = {"KG": kg, "KZ": kz}
    for n, (key, (owner, level, agencies, shared_countries, status)) in enumerate(CASES.items()):
        agency = world.agencies[owner]
        recorder = make_member(agency, Role.OFFICER, username=f"recorder-{key}")
        case = Case.objects.create(
            agency=agency, recorded_by=recorder, occurred_at=datetime.datetime(2025, 3, n + 1, 10, tzinfo=datetime.UTC),
            detection_method="xray", transport_mode="road", status=status, sharing_level=level,
            description=f"case {key}",
        )
        case.shared_with_agencies.set([world.agencies[a] for a in agencies])
        case.shared_with_countries.set([countries[c] for c in shared_countries])
        SeizedItem.objects.create(case=case, taxon=world.taxon, term=world.term, quantity=Decimal("2.5"),
                                  unit=world.unit, estimated_value=Decimal("100"), currency="USD")
        person = Person.objects.create(agency=agency, full_name=f"Person {key.replace('_', ' ').title()}",
                                       id_document_type="passport", id_document_number=f"AC{n:07d}")
        CaseParty.objects.create(case=case, person=person, role=PartyRole.SUSPECT)
        Conveyance.objects.create(case=case, kind=ConveyanceKind.VEHICLE, identifier=f"01 KG {n:03d} ABC")
        world.cases[key] = case
        world.persons[key] = person
    return world


@pytest.fixture(scope="module")
def _module_world(django_db_setup, django_db_blocker):
    """The world, built once per test module (each test runs in a transaction that is rolled back)."""
    with django_db_blocker.unblock():
        world = build_world()
        yield world
        call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()  # flush re-creates content types; drop the stale cached ids


@pytest.fixture
def world(_module_world, db) -> World:
    """The module's world, its instances reloaded (a test may have changed them in memory)."""
    for obj in [*_module_world.users.values(), *_module_world.cases.values(), *_module_world.persons.values()]:
        obj.refresh_from_db()
    return _module_world
