"""Constant query counts per list, the OpenAPI schema, translated JSON errors, tokens and /me."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from seizures.choices import ConveyanceKind, PartyRole, SharingLevel
from seizures.models import Case, CaseParty, Conveyance, Person, SeizedItem
from tests.support.services import redis_server  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_cases(world):
    own = world.agencies["own"]
    recorder = world.users["officer"]
    for n in range(60):
        case = Case.objects.create(
            agency=own, recorded_by=recorder,
            occurred_at=datetime.datetime(2024, 1 + n % 12, 1 + n % 28, tzinfo=datetime.UTC),
            detection_method="dog", transport_mode="air", sharing_level=SharingLevel.NATIONAL,
        )
        case.transit_countries.set([world.agencies["kz_owner"].country])
        for _ in range(2):
            SeizedItem.objects.create(case=case, taxon=world.taxon, term=world.term, quantity=Decimal("1"),
                                      unit=world.unit)
            person = Person.objects.create(agency=own, full_name=f"Many {n}")
            CaseParty.objects.create(case=case, person=person, role=PartyRole.COURIER)
        Conveyance.objects.create(case=case, kind=ConveyanceKind.FLIGHT, identifier=f"KC{n}")
    return world


def _queries(client: APIClient, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content[:200]
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", ["officer", "analyst", "superuser"])
@pytest.mark.parametrize("url", ["/api/v1/cases/", "/api/v1/items/", "/api/v1/persons/", "/api/v1/species/",
                                 "/api/v1/agencies/", "/api/v1/posts/", "/api/v1/terms/"])
def test_list_queries_do_not_grow_with_page_size(many_cases, role, url, django_assert_max_num_queries):
    client = many_cases.client(role)
    small = _queries(client, f"{url}?page_size=5")
    with django_assert_max_num_queries(small):
        response = client.get(f"{url}?page_size=50")
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        client.get(f"{url}?page_size=50")


def test_case_list_follows_deep_pages_with_cursors(many_cases):
    client = many_cases.client("officer")
    first = client.get("/api/v1/cases/?page_size=5").json()
    assert first["next"] and "cursor=" in first["next"] and "count" not in first
    url, pages = first["next"], 1
    while url:
        url = client.get(url).json()["next"]
        pages += 1
    assert pages == -(-(60 + 4) // 5)  # 60 new cases and the 4 world cases an officer sees, 5 a page


def test_schema_is_valid_and_lists_only_existing_endpoints(world):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = schema["paths"]
    for required in ["/api/v1/cases/", "/api/v1/cases/{id}/", "/api/v1/cases/export/csv/",
                     "/api/v1/statistics/cases/", "/api/v1/species/", "/api/v1/me/", "/api/v1/auth/token/"]:
        assert required in paths
    for path in paths:
        try:
            resolve(path.replace("{id}", "1"))
        except Resolver404:  # pragma: no cover - the assertion below reports it
            pytest.fail(f"schema lists {path}, which does not exist")
    case_params = {p["name"] for p in paths["/api/v1/cases/"]["get"]["parameters"]}
    assert {"q", "date_from", "date_to", "agency", "post", "origin_country", "transit_country",
            "destination_country", "taxon", "appendix", "term", "detection_method", "transport_mode",
            "concealment", "status", "has_live_animals", "ordering", "cursor", "page_size"} <= case_params
    assert "delete" not in paths["/api/v1/cases/{id}/"]


def test_schema_and_docs_pages_are_served(world):
    client = world.client("officer")
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/schema/swagger/").status_code == 200
    assert client.get("/api/schema/redoc/").status_code == 200


@pytest.mark.parametrize("language,text", [("ru", "Учетные данные не были предоставлены."),
                                           ("en", "Authentication credentials were not provided.")])
def test_errors_are_json_in_the_request_language(world, language, text):
    response = APIClient().get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code in (401, 403)
    assert response.json()["detail"] == text


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_hidden_case_answers_translated_not_found(world, language):
    from django.utils import translation

    response = world.client("officer").get(f"/api/v1/cases/{world.cases['kz_unshared'].pk}/",
                                           HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    with translation.override(language):
        expected = translation.gettext("Not found.")
    assert response.json() == {"detail": expected}
    if language == "ru":
        assert expected != "Not found."


def test_validation_errors_are_translated(world):
    response = world.client("officer").post("/api/v1/cases/", {}, format="json", HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert response.json()["occurred_at"] == ["Обязательное поле."]


def test_token_lifecycle(world):
    officer = world.users["officer"]
    anonymous = APIClient()
    bad = anonymous.post("/api/v1/auth/token/", {"username": "officer", "password": "wrong"}, format="json")
    assert bad.status_code in (401, 403) and not Token.objects.filter(user=officer).exists()
    login = anonymous.post("/api/v1/auth/token/", {"username": "officer", "password": "pass-1234-word"},
                           format="json")
    assert login.status_code == 201
    key = login.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/auth/token/").json()["exists"] is True
    rotated = client.post("/api/v1/auth/token/").json()["token"]
    assert rotated != key
    assert client.get("/api/v1/me/").status_code in (401, 403)  # the old token no longer works
    client.credentials(HTTP_AUTHORIZATION=f"Token {rotated}")
    assert client.delete("/api/v1/auth/token/").status_code == 204
    assert not Token.objects.filter(user=officer).exists()


def test_me_shows_agency_and_role(world):
    data = world.client("supervisor").get("/api/v1/me/").json()
    assert data["username"] == "supervisor"
    assert data["membership"]["role"] == "supervisor" and data["membership"]["agency"]["code"] == "KG-CUS"
    assert world.client("supervisor").patch("/api/v1/me/", {"is_superuser": True}, format="json").status_code == 405


def test_csv_export_streams_in_chunks(many_cases, monkeypatch):
    """Rows are read chunk by chunk (a few queries per chunk), never all at once, and streamed."""
    from seizures import exports

    monkeypatch.setattr(exports, "CHUNK_SIZE", 10)
    client = many_cases.client("analyst")
    response = client.get("/api/v1/cases/export/csv/", {"agency": "KG-CUS"})
    assert response.streaming
    with CaptureQueriesContext(connection) as ctx:
        lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert len(lines) == 1 + 61  # heading, the 60 cases and the world's own case
    chunks = -(-61 // 10)
    assert len(ctx.captured_queries) <= 4 * chunks + 4
    assert len(ctx.captured_queries) >= chunks


@pytest.mark.parametrize("role,throttle", [("anonymous", "AnonRateThrottle"), ("officer", "UserRateThrottle")])
def test_requests_are_throttled(world, redis_server, monkeypatch, role, throttle):  # noqa: F811
    """Throttle counters on a real Redis (django-redis, as in production), a test-owned one on a free port."""
    import redis
    from rest_framework import throttling

    monkeypatch.setattr(getattr(throttling, throttle), "rate", "3/hour", raising=False)
    client = world.client(role)

    def call():  # anonymous: guessing passwords at the token endpoint; signed in: any endpoint
        if role == "anonymous":
            return client.post("/api/v1/auth/token/", {"username": "officer", "password": "guess"}, format="json")
        return client.get("/api/v1/species/")

    codes = [call().status_code for _ in range(4)]
    assert codes[-1] == 429 and 429 not in codes[:3]
    assert "detail" in call().json()
    assert redis.Redis.from_url(redis_server.url).dbsize() >= 1  # the counters really live in that Redis
