"""The API answers what its schema says (tests/support/schema_check.py checks every response of the suite);
here: the check itself, a read sweep of every role over the API, and an invalid token answering 401."""
from __future__ import annotations

import pytest
from django.http import JsonResponse

from tests.api.conftest import MEMBER_ROLES
from tests.support.schema_check import check_response, openapi_document

pytestmark = pytest.mark.django_db


def test_the_check_names_the_path_the_status_and_the_schema_error():
    body = {"count": 1, "next": None, "previous": None,
            "results": [{"id": 1, "code": "KG-CUS", "name": "Customs", "short_name": "", "kind": "customs",
                         "country": "KG", "parent": None, "is_active": "yes"}]}
    problem = check_response("GET", "/api/v1/agencies/", JsonResponse(body))
    assert problem is not None
    assert "GET /api/v1/agencies/ -> 200" in problem and "results/0/is_active" in problem
    assert "'yes' is not of type 'boolean'" in problem
    body["results"][0]["is_active"] = True
    assert check_response("GET", "/api/v1/agencies/", JsonResponse(body)) is None  # parent null is declared


def test_the_check_refuses_undocumented_operations_and_statuses():
    assert "not in the schema" in check_response("GET", "/api/v1/nowhere/", JsonResponse({}))
    assert "status not documented" in check_response("GET", "/api/v1/me/", JsonResponse({}, status=202))
    assert check_response("GET", "/api/v1/me/", JsonResponse({"detail": "x"}, status=404)) is None
    assert check_response("GET", "/elsewhere/", JsonResponse({"anything": 1})) is None


def test_declared_nulls_blanks_and_required_fields():
    schemas = openapi_document()["components"]["schemas"]
    for component, prop in [("Agency", "parent"), ("Post", "neighbour_country"), ("Term", "default_unit"),
                            ("FlagView", "reviewed_at"), ("Case", "destination_country"),
                            ("CaseParty", "person"), ("CaseParty", "company"), ("Me", "membership"),
                            ("UserAccount", "last_login")]:
        assert schemas[component]["properties"][prop].get("nullable") is True, (component, prop)
    for component, prop in [("Taxon", "iucn_category"), ("PersonSummary", "id_document_type")]:
        refs = [s.get("$ref", "") for s in schemas[component]["properties"][prop]["oneOf"]]
        assert "#/components/schemas/BlankEnum" in refs, (component, prop)
    network = openapi_document()["paths"]["/api/v1/intelligence/flags/network/"]["get"]["responses"]["200"]
    assert network["content"]["application/json"]["schema"]["$ref"] == "#/components/schemas/Network"
    assert set(schemas["Network"]["required"]) == {"nodes", "edges"}


READS = ["/api/v1/me/", "/api/v1/cases/", "/api/v1/items/", "/api/v1/persons/", "/api/v1/agencies/",
         "/api/v1/posts/", "/api/v1/countries/", "/api/v1/species/", "/api/v1/terms/", "/api/v1/units/",
         "/api/v1/sources/", "/api/v1/purposes/", "/api/v1/code-lists/", "/api/v1/statistics/cases/",
         "/api/v1/intelligence/flags/", "/api/v1/intelligence/flags/network/", "/api/v1/intelligence/alerts/",
         "/api/v1/exports/", "/api/v1/users/", "/api/v1/permits/", "/api/v1/agencies/?parent=",
         "/api/v1/cases/?agency=&status="]


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_every_role_reads_the_api_as_the_schema_says(world, role):
    """What schemathesis did with a token of each role: every answer below passes the schema check (the
    plugin fails the test otherwise); the detail of each listed case is read too."""
    client = world.client(role)
    answered = {}
    for url in READS:
        answered[url] = client.get(url).status_code
    for row in client.get("/api/v1/cases/").json()["results"][:3]:
        assert client.get(f"/api/v1/cases/{row['id']}/").status_code == 200
        client.get(f"/api/v1/cases/{row['id']}/history/")
    assert answered["/api/v1/me/"] == 200 and answered["/api/v1/cases/?agency=&status="] == 200
    assert sum(status == 200 for status in answered.values()) >= len(READS) // 2


def test_an_invalid_token_answers_401_with_www_authenticate(world):
    from rest_framework.test import APIClient

    for header in ["Token not-a-real-token", "Token ", "Token a b", "Bearer abc"]:
        for method, url in [("get", "/api/v1/cases/"), ("post", "/api/v1/cases/"), ("get", "/api/v1/me/"),
                            ("get", "/api/v1/species/")]:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=header)
            response = getattr(client, method)(url, {} if method == "post" else None, format="json")
            # "Bearer" is not our scheme: the request is anonymous, refused with the same challenge
            assert response.status_code == 401, (header, method, url, response.status_code)
            assert response["WWW-Authenticate"].startswith("Token")
            assert response["Content-Type"].startswith("application/json") and "detail" in response.json()


def test_every_operation_documents_its_error_answers():
    for template, path in openapi_document()["paths"].items():
        for method, operation in path.items():
            if method in ("get", "post", "put", "patch", "delete"):
                assert {"400", "401", "403", "404"} <= set(operation["responses"]), (method, template)


def test_error_answers_are_held_to_the_schema_too():
    assert check_response("GET", "/api/v1/cases/999999/", JsonResponse({"detail": "Not found."}, status=404)) is None
    problem = check_response("GET", "/api/v1/cases/999999/", JsonResponse({"error": "gone"}, status=404))
    assert problem is not None and "detail" in problem
    assert check_response("POST", "/api/v1/cases/", JsonResponse({"items": [{}, {"currency": ["Required."]}]},
                                                                 status=400)) is None
    assert check_response("POST", "/api/v1/cases/", JsonResponse({}, status=400)) is not None
