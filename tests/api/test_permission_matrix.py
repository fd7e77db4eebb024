"""Every role × every endpoint × method × visibility situation, asserted from a hand-written table."""
from __future__ import annotations

import csv
import io

import pytest

from seizures.models import Case, PersonAccessLog

from .conftest import ALL_CASES, CASES, MEMBER_ROLES, ROLES, VISIBLE

pytestmark = pytest.mark.django_db

DENIED = (401, 403)


def _own_supervisor(role: str, key: str) -> bool:
    return role == "superuser" or (role == "supervisor" and CASES[key][0] == "own")


def _own_writer(role: str, key: str) -> bool:
    return role == "superuser" or (role in ("officer", "supervisor") and CASES[key][0] == "own")


def _anyone(role: str, key: str) -> bool:
    return True


def _nobody(role: str, key: str) -> bool:
    return False


#: (name, method, url template, body, may act(role, case key), success status)
CASE_ENDPOINTS = [
    ("detail", "get", "/api/v1/cases/{case}/", None, _anyone, 200),
    ("update", "patch", "/api/v1/cases/{case}/", {"description": "changed"}, _own_writer, 200),
    ("replace", "put", "/api/v1/cases/{case}/",
     {"occurred_at": "2025-01-01T10:00:00Z", "detection_method": "dog", "transport_mode": "air"}, _own_writer, 200),
    ("close", "post", "/api/v1/cases/{case}/close/", {}, _own_supervisor, 200),
    ("reopen", "post", "/api/v1/cases/{case}/reopen/", {}, _nobody, 200),  # none of the cases is closed
    ("sharing", "post", "/api/v1/cases/{case}/sharing/", {"sharing_level": "national"}, _own_supervisor, 200),
    ("void", "post", "/api/v1/cases/{case}/void/", {"reason": "entered twice"}, _own_supervisor, 200),
    ("history", "get", "/api/v1/cases/{case}/history/", None, _own_supervisor, 200),
    ("delete", "delete", "/api/v1/cases/{case}/", None, _nobody, 200),
    ("person", "get", "/api/v1/persons/{person}/", None, _anyone, 200),
    ("person-log", "get", "/api/v1/persons/{person}/access-log/", None, _own_supervisor, 200),
    ("item", "get", "/api/v1/items/{item}/", None, _anyone, 200),
]


def _expected(role: str, key: str, may_act, success: int, method: str, name: str) -> tuple[int, ...]:
    if role in ("anonymous",):
        return DENIED
    if role == "no_member":
        return (403,)
    if key not in VISIBLE[role]:
        return (404,) if name != "delete" else (404, 405)
    if name == "delete":
        return (405,)  # cases are never deleted
    return (success,) if may_act(role, key) else (403,)


@pytest.mark.parametrize("key", sorted(ALL_CASES))
@pytest.mark.parametrize("endpoint", CASE_ENDPOINTS, ids=[e[0] for e in CASE_ENDPOINTS])
@pytest.mark.parametrize("role", ROLES)
def test_case_endpoint_matrix(world, role, endpoint, key):
    name, method, template, body, may_act, success = endpoint
    case = world.cases[key]
    before = Case.objects.values().get(pk=case.pk)
    url = template.format(case=case.pk, person=world.persons[key].pk, item=case.items.get().pk)
    response = getattr(world.client(role), method)(url, body, format="json") if body is not None else getattr(
        world.client(role), method)(url)
    expected = _expected(role, key, may_act, success, method, name)
    assert response.status_code in expected, (role, name, key, response.status_code, response.content[:300])
    if response.status_code >= 400:
        assert response["Content-Type"].startswith("application/json")
        if method != "get":  # a refused write changes nothing
            assert Case.objects.values().get(pk=case.pk) == before
        if response.status_code == 404:  # a hidden row reveals nothing about itself
            assert case.reference.encode() not in response.content


def _refs(response) -> set[str]:
    assert response.status_code == 200, response.content[:300]
    return {row["reference"] for row in response.json()["results"]}


def _keys_of(world, refs: set[str]) -> set[str]:
    by_ref = {case.reference: key for key, case in world.cases.items()}
    return {by_ref[r] for r in refs}


@pytest.mark.parametrize("role", ROLES)
def test_case_list_shows_exactly_the_visible_cases(world, role):
    response = world.client(role).get("/api/v1/cases/", {"page_size": 200})
    if role in ("anonymous", "no_member"):
        assert response.status_code in DENIED
        return
    assert _keys_of(world, _refs(response)) == VISIBLE[role]


@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_paging_through_cases_never_leaks(world, role):
    client = world.client(role)
    seen: list[str] = []
    url = "/api/v1/cases/?page_size=2"
    while url:
        data = client.get(url).json()
        seen += [row["reference"] for row in data["results"]]
        url = data["next"]
    assert len(seen) == len(set(seen))
    assert _keys_of(world, set(seen)) == VISIBLE[role]


