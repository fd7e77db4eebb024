"""A real Celery worker process for tests: the test database and this run's broker (and shared cache)."""
from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[1]


def database_url() -> str:
    s = connection.settings_dict
    auth = quote(s.get("USER") or "postgres") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


@contextmanager
def celery_worker(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, Path]]:
    """Start `celery worker --pool=solo` on the test database; stopped (TERM, then KILL) on exit."""
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis") or connection.vendor != "postgresql":
        pytest.fail("a real worker needs PostgreSQL and Redis (DATABASE_URL, CELERY_BROKER_URL)")
    host, _sep, port = broker.split("//", 1)[1].split("/", 1)[0].rpartition(":")
    require_service("Redis", host or "127.0.0.1", int(port or 6379))
    log = tmp_path / f"worker-{uuid.uuid4().hex[:6]}.log"
    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": broker,
           "DJANGO_SETTINGS_MODULE": "config.settings_test", "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "info", "--without-gossip",
         "--without-mingle", "--without-heartbeat", "-n", f"test-{uuid.uuid4().hex[:8]}@%h"],
        cwd=ROOT, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield proc, log
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
