"""Every free-text input has a maximum length: the schema declares it, the API answers 400 with the field
name and a translated message, the web form shows a form error, and the model validation refuses it."""
from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError

from common.limits import TEXT_MAX_LENGTH
from seizures.models import Case, Person
from tests.api.test_case_writes import new_case
from tests.support.schema_check import openapi_document

pytestmark = pytest.mark.django_db

TOO_LONG = "ж" * (TEXT_MAX_LENGTH + 1)
#: String formats that are not free text (they have their own syntax and parser).
NOT_FREE_TEXT = {"date", "date-time", "binary", "decimal", "uri", "email", "uuid", "time", "duration"}
#: Code references (countries, agencies, posts, CITES codes): looked up in a table, never stored as typed.
REFERENCE = re.compile(r"(countr|nationality|agenc|post|term|unit|source|purpose)")


def _writable_strings(name: str, schema: dict, seen: set[str]):
    """(component.property, schema) of every writable string property, nested arrays included."""
    for prop, spec in schema.get("properties", {}).items():
        if spec.get("readOnly"):
            continue
        spec = spec.get("items", spec)
        if spec.get("type") == "string" and "enum" not in spec and spec.get("format") not in NOT_FREE_TEXT:
            yield f"{name}.{prop}", spec


def test_every_writable_text_in_the_schema_declares_a_max_length():
    components = openapi_document()["components"]["schemas"]
    found = dict(kv for name, schema in components.items() for kv in _writable_strings(name, schema, set()))
    assert "Case.description" not in found  # read-only in the read serializer ...
    assert found["CaseWrite.description"]["maxLength"] == TEXT_MAX_LENGTH  # ... limited where it is written
    missing = sorted(name for name, spec in found.items() if "maxLength" not in spec)
    assert "CaseWrite.destination_country" in missing  # a code, looked up
    assert [name for name in missing if not REFERENCE.search(name.split(".")[1])] == []
    assert found["Void.reason"]["maxLength"] == TEXT_MAX_LENGTH
    assert found["SeizedItem.notes"]["maxLength"] == TEXT_MAX_LENGTH
    assert found["CaseWrite.location_text"]["maxLength"] == 255


@pytest.mark.parametrize("where", ["description", "item notes", "company address"])
def test_an_over_long_text_answers_400_with_the_field_and_a_translated_message(world, where):
    body = new_case(world)
    if where == "description":
        body["description"] = TOO_LONG
    elif where == "item notes":
        body["items"][0]["notes"] = TOO_LONG
    else:
        body["parties"] = [{"role": "suspect", "company": {"name": "Ак-Жол ОсОО", "address": TOO_LONG}}]
    before = Case.objects.count()
    response = world.client("officer").post("/api/v1/cases/", body, format="json", HTTP_ACCEPT_LANGUAGE="ky")
    assert response.status_code == 400, response.content
    errors = response.json()
    field, text = {"description": ("description", ""), "item notes": ("items", "notes"),
                   "company address": ("parties", "address")}[where]
    assert field in errors and text in str(errors[field]), errors
    message = str(errors[field])
    assert str(TEXT_MAX_LENGTH) in message and str(TEXT_MAX_LENGTH + 1) in message
    assert "At most" not in message  # Kyrgyz, not the English source text
    assert Case.objects.count() == before


def test_the_longest_allowed_text_is_accepted(world):
    body = new_case(world, description="ж" * TEXT_MAX_LENGTH)
    response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    assert len(Case.objects.get(reference=response.json()["reference"]).description) == TEXT_MAX_LENGTH


def test_a_plain_api_input_without_a_model_field_is_limited_too(world):
    case = world.cases["own"]
    response = world.client("supervisor").post(f"/api/v1/cases/{case.pk}/void/", {"reason": TOO_LONG},
                                               format="json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400, response.content
    assert "reason" in response.json() and "не более" in response.json()["reason"][0]
    case.refresh_from_db()
    assert not case.is_voided


def test_the_model_validation_refuses_it_for_the_admin_and_the_imports(world):
    person = Person(agency=world.agencies["own"], full_name="Асанов Бакыт", notes=TOO_LONG)
    with pytest.raises(ValidationError) as refused:
        person.full_clean()
    assert "notes" in refused.value.message_dict


def test_the_web_form_shows_the_limit_and_refuses_a_longer_text(client, world):
    from tests.web.conftest import PASSWORD, case_post_data

    reference = {"falcon": world.taxon, "liv": world.term, "saiga": world.taxon, "hor": world.term,
                 "kil": world.unit}
    client.login(username="officer", password=PASSWORD)
    form = client.get("/cases/new/").content.decode()
    assert f'maxlength="{TEXT_MAX_LENGTH}"' in form
    before = Case.objects.count()
    data = case_post_data(reference, description=TOO_LONG, **{"items-TOTAL_FORMS": "1", "items-0-live_count": ""})
    response = client.post("/cases/new/", data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert f"at most {TEXT_MAX_LENGTH} characters" in response.content.decode()
    assert Case.objects.count() == before
