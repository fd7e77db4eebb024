"""The import page's progress bar, driven by a real Celery worker process and followed in a real browser."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from agencies.choices import Role
from imports.models import ImportBatch
from imports.services import create_batch
from seizures.models import Case
from tests.conftest import require_service

from .test_officer_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.services, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
ROWS = 600


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s.get("USER") or "postgres") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@pytest.fixture
def worker(tmp_path, settings):
    """A real worker process on the test database and this run's broker (which is also the shared cache)."""
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis") or connection.vendor != "postgresql":
        pytest.fail("the progress test needs PostgreSQL and Redis (DATABASE_URL, CELERY_BROKER_URL)")
    host_port = broker.split("//", 1)[1].split("/", 1)[0]
    host, _sep, port = host_port.rpartition(":")
    require_service("Redis", host or "127.0.0.1", int(port or 6379))
    log = tmp_path / "worker.log"
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": broker,
           "DJANGO_SETTINGS_MODULE": "config.settings_test", "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "info", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-n", f"imp-{uuid.uuid4().hex[:8]}@%h"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    yield proc, log
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


def test_progress_bar_follows_a_real_worker_to_the_end(live_server, new_page, worker):
    from agencies.models import Agency
    from agencies.reference import load_agencies, load_countries
    from benchmarks.bench_import import make_file
    from species.reference import load_codes, load_taxa
    from tests.factories import make_member

    for loader in (load_countries, load_agencies, load_codes, load_taxa):
        loader()
    customs = Agency.objects.get(code="KG-CUS")
    supervisor = make_member(customs, Role.SUPERVISOR, username="import_supervisor")
    data = make_file(ROWS, seed=15)
    batch = create_batch(supervisor, customs, data, "history.csv")
    page = new_page()
    sign_in(page, live_server.url, "import_supervisor")
    page.goto(f"{live_server.url}/imports/{batch.pk}/")
    page.click("button[name=action][value=preview]")
    page.click("button[name=action][value=import]")
    page.wait_for_url(f"{live_server.url}/imports/{batch.pk}/progress/")
    bar = page.locator("#import-progress progress")
    bar.wait_for()  # the job is running: the bar is on the page
    seen = [int(bar.get_attribute("value"))]
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and bar.count():  # the page polls; the bar goes when the job is done
        try:
            seen.append(int(bar.get_attribute("value", timeout=500)))
        except Exception:  # noqa: BLE001 - swapped out between count() and the read: the job is done
            break
        time.sleep(0.3)
    proc, log = worker
    assert proc.poll() is None, log.read_text(errors="replace")[-2000:]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, (batch.status, batch.message, page.inner_text("#import-progress"),
                                                     log.read_text(errors="replace")[-3000:])
    assert batch.status == ImportBatch.Status.DONE, (batch.message, log.read_text(errors="replace")[-2000:])
    assert Case.objects.filter(agency=customs).count() == batch.created_cases > 0
    assert page.locator("#import-progress progress").count() == 0
    page.locator("#import-progress", has_text=batch.message).wait_for()  # the page updated itself, no reload
    assert str(batch.created_cases) in batch.message
    assert seen == sorted(seen) and all(0 <= v <= 100 for v in seen)  # shown while running, never backwards
