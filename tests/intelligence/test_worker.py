"""A real Celery worker and Redis: one flag and two alerts, nothing added on re-runs, nothing lost on restart.

Needs PostgreSQL (the worker process must share the test database) and Redis: skipped locally without
them, failing in CI (REQUIRE_SERVICES=1).
"""
from __future__ import annotations

import datetime
import os
import time
from urllib.parse import urlparse

import pytest
from django.db import connection

from intelligence import tasks
from intelligence.models import Alert, Flag, MatchMarker
from tests.conftest import require_service, unavailable
from tests.support.services import Worker, wait_for

from .conftest import suspect_case

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/5"


def _queue_idle(client) -> bool:
    return client.llen("celery") == 0 and client.hlen("unacked") == 0


@pytest.fixture
def worker(transactional_db, tmp_path):
    if connection.vendor != "postgresql":
        unavailable("the real-worker tests need PostgreSQL (an in-memory SQLite test database cannot be shared)")
    url = urlparse(BROKER)
    require_service("Redis", url.hostname or "127.0.0.1", url.port or 6379)
    import redis

    from config.celery import app

    saved = (app.conf.task_always_eager, app.conf.broker_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = BROKER
    client = redis.Redis.from_url(BROKER)
    client.delete("celery", "unacked", "unacked_index")
    w = Worker(BROKER, tmp_path, env={"CELERY_VISIBILITY_TIMEOUT": "2"}, name="intel")
    w.client = client
    yield w
    w.stop()
    app.conf.task_always_eager, app.conf.broker_url = saved
    client.delete("celery", "unacked", "unacked_index")


def _two_sightings(customs, border):
    suspect_case(customs, "Токтогулов Бакыт", birth_date=datetime.date(1987, 3, 9),
                 id_document_type="passport", id_document_number="AC1234567")
    return suspect_case(border, "Baqyt Toktogulov, b. 1987", id_document_type="passport",
                        id_document_number="AC 123 4567")


def _settled() -> bool:
    return (Flag.objects.filter(kind="person").count() == 1 and Alert.objects.count() == 2
            and not MatchMarker.objects.exists())


def test_worker_flags_once_and_reruns_add_nothing(worker, customs, border):
    worker.start()
    _case_b, b = _two_sightings(customs, border)
    assert wait_for(_settled), worker.log.read_text()[-3000:]
    flag_id = Flag.objects.get(kind="person").pk
    tasks.match_person.delay(b.pk)
    tasks.sweep_markers.delay(0)
    tasks.nightly_rescan.delay()
    time.sleep(0.5)
    assert wait_for(lambda: _queue_idle(worker.client), timeout=60)
    time.sleep(0.5)
    assert list(Flag.objects.filter(kind="person").values_list("pk", flat=True)) == [flag_id]
    assert sorted(Alert.objects.values_list("agency__code", flat=True)) == ["KG-BRD", "KG-CUS"]


def test_worker_killed_mid_task_loses_nothing(worker, customs, border):
    worker.start(pause=4.0)
    _two_sightings(customs, border)
    assert wait_for(lambda: MatchMarker.objects.filter(attempts__gte=1).exists(), timeout=60), \
        worker.log.read_text()[-3000:]
    worker.kill()  # the running task dies before it could flag anything
    assert not Flag.objects.filter(kind="person").exists()
    assert MatchMarker.objects.exists()
    worker.start()
    tasks.sweep_markers.delay(0)  # the periodic sweep, run now
    assert wait_for(_settled, timeout=90), worker.log.read_text()[-3000:]
    assert Flag.objects.filter(kind="person").count() == 1
