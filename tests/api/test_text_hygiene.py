"""Text hygiene on the save path: what a client sends with invisible characters is stored clean."""
from __future__ import annotations

import pytest

from seizures.models import Case, Conveyance, Person
from tests.api.test_case_writes import new_case

pytestmark = pytest.mark.django_db

DIRTY_NAME = "  Токто\u200bгулов\u202e  Бакыт\ufeff "
DIRTY_DOCUMENT = "AC\u00ad 1234567\x1b"
DIRTY_PLATE = "01 KG\u2060 123\u200d ABC\t"


def test_names_documents_and_plates_are_stored_clean(world):
    body = new_case(world, description="horns\u200b in a spare  tyre\r\nsecond\u202e line ")
    body["parties"][0]["person"].update(full_name=DIRTY_NAME, id_document_number=DIRTY_DOCUMENT)
    body["conveyances"][0]["identifier"] = DIRTY_PLATE
    response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    case = Case.objects.get(reference=response.json()["reference"])
    assert case.description == "horns in a spare tyre\nsecond line"
    person = Person.objects.get(case_links__case=case)
    assert person.full_name == "Токтогулов Бакыт"
    assert person.id_document_number == "AC 1234567"
    assert person.name_key == "bakit toktogulov" and person.document_key == "AC1234567"
    conveyance = Conveyance.objects.get(case=case)
    assert conveyance.identifier == "01 KG 123 ABC" and conveyance.identifier_normalized == "01KG123ABC"
    assert response.json()["parties"][0]["person"]["full_name"] == "Токтогулов Бакыт"


def test_a_name_of_invisible_characters_only_is_a_missing_name(world):
    body = new_case(world)
    body["parties"][0]["person"]["full_name"] = "\u200b\u200c\ufeff"
    before = Person.objects.count()
    response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400, response.content
    assert "full_name" in response.content.decode()
    assert Person.objects.count() == before


def test_decomposed_letters_are_stored_composed(world):
    body = new_case(world)
    body["parties"][0]["person"]["full_name"] = "Ии\u0306 Асан уулу"  # и + combining breve
    response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    assert Person.objects.filter(full_name="Ий Асан уулу").exists()
