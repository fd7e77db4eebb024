"""Admin test fixtures: two agencies, their staff, and one example of every registered model."""
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from agencies.choices import Role
from permits.choices import DocumentType
from permits.models import Permit, PermitLine
from seizures.choices import CaseStatus, ConveyanceKind, SharingLevel
from seizures.models import Attachment, CaseParty, Company, Conveyance, CustodyTransfer
from species.choices import Appendix
from species.models import CitesListing, IdentificationNote, TaxonSynonym
from tests.factories import (
    AgencyFactory,
    CaseFactory,
    PersonFactory,
    PostFactory,
    PurposeFactory,
    SeizedItemFactory,
    SourceFactory,
    TaxonFactory,
    TermFactory,
    UnitFactory,
    add_party,
    make_member,
)

PASSWORD = "pass-1234-word"


def make_staff(agency, role, username):
    user = make_member(agency, role=role, username=username)
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    return user


@dataclass
class World:
    own: object
    other: object
    foreign: object
    supervisor: object
    agency_admin: object
    other_admin: object
    officer: object
    other_officer: object
    own_case: object
    closed_case: object
    hidden_case: object
    shared_case: object


@pytest.fixture
def world(db, kg, kz) -> World:
    own = AgencyFactory(code="KG-CUS", country=kg, name="Customs service")
    other = AgencyFactory(code="KG-BGS", country=kg, name="Border service")
    foreign = AgencyFactory(code="KZ-CUS", country=kz, name="KZ customs")
    supervisor = make_staff(own, Role.SUPERVISOR, "supervisor")
    agency_admin = make_staff(own, Role.AGENCY_ADMIN, "own_admin")
    other_admin = make_staff(other, Role.AGENCY_ADMIN, "other_admin")
    officer = make_member(own, role=Role.OFFICER, username="own_officer")
    other_officer = make_member(other, role=Role.OFFICER, username="other_officer")
    own_case = CaseFactory(agency=own, status=CaseStatus.OPEN, sharing_level=SharingLevel.AGENCY)
    closed_case = CaseFactory(agency=own, status=CaseStatus.CLOSED, sharing_level=SharingLevel.AGENCY)
    hidden_case = CaseFactory(agency=other, status=CaseStatus.OPEN, sharing_level=SharingLevel.AGENCY)
    shared_case = CaseFactory(agency=other, status=CaseStatus.OPEN, sharing_level=SharingLevel.NATIONAL)
    return World(own, other, foreign, supervisor, agency_admin, other_admin, officer, other_officer,
                 own_case, closed_case, hidden_case, shared_case)


@pytest.fixture
def every_model(world, superuser, settings, tmp_path):
    """One row of each model, so change lists render their columns."""
    settings.MEDIA_ROOT = tmp_path
    case = world.own_case
    taxon = TaxonFactory(scientific_name="Falco cherrug", common_name="Saker falcon", cites_appendix=Appendix.II)
    TaxonSynonym.objects.create(taxon=taxon, name="Falco altaicus")
    CitesListing.objects.create(taxon=taxon, appendix=Appendix.II, effective_from="1975-07-01")
    term, unit = TermFactory(), UnitFactory()
    IdentificationNote.objects.create(taxon=taxon, term=term, title="Live birds", text="Look at the cere.")
    item = SeizedItemFactory(case=case, taxon=taxon, term=term, quantity=Decimal("3"))
    add_party(case, PersonFactory(agency=world.own, full_name="Asanov Bakyt", id_document_number="AC123"))
    company = Company.objects.create(agency=world.own, name="Falcon Trade LLC")
    CaseParty.objects.create(case=case, company=company, role="consignor")
    Conveyance.objects.create(case=case, kind=ConveyanceKind.VEHICLE, identifier="01 KG 123 ABC")
    Attachment.objects.create(case=case, item=item, file=SimpleUploadedFile("photo.jpg", b"jpeg"),
                              uploaded_by=superuser)
    CustodyTransfer.objects.create(case=case, item=item, transferred_at=timezone.now(), from_name="A",
                                   to_name="B", recorded_by=superuser)
    permit = Permit.objects.create(document_type=DocumentType.EXPORT, number="KG-2026-001",
                                   issuing_country=world.own.country, valid_from="2026-01-01",
                                   valid_until="2026-06-30")
    PermitLine.objects.create(permit=permit, taxon=taxon, term=term, unit=unit, quantity=Decimal("5"),
                              source=SourceFactory(), purpose=PurposeFactory())
    PostFactory(agency=world.own)
    return world


@pytest.fixture
def login(client):
    def _login(user, language="en"):
        client.force_login(user)
        client.cookies["django_language"] = language
        return client

    return _login
