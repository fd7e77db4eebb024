"""The import page's progress bar, driven by a real Celery worker process and followed in a real browser."""
from __future__ import annotations

import time

import pytest

from agencies.choices import Role
from imports.models import ImportBatch
from imports.services import create_batch
from seizures.models import Case
from tests.support.services import celery_worker

from .test_officer_journey import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.services, pytest.mark.django_db(transaction=True)]
ROWS = 600


@pytest.fixture
def worker(tmp_path):
    with celery_worker(tmp_path) as running:
        yield running


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
