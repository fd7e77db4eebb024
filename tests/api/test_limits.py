"""Hard limits on API input, always answered in JSON: body size, JSON nesting, rows per case, errors."""
from __future__ import annotations

import pytest
from django.test import Client

from seizures.models import Case
from tests.api.test_case_writes import new_case

pytestmark = pytest.mark.django_db


def _token_header(world, role: str = "officer") -> dict:
    from rest_framework.authtoken.models import Token

    token, _ = Token.objects.get_or_create(user=world.users[role])
    return {"HTTP_AUTHORIZATION": f"Token {token.key}"}


def test_deep_json_answers_400_in_json(world):
    body = "[" * 5000 + "]" * 5000
    response = Client().post("/api/v1/cases/", body, content_type="application/json", **_token_header(world))
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert "20" in response.json()["detail"]
    nested = {"a": 1}
    for _ in range(25):
        nested = {"a": nested}
    response = Client().post("/api/v1/cases/", {**new_case(world), "description": "x", "extra": nested},
                             content_type="application/json", **_token_header(world))
    assert response.status_code == 400 and "detail" in response.json()


def test_a_body_over_the_limit_answers_413_in_json(world, settings):
    before = Case.objects.count()
    body = '{"description": "' + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + '"}'
    response = Client().post("/api/v1/cases/", body, content_type="application/json", **_token_header(world))
    assert response.status_code == 413, response.content[:200]
    assert response["Content-Type"] == "application/json" and "5" in response.json()["detail"]
    assert Case.objects.count() == before


def test_unknown_api_addresses_and_methods_answer_json(world):
    missing = Client().get("/api/v1/no-such-thing/", **_token_header(world))
    assert missing.status_code == 404 and missing["Content-Type"] == "application/json"
    assert missing.json()["detail"]
    wrong = Client().delete(f"/api/v1/cases/{world.cases['own'].pk}/", **_token_header(world))
    assert wrong.status_code == 405 and wrong["Content-Type"] == "application/json"


def test_too_many_items_are_refused_before_any_work(world):
    body = new_case(world)
    body["items"] = body["items"] * 201
    before = Case.objects.count()
    response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 400 and "items" in response.json()
    assert Case.objects.count() == before


def test_an_empty_filter_value_means_no_filter(world):
    client = world.client("analyst")
    everything = client.get("/api/v1/cases/").json()["results"]
    for name in ("agency", "origin_country", "status", "appendix", "post", "taxon"):
        response = client.get(f"/api/v1/cases/?{name}=")
        assert response.status_code == 200, (name, response.content)
        assert [c["id"] for c in response.json()["results"]] == [c["id"] for c in everything]
    assert client.get("/api/v1/cases/?agency=KG-CUS&status=").json()["results"]
    assert client.get("/api/v1/cases/?status=nonsense").status_code == 400
