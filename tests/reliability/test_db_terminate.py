"""The app's database connections terminated (`pg_terminate_backend`) while gunicorn serves it.

Django checks a kept connection before reusing it (CONN_HEALTH_CHECKS in config/settings.py), so the
requests right after answer, later ones succeed and the case created just before is stored once.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from seizures.models import Case
from tests.api.test_case_writes import new_case
from tests.support.services import ROOT, database_url, free_port, port_open, wait_for


def _call(url: str, token: str, body: dict | None = None) -> tuple[int, bytes]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method="POST" if body is not None else "GET", headers={
        "Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=15) as answer:  # a hang fails the test (timeout)
            return answer.status, answer.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _terminate_app_connections() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_app_recovers_when_its_database_connections_are_terminated(world, tmp_path):  # noqa: F811
    if connection.vendor != "postgresql":
        pytest.fail("pg_terminate_backend needs PostgreSQL (DATABASE_URL=postgres://...)")
    port = int(os.environ.get("RELIABILITY_GUNICORN_PORT") or free_port())
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": "config.settings_test",
           "PYTHONPATH": str(ROOT), "CONN_MAX_AGE": "60"}
    log = (tmp_path / "gunicorn.log").open("ab")
    proc = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "-b", f"127.0.0.1:{port}", "-w", "1",
         "--threads", "2", "--timeout", "30"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True)
    try:
        assert wait_for(lambda: port_open(port), timeout=30), "gunicorn did not start"
        base = f"http://127.0.0.1:{port}/api/v1/cases/"
        token = Token.objects.get_or_create(user=world.users["officer"])[0].key
        assert _call(base, token)[0] == 200  # the worker now holds a kept database connection
        status, content = _call(base, token, new_case(world, description="just before the cut"))
        assert status == 201, content[:300]
        reference = json.loads(content)["reference"]

        assert _terminate_app_connections() >= 1
        right_after = [_call(base, token) for _ in range(3)]
        failures = [s for s, _c in right_after if s != 200]
        assert len(failures) <= 1, right_after  # at most the in-flight one, and it answered
        assert right_after[-1][0] == 200
        later = _call(base, token, new_case(world, description="after the cut"))
        assert later[0] == 201, later[1][:300]
        assert _call(base, token)[0] == 200
        assert Case.objects.filter(reference=reference).count() == 1
        assert Case.objects.filter(description="just before the cut").count() == 1
        assert proc.poll() is None, "gunicorn died"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        log.close()
