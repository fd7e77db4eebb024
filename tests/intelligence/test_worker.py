"""A real Celery worker and Redis: one flag and two alerts, nothing added on re-runs, nothing lost on restart.

Needs PostgreSQL (the worker process must share the test database) and Redis: skipped locally without
them, failing in CI (REQUIRE_SERVICES=1).
"""
from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.db import connection

from intelligence import tasks
from intelligence.models import Alert, Flag, MatchMarker
from tests.conftest import require_service, unavailable

from .conftest import suspect_case

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/5"


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s.get("USER") or "postgres")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def wait_for(predicate, timeout: float = 60.0, step: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return predicate()


class Worker:
    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.proc: subprocess.Popen | None = None
        self.log = tmp / "worker.log"

    def start(self, pause: float = 0.0) -> None:
        env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": BROKER,
               "CELERY_RESULT_BACKEND": BROKER, "DJANGO_SETTINGS_MODULE": "config.settings_test",
               "INTELLIGENCE_TASK_PAUSE_SECONDS": str(pause), "CELERY_VISIBILITY_TIMEOUT": "2",
               "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "info",
               "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"intel-{uuid.uuid4().hex[:8]}@%h"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def kill(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
        self.proc = None

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None


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
    w = Worker(tmp_path)
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
