"""The person access log is written at every API door that shows a person's identifying data."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from agencies.choices import Role
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import PersonAccessLog
from tests.factories import AgencyFactory, CaseFactory, PersonFactory, add_party, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene(db):
    agency = AgencyFactory(code="KG-CUS")
    officer = make_member(agency, role=Role.OFFICER, username="officer")
    case = CaseFactory(agency=agency, sharing_level=SharingLevel.AGENCY)
    persons = [PersonFactory(agency=agency, full_name=f"Асанов Бакыт {n}", id_document_number=f"AN{n}")
               for n in range(3)]
    for person in persons:
        add_party(case, person)
    client = APIClient()
    client.force_authenticate(officer)
    return officer, case, persons, client


def test_case_detail_logs_each_person_once_with_the_case(scene):
    officer, case, persons, client = scene
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    entries = PersonAccessLog.objects.filter(user=officer)
    assert sorted(e.person_id for e in entries) == sorted(p.pk for p in persons)
    assert {e.case_id for e in entries} == {case.pk} and {e.channel for e in entries} == {"api"}


def test_person_list_by_case_logs_every_person_in_one_insert(scene):
    officer, case, persons, client = scene
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/persons/", {"case": case.pk})
    assert response.status_code == 200 and len(response.json()["results"]) == 3
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT") and "accesslog" in q["sql"]]
    assert len(inserts) == 1
    assert PersonAccessLog.objects.filter(user=officer).count() == 3


def test_person_detail_is_logged_once_per_request(scene):
    officer, case, persons, client = scene
    client.get(f"/api/v1/persons/{persons[0].pk}/")
    client.get(f"/api/v1/persons/{persons[0].pk}/")
    assert PersonAccessLog.objects.filter(user=officer, person=persons[0]).count() == 2


def test_refused_requests_write_nothing(scene):
    officer, case, persons, client = scene
    stranger = make_member(AgencyFactory(code="KG-BGS"), role=Role.OFFICER, username="stranger")
    other = APIClient()
    other.force_authenticate(stranger)
    assert other.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert not PersonAccessLog.objects.filter(user=stranger).exists()


@pytest.fixture
def export_scene(scene):
    officer, case, persons, client = scene
    analyst = make_member(case.agency, role=Role.ANALYST, username="analyst")
    second = CaseFactory(agency=case.agency, sharing_level=SharingLevel.AGENCY)
    add_party(second, persons[0])  # the same person in two exported cases: still one entry
    hidden_person = PersonFactory(agency=case.agency, full_name="Скрытый Человек")
    add_party(CaseFactory(agency=AgencyFactory(code="KG-BGS"), status=CaseStatus.DRAFT), hidden_person)
    api = APIClient()
    api.force_authenticate(analyst)
    return analyst, persons, hidden_person, api


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_log_every_exported_person_once(export_scene, fmt):
    analyst, persons, hidden_person, api = export_scene
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/api/v1/cases/export/{fmt}/")
    assert response.status_code == 200
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT") and "accesslog" in q["sql"]]
    assert len(inserts) == 1  # one INSERT ... SELECT, whatever the number of persons
    entries = PersonAccessLog.objects.filter(user=analyst)
    assert sorted(e.person_id for e in entries) == sorted(p.pk for p in persons)
    assert {e.channel for e in entries} == {"export"} and {e.ip_address for e in entries} == {"127.0.0.1"}
    assert not PersonAccessLog.objects.filter(person=hidden_person).exists()


def test_background_export_logs_its_persons_when_written(export_scene, client):
    from seizures import exports_jobs
    from seizures.models import ExportJob

    analyst, persons, hidden_person, api = export_scene
    client.force_login(analyst)
    client.post("/cases/exports/", {"query": "", "format": "csv"})
    job = ExportJob.objects.get(user=analyst)
    assert not PersonAccessLog.objects.filter(user=analyst).exists()  # nothing written yet
    exports_jobs.run_export(job.pk)
    exports_jobs.run_export(job.pk)  # a finished job is not written (nor logged) again
    entries = PersonAccessLog.objects.filter(user=analyst)
    assert sorted(e.person_id for e in entries) == sorted(p.pk for p in persons)
    assert {e.channel for e in entries} == {"export"}
