"""An optional second measure per item (number of specimens and weight): model rule, API, case page, export."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from seizures import exports
from seizures.models import Case, SeizedItem
from tests.factories import UnitFactory

from .test_case_writes import new_case

pytestmark = pytest.mark.django_db


def test_second_measure_is_the_other_kind_of_the_first(world):
    case = Case.objects.get(pk=world.cases["own"].pk)
    grams = UnitFactory(code="LTR", name="litres", is_mass=False)
    item = SeizedItem(case=case, taxon=world.taxon, term=world.term, quantity=Decimal("2"),
                      second_quantity=Decimal("4.5"), second_unit=world.unit)
    item.full_clean()  # 2 specimens and 4.5 kg
    for unit, second_unit, field in ((world.unit, world.unit, "second_unit"), (None, None, "second_unit"),
                                     (None, grams, "second_unit")):
        item.unit, item.second_unit = unit, second_unit
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert field in error.value.message_dict
    item.unit, item.second_quantity, item.second_unit = None, None, world.unit
    with pytest.raises(ValidationError) as error:
        item.full_clean()
    assert "second_quantity" in error.value.message_dict


def test_both_measures_through_the_api_on_the_case_page_and_in_the_export(world, client):
    body = new_case(world, items=[{"taxon": world.taxon.pk, "term": "HOR", "quantity": "2",
                                   "second_quantity": "4.5", "second_unit": "KIL"}])
    response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()["items"][0]
    assert data["second_quantity"] == "4.500" and data["second_unit"] == "KIL" and data["unit"] is None
    bad = new_case(world, items=[{"taxon": world.taxon.pk, "term": "HOR", "quantity": "2", "unit": "KIL",
                                  "second_quantity": "4.5", "second_unit": "KIL"}])
    refused = world.client("officer").post("/api/v1/cases/", bad, format="json")
    assert refused.status_code == 400 and "items.0.second_unit" in refused.json()

    case = Case.objects.get(pk=response.json()["id"])
    with translation.override("en"):
        client.force_login(world.users["officer"])
        page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
        row = exports.case_row(case)
        columns = exports.export_columns()
    assert "2 specimens · 4.5 kilograms" in page and "KIL" not in page.split("data-measures")[1][:60]
    assert ">horns</span>" in page and "HOR — horns" not in page  # names, the code only as a tooltip
    line = dict(zip(columns, row, strict=True))
    assert line["Items (codes)"].endswith("HOR 2 + 4.5 KIL")
    assert line["Items"].endswith("— horns: 2 specimens + 4.5 kilograms")
