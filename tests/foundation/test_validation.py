"""Model validation rules of the domain model."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from permits.models import normalise_permit_number
from seizures.models import CaseParty
from tests.factories import (
    AgencyFactory,
    CaseFactory,
    PersonFactory,
    SeizedItemFactory,
    TermFactory,
    UnitFactory,
)

pytestmark = pytest.mark.django_db


def _item_errors(item) -> dict:
    with pytest.raises(ValidationError) as excinfo:
        item.full_clean()
    return excinfo.value.message_dict


def test_quantity_must_be_positive():
    item = SeizedItemFactory.build(case=CaseFactory(), quantity=Decimal("0"))
    item.taxon.save()
    item.term.save()
    assert "quantity" in _item_errors(item)


def test_quantity_positive_is_also_a_database_constraint():
    item = SeizedItemFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        type(item).objects.filter(pk=item.pk).update(quantity=Decimal("-1"))


def test_unit_must_fit_the_term():
    kil = UnitFactory(code="KIL")
    sqm = UnitFactory(code="SQM", name="square metres", is_mass=False)
    cav = TermFactory(code="CAV", name="caviar", is_live=False, restrict_units=True)
    cav.allowed_units.set([kil])
    item = SeizedItemFactory(term=cav, unit=kil)
    item.full_clean()
    item.unit = sqm
    assert "unit" in _item_errors(item)


def test_unrestricted_term_accepts_any_unit_and_count():
    term = TermFactory(code="OTH", name="other", is_live=False, restrict_units=False)
    assert term.accepts_unit(None)
    assert term.accepts_unit(UnitFactory(code="KIL"))


def test_live_count_only_for_live_terms():
    skins = TermFactory(code="SKI", name="skins", is_live=False)
    item = SeizedItemFactory(term=skins, live_count=3)
    assert "live_count" in _item_errors(item)


def test_item_needs_taxon_or_description():
    item = SeizedItemFactory(taxon=None, unidentified_description="")
    assert "taxon" in _item_errors(item)
    item.unidentified_description = "small brown feathers"
    item.full_clean()


def test_seizure_date_cannot_be_in_the_future():
    case = CaseFactory()
    case.occurred_at = timezone.now() + timezone.timedelta(days=2)
    with pytest.raises(ValidationError) as excinfo:
        case.full_clean()
    assert "occurred_at" in excinfo.value.message_dict


def test_birth_date_cannot_be_in_the_future():
    person = PersonFactory(birth_date=timezone.localdate() + timezone.timedelta(days=1))
    with pytest.raises(ValidationError) as excinfo:
        person.full_clean()
    assert "birth_date" in excinfo.value.message_dict


def test_reference_numbers_are_unique(kg):
    agency = AgencyFactory(code="KG-CUS", country=kg)
    first = CaseFactory(agency=agency)
    second = CaseFactory(agency=agency)
    assert first.reference != second.reference
    with pytest.raises(IntegrityError), transaction.atomic():
        type(second).objects.filter(pk=second.pk).update(reference=first.reference)


def test_party_is_a_person_or_a_company_not_both_nor_neither():
    case = CaseFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        CaseParty.objects.create(case=case, role="suspect")


def test_case_data_is_protected_from_cascading_deletes():
    from django.db.models import ProtectedError

    item = SeizedItemFactory()
    with pytest.raises(ProtectedError):
        item.taxon.delete()
    with pytest.raises(ProtectedError):
        item.case.agency.delete()
    person = PersonFactory(agency=item.case.agency)
    CaseParty.objects.create(case=item.case, person=person, role="suspect")
    with pytest.raises(ProtectedError):
        person.delete()


def test_permit_numbers_normalise_separators_and_confusables():
    assert normalise_permit_number("kg 2O24-001/a") == normalise_permit_number("KG2024001A")
    assert normalise_permit_number(" I-23 ") == "123"


def test_coordinates_come_in_pairs():
    case = CaseFactory(latitude=Decimal("42.1"), longitude=None)
    with pytest.raises(ValidationError) as excinfo:
        case.full_clean()
    assert "longitude" in excinfo.value.message_dict
