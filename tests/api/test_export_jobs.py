"""The export-job API: started by a request, written by a real Celery worker process, downloaded by its owner."""
from __future__ import annotations

import csv
import io
import time

import pytest
from rest_framework.test import APIClient

from seizures.models import Case, ExportJob
from tests.support.services import celery_worker

from .conftest import build_world

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_export_job_api_runs_on_a_real_worker(tmp_path):
    world = build_world()
    supervisor, other = world.users["supervisor"], world.users["analyst"]
    client = APIClient()
    client.force_authenticate(supervisor)
    assert client.post("/api/v1/exports/", {"format": "csv", "filter": {"date_from": "not a date"}},
                       format="json").status_code == 400
    with celery_worker(tmp_path) as (proc, log):
        response = client.post("/api/v1/exports/", {"format": "csv", "filter": {}}, format="json")
        assert response.status_code == 202, response.content
        job_id = response.json()["id"]
        assert response["Location"].endswith(f"/api/v1/exports/{job_id}/")
        deadline = time.monotonic() + 60
        body = {}
        while time.monotonic() < deadline:
            body = client.get(f"/api/v1/exports/{job_id}/").json()
            if body["status"] in ("done", "failed"):
                break
            time.sleep(0.3)
        assert body["status"] == "done", (body, log.read_text(errors="replace")[-2000:])
    visible = Case.objects.visible_to(supervisor)
    assert body["percent"] == 100 and body["total"] == visible.count() == body["written"]
    assert body["download"].endswith(f"/api/v1/exports/{job_id}/download/")
    download = client.get(f"/api/v1/exports/{job_id}/download/")
    assert download.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    references = {cell for row in rows[1:] for cell in row}
    assert all(case.reference in references for case in visible)
    hidden = Case.objects.exclude(pk__in=visible.values("pk"))
    assert hidden.exists() and not any(case.reference in references for case in hidden)
    client.force_authenticate(other)  # another user never sees the job
    assert client.get(f"/api/v1/exports/{job_id}/").status_code == 404
    assert client.get(f"/api/v1/exports/{job_id}/download/").status_code == 404
    assert ExportJob.objects.filter(user=other).count() == 0
