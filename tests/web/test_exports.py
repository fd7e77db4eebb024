"""Background exports: started from the list, written by the job runner, downloadable only by their owner."""
import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from seizures import exports, exports_jobs
from seizures.choices import CaseStatus, SharingLevel
from seizures.models import ExportJob
from tests.factories import CaseFactory, make_member

pytestmark = pytest.mark.django_db


def start(client, query="", fmt="csv"):
    return client.post("/cases/exports/", {"query": query, "format": fmt})


def test_export_job_writes_visible_cases_with_codes_and_names(client, world):
    visible = CaseFactory(agency=world["border"], sharing_level=SharingLevel.AGENCY, origin_country=world["kz"])
    hidden = CaseFactory(agency=world["customs"], status=CaseStatus.DRAFT)
    closed = CaseFactory(agency=world["border"], status=CaseStatus.CLOSED)
    client.force_login(world["analyst"])
    response = start(client, "status=open")
    job = ExportJob.objects.get(user=world["analyst"])
    assert response.status_code == 302 and response["Location"] == f"/cases/exports/{job.pk}/"
    assert job.status == ExportJob.Status.PENDING and job.params == {"status": ["open"]}
    page = client.get(f"/cases/exports/{job.pk}/", HTTP_HX_REQUEST="true").content.decode()
    assert "hx-trigger=\"every 2s\"" in page  # the fragment polls while the job is not finished
    assert client.get(f"/cases/exports/{job.pk}/download/").status_code == 404  # not ready yet

    job = exports_jobs.run_export(job.pk)
    assert job.status == ExportJob.Status.DONE and job.total == 1 and job.written == 1 and job.percent == 100
    response = client.get(f"/cases/exports/{job.pk}/download/")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert [r[0] for r in body] == [visible.reference]
    assert hidden.reference not in str(rows) and closed.reference not in str(rows)
    with translation.override("en"):
        english = exports.export_columns()
    assert len(header) == len(english)
    line = dict(zip(english, body[0], strict=True))
    assert line["Agency code"] == "KG-BGS" and line["Agency"] == "Border Service"
    assert line["Country of origin code"] == "KZ" and line["Country of origin"] == world["kz"].name
    assert f"/cases/exports/{job.pk}/download/" in client.get(f"/cases/exports/{job.pk}/").content.decode()


def test_export_job_uses_the_rule_of_its_owner_only(client, world):
    CaseFactory(agency=world["customs"], status=CaseStatus.OPEN)
    client.force_login(world["supervisor"])
    start(client, "", "xlsx")
    job = exports_jobs.run_export(ExportJob.objects.get().pk)
    book = load_workbook(job.file.open("rb"), read_only=True)
    assert len(list(book.active.iter_rows())) == 2
    other = make_member(world["customs"], "supervisor", username="other_supervisor")
    client.force_login(other)  # same agency, same role: still not their job
    assert client.get(f"/cases/exports/{job.pk}/").status_code == 404
    assert client.get(f"/cases/exports/{job.pk}/download/").status_code == 404


def test_officers_may_not_export_and_bad_filters_are_refused(client, world):
    client.force_login(world["officer"])
    assert start(client).status_code == 403
    client.force_login(world["analyst"])
    assert start(client, "date_from=not-a-date").status_code == 400
    assert start(client, "status=open", "pdf").status_code == 400
    assert not ExportJob.objects.exists()
