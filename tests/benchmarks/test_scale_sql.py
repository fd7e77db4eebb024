"""The hand-written SQL the scale benchmark times the web case list against returns the web page's answer."""
from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client

from benchmarks import bench_scale
from seizures.models import Case
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_web_list_sql_is_the_web_page(world):  # noqa: F811
    assert connection.vendor == "postgresql"  # the benchmark's SQL is PostgreSQL's
    officer = world.users["officer"]
    agency = officer.membership.agency
    client = Client()
    client.force_login(officer)
    page = client.get("/cases/").context["page"]
    shown = [case.pk for case in page.object_list]
    with connection.cursor() as cursor:
        cursor.execute(bench_scale.WEB_LIST.format(extra=""), {"agency": agency.pk, "country": agency.country_id})
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert shown and [row["id"] for row in rows] == shown
    assert {row["count"] for row in rows} == {page.paginator.count}
    hidden = set(Case.objects.exclude(pk__in=Case.objects.visible_to(officer)).values_list("pk", flat=True))
    assert hidden and not hidden & {row["id"] for row in rows}
    items = {case.pk: sorted(item.pk for item in case.items.all()) for case in page.object_list}
    assert {row["id"]: sorted(entry["item"]["id"] for entry in row["json_agg"] or []) for row in rows} == items
    codes = {case.pk: case.agency.code for case in page.object_list}
    assert {row["id"]: json.loads(row["agency_row"])["code"] for row in rows} == codes


def test_persons_by_document_sql_is_the_api_page(world):  # noqa: F811
    from seizures.models import Person, PersonAccessLog

    officer = world.users["officer"]
    agency = officer.membership.agency
    client = Client()
    client.force_login(officer)
    answer = client.get("/api/v1/persons/", {"q": "AC00000"}, HTTP_ACCEPT="application/json").json()["results"]
    logged_by_api = PersonAccessLog.objects.filter(user=officer).count()
    with connection.cursor() as cursor:
        cursor.execute(bench_scale.PERSONS_BY_DOCUMENT, {"agency": agency.pk, "country": agency.country_id,
                                                        "like": "%AC00000%", "user": officer.pk})
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    assert answer and [row["id"] for row in rows] == [person["id"] for person in answer]
    hidden = set(Person.objects.exclude(pk__in=Person.objects.visible_to(officer)).values_list("pk", flat=True))
    assert hidden and not hidden & {row["id"] for row in rows}
    links = {person["id"]: [link["reference"] for link in person["cases"]] for person in answer}
    assert {row["id"]: [link["reference"] for link in row["links"]] for row in rows} == links
    assert {row["count"] for row in rows} == {len(rows)}  # one log entry per person shown, as the API writes
    assert PersonAccessLog.objects.filter(user=officer).count() == 2 * logged_by_api == 2 * len(rows)