FILTERS = [
    {"q": "case"},
    {"q": "Person"},
    {"agency": "KG-BGS"},
    {"taxon": "TAXON"},
    {"term": "HOR"},
    {"appendix": "II"},
    {"has_live_animals": "false"},
    {"status": "open"},
    {"date_from": "2025-01-01", "date_to": "2025-12-31"},
    {"detection_method": "xray"},
]


@pytest.mark.parametrize("params", FILTERS, ids=[next(iter(f)) for f in FILTERS])
@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_filters_never_widen_visibility(world, role, params):
    params = {k: (str(world.taxon.pk) if v == "TAXON" else v) for k, v in params.items()}
    keys = _keys_of(world, _refs(world.client(role).get("/api/v1/cases/", {**params, "page_size": 200})))
    expected = set(VISIBLE[role])
    if "agency" in params:
        expected = {k for k in expected if CASES[k][0] == "other"}
    if "status" in params:
        expected.discard("other_draft")
    assert keys == expected


@pytest.mark.parametrize("key", sorted(ALL_CASES))
@pytest.mark.parametrize("role", MEMBER_ROLES)
def test_filter_by_ids_of_hidden_rows_gives_no_rows(world, role, key):
    client = world.client(role)
    person, case = world.persons[key], world.cases[key]
    by_person = client.get("/api/v1/cases/", {"person": person.pk})
    by_case = client.get("/api/v1/persons/", {"case": case.pk})
    items = client.get("/api/v1/items/", {"case": case.pk})
    visible = key in VISIBLE[role]
    for response in (by_person, by_case, items):
        assert response.status_code == 200
        assert bool(response.json()["results"]) is visible


@pytest.mark.parametrize("role", ROLES)
def test_item_and_person_lists_follow_the_cases(world, role):
    client = world.client(role)
    items = client.get("/api/v1/items/", {"page_size": 200})
    persons = client.get("/api/v1/persons/", {"page_size": 200})
    if role in ("anonymous", "no_member"):
        assert items.status_code in DENIED and persons.status_code in DENIED
        return
    item_cases = {row["id"] for row in items.json()["results"]}
    assert item_cases == {world.cases[k].items.get().pk for k in VISIBLE[role]}
    names = {row["full_name"] for row in persons.json()["results"]}
    assert names == {world.persons[k].full_name for k in VISIBLE[role]}
    for row in persons.json()["results"]:  # a person's case list shows only visible cases
        assert {link["reference"] for link in row["cases"]} <= {world.cases[k].reference for k in VISIBLE[role]}


STATISTICS_ROLES = {"analyst", "supervisor", "kz_analyst", "superuser"}


@pytest.mark.parametrize("group_by", ["month", "quarter", "year", "agency", "species", "family", "route",
                                      "detection_method", "post"])
@pytest.mark.parametrize("role", ROLES)
def test_statistics_count_only_visible_cases(world, role, group_by):
    response = world.client(role).get("/api/v1/statistics/cases/", {"group_by": group_by})
    if role not in STATISTICS_ROLES:
        assert response.status_code in DENIED
        return
    assert response.status_code == 200, response.content
    rows = response.json()["results"]
    assert sum(row["cases"] for row in rows) == len(VISIBLE[role])
    assert sum(row["items"] for row in rows) == len(VISIBLE[role])
    kil = [q for row in rows for q in row["quantities"] if q["unit"] == "KIL"]
    assert sum(float(q["quantity"]) for q in kil) == pytest.approx(2.5 * len(VISIBLE[role]))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("role", ROLES)
def test_exports_contain_only_visible_cases(world, role, fmt):
    response = world.client(role).get(f"/api/v1/cases/export/{fmt}/")
    if role not in STATISTICS_ROLES:
        assert response.status_code in DENIED
        return
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
        refs = {row[0] for row in rows}
    else:
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(body), read_only=True).active
        refs = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert _keys_of(world, refs) == VISIBLE[role]


@pytest.mark.parametrize("role", ROLES)
def test_person_views_are_logged_only_when_allowed(world, role):
    person = world.persons["own"]
    response = world.client(role).get(f"/api/v1/persons/{person.pk}/")
    logged = PersonAccessLog.objects.filter(person=person).count()
    if "own" in VISIBLE[role]:
        assert response.status_code == 200
        assert logged == 1
        entry = PersonAccessLog.objects.get(person=person)
        assert entry.user == world.users[role] and entry.channel == "api"
    else:
        assert logged == 0


def test_statistics_rows_carry_translated_labels_for_codes(world):
    response = world.client("analyst").get("/api/v1/statistics/cases/", {"group_by": "detection_method"},
                                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.json()["results"][0]["group"] == {"detection_method": "xray", "label": "X-ray"}
    bad = world.client("analyst").get("/api/v1/statistics/cases/", {"group_by": "weekday"})
    assert bad.status_code == 400 and "group_by" in bad.json()
