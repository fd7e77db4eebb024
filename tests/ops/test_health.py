"""/health/ and /ready/ against real services: a test-owned redis-server that is stopped, and a real worker."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tests.conftest import unavailable

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("OPS_TEST_REDIS_PORT", "17201"))


def wait_for(predicate, timeout: float = 30.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return predicate()


@pytest.fixture
def redis_server(tmp_path):
    exe = shutil.which("redis-server")
    if not exe:
        unavailable("redis-server is not installed")
    proc = subprocess.Popen([exe, "--port", str(PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", str(tmp_path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import redis

    client = redis.Redis(port=PORT, socket_connect_timeout=0.5)

    def up():
        try:
            return client.ping()
        except redis.ConnectionError:
            return False

    assert wait_for(up, 10), "test redis-server did not start"
    proc.client = client
    yield proc
    if proc.poll() is None:
        proc.terminate()
        proc.wait(10)


@pytest.fixture
def broker(settings, redis_server):
    from celery import current_app

    url = f"redis://127.0.0.1:{PORT}/0"
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    saved = current_app.conf.broker_url
    current_app.conf.broker_url = url
    yield url
    current_app.conf.broker_url = saved

def test_health_answers_without_touching_the_database(client):
    # No django_db mark: any database access in /health/ would raise here.
    response = client.get("/health/", HTTP_HOST="web:8000")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_ready_names_redis_when_the_broker_stops_while_health_stays_up(client, broker, redis_server):
    response = client.get("/ready/")
    body = response.json()
    assert body["components"]["broker"]["status"] == "ok"
    assert body["components"]["database"]["status"] == "ok"
    assert body["components"]["media"]["status"] == "ok"
    # No worker consumes this broker: readiness names the worker.
    assert response.status_code == 503 and body["failed"] == ["worker"]

    redis_server.terminate()
    redis_server.wait(10)
    response = client.get("/ready/")
    assert response.status_code == 503
    assert "broker" in response.json()["failed"]
    assert "redis://" not in response.content.decode()  # no URLs or secrets
    assert client.get("/health/").status_code == 200
    with pytest.raises(CommandError, match="broker"):
        call_command("check_health")


@pytest.mark.django_db
def test_ready_with_a_real_worker(client, broker, tmp_path):
    env = {**os.environ, "CELERY_BROKER_URL": broker, "CELERY_RESULT_BACKEND": broker,
           "DJANGO_SETTINGS_MODULE": "config.settings_test", "PYTHONPATH": str(ROOT),
           "OPS_WORKER_HEARTBEAT_TTL": "3"}
    name = f"ops-{uuid.uuid4().hex[:8]}@%h"
    log = (tmp_path / "worker.log").open("ab")
    proc = subprocess.Popen([sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "info",
                             "--without-gossip", "--without-mingle", "-n", name], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)
    try:
        def ready():
            return client.get("/ready/").status_code == 200

        assert wait_for(ready, 90), (tmp_path / "worker.log").read_text()[-600:]
        assert client.get("/ready/").json()["components"]["worker"]["status"] == "ok"
        call_command("check_health")  # exits 0
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)
    # Killed outright: its heartbeat expires and readiness names the worker again.
    assert wait_for(lambda: client.get("/ready/").status_code == 503, 10)
    assert client.get("/ready/").json()["failed"] == ["worker"]


@pytest.mark.django_db
def test_metrics_need_the_internal_network_or_the_token(client, settings, tmp_path):
    settings.METRICS_TOKEN = "metrics-token-123"
    settings.METRICS_ALLOWED_NETWORKS = ["10.20.0.0/16"]
    settings.BACKUP_DIR = tmp_path
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", REMOTE_ADDR="203.0.113.9", HTTP_AUTHORIZATION="Bearer metrics-token-123")
    assert ok.status_code == 200
    text = ok.content.decode()
    assert "wsdb_last_backup_timestamp_seconds 0.0" in text
    assert "django_http_requests_before_middlewares_total" in text
    assert 'wsdb_ready_component{component="database"} 1.0' in text
    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
