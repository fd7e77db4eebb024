"""Permit check messages name terms and units ("horns", "kilograms", not HOR, KIL) and give dates in the
language's format."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from permits.models import Permit, PermitLine
from permits.services import Item, check_items, verify_permit
from tests.factories import CountryFactory, PurposeFactory, SourceFactory, TaxonFactory, TermFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_messages_use_names_and_the_languages_date_format():
    kz = CountryFactory(iso2="KZ", iso3="KAZ", name="Kazakhstan")
    until = timezone.localdate() - datetime.timedelta(days=3)
    permit = Permit.objects.create(document_type="export", number="KZ-9", issuing_country=kz,
                                   valid_from=until - datetime.timedelta(days=90), valid_until=until)
    kil = UnitFactory(code="KIL", name="kilograms")
    saiga = TaxonFactory(scientific_name="Saiga tatarica")
    horns = TermFactory(code="HOR", name="horns", is_live=False)
    skins = TermFactory(code="SKI", name="skins", is_live=False)
    PermitLine.objects.create(permit=permit, taxon=saiga, term=horns, quantity=Decimal("2"), unit=kil,
                              source=SourceFactory(), purpose=PurposeFactory())
    with translation.override("ru"):
        result = verify_permit("KZ-9", "KZ")
        assert any(until.strftime("%d.%m.%Y") in reason for reason in result.reasons), result.reasons
        assert not any(until.isoformat() in reason for reason in result.reasons)
    with translation.override("en"):
        mismatches = check_items(permit, [Item(saiga, skins, Decimal("3"), kil)])
    texts = " ".join(m.message for m in mismatches)
    assert "horns" in texts and "skins" in texts and "HOR" not in texts and "kilograms" in texts
