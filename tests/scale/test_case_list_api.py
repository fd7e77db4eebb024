"""The API case list: flat rows, one query per page, exactly what its OpenAPI schema describes."""
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from seizures.models import Case
from tests.api.conftest import VISIBLE, _module_world, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def _schema_component() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    page = schema["paths"]["/api/v1/cases/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    name = page["$ref"].rsplit("/", 1)[1]
    row = schema["components"]["schemas"][name]["properties"]["results"]["items"]["$ref"].rsplit("/", 1)[1]
    return schema["components"]["schemas"][row]


def test_list_rows_are_what_the_schema_says(world):  # noqa: F811
    component = _schema_component()
    rows = world.client("analyst").get("/api/v1/cases/", {"page_size": 200}).json()["results"]
    assert {r["reference"] for r in rows} == {world.cases[k].reference for k in VISIBLE["analyst"]}
    properties = component["properties"]
    for row in rows:
        assert set(row) == set(properties) == set(component["required"])
        for name, value in row.items():
            if value is None:
                assert properties[name].get("nullable"), name
    own = next(r for r in rows if r["reference"] == world.cases["own"].reference)
    detail = world.client("analyst").get(f"/api/v1/cases/{own['id']}/").json()
    for name in set(own) - {"items_count"}:
        assert own[name] == detail[name], name  # the same values as the full case
    assert own["items_count"] == len(detail["items"]) == 1 and "parties" not in own


def test_one_query_per_page_whatever_its_size(world):  # noqa: F811
    client = world.client("superuser")
    counts = []
    for size in (2, 9):
        with CaptureQueriesContext(connection) as ctx:
            response = client.get("/api/v1/cases/", {"page_size": size})
        assert len(response.json()["results"]) == min(size, Case.objects.count())
        counts.append(sum("seizures_case" in q["sql"] for q in ctx.captured_queries))
    assert counts[0] == counts[1] == 1
