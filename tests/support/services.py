"""Real services owned by the tests: a redis-server on a spare port (stopped and started at will) and a
real Celery worker process. Shared by the fault tests (`tests/reliability`) and the worker tests of
`tests/intelligence`.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from tests.conftest import require_service, unavailable

ROOT = Path(__file__).resolve().parents[2]


def wait_for(predicate: Callable[[], object], timeout: float = 60.0, step: float = 0.2) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return bool(predicate())


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def free_port() -> int:
    """A port nobody listens on now (asked from the system, so parallel runs do not collide)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    """The test database as a URL, for processes the test starts (they share it)."""
    s = connection.settings_dict
    auth = quote(s.get("USER") or "postgres")
    if s.get("PASSWORD"):
        auth += ":" + quote(s["PASSWORD"])
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


class RedisServer:
    """A redis-server process of the test's own: no persistence, stopped (SIGKILL) and started at will."""

    def __init__(self, port: int, tmp: Path) -> None:
        self.port, self.tmp, self.proc = port, tmp, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if not binary:
            unavailable("redis-server is not installed (apt-get install redis-server)")
        if port_open(self.port):
            pytest.fail(f"port {self.port} is already taken; the test needs it for its own redis-server")
        self.proc = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(self.tmp)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        assert wait_for(lambda: port_open(self.port), timeout=10), "redis-server did not start"

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)  # a crash, not a clean shutdown
            self.proc.wait(timeout=10)
        self.proc = None
        assert wait_for(lambda: not port_open(self.port), timeout=10)


class Worker:
    """A real Celery worker process on the test database. Without `env`, production settings apply
    (visibility timeout, publish timeouts); `env` adds or overrides variables of the worker."""

    def __init__(self, broker: str, tmp: Path, env: dict[str, str] | None = None, name: str = "test") -> None:
        self.broker, self.proc, self.extra, self.name = broker, None, dict(env or {}), name
        self.log = tmp / f"worker-{uuid.uuid4().hex[:6]}.log"

    def start(self, pause: float = 0.0) -> None:
        env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": self.broker,
               "CELERY_RESULT_BACKEND": self.broker, "DJANGO_SETTINGS_MODULE": "config.settings_test",
               "INTELLIGENCE_TASK_PAUSE_SECONDS": str(pause), "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        env.pop("CELERY_VISIBILITY_TIMEOUT", None)
        env.update(self.extra)
        cmd = [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-l", "info",
               "--without-gossip", "--without-mingle", "--without-heartbeat",
               "-n", f"{self.name}-{uuid.uuid4().hex[:8]}@%h"]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=self.log.open("ab"), stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def kill(self) -> None:
        """SIGKILL the worker's process group: a crash mid-task, nothing is acknowledged or cleaned up."""
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

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@contextmanager
def celery_worker(tmp_path: Path) -> Iterator[tuple[subprocess.Popen, Path]]:
    """A `Worker` on this run's broker and the test database, for a `with` block: (process, log file)."""
    broker = settings.CELERY_BROKER_URL
    if not broker.startswith("redis") or connection.vendor != "postgresql":
        unavailable("a real worker needs PostgreSQL and Redis (DATABASE_URL, CELERY_BROKER_URL)")
    host, _sep, port = broker.split("//", 1)[1].split("/", 1)[0].rpartition(":")
    require_service("Redis", host or "127.0.0.1", int(port or 6379))
    worker = Worker(broker, tmp_path)
    worker.start()
    try:
        yield worker.proc, worker.log
    finally:
        worker.stop()


@pytest.fixture
def redis_server(tmp_path, settings):
    """A test-owned Redis used as the cache and the broker of this process (real django-redis, real kombu)."""
    from config.celery import app

    server = RedisServer(free_port(), tmp_path)
    server.start()
    caches = dict(settings.CACHES)
    caches["default"] = {**settings.CACHES["default"], "BACKEND": "django_redis.cache.RedisCache",
                         "LOCATION": server.url}
    caches["default"].setdefault("OPTIONS", {
        "SOCKET_CONNECT_TIMEOUT": settings.CACHE_SOCKET_TIMEOUT, "SOCKET_TIMEOUT": settings.CACHE_SOCKET_TIMEOUT,
        "IGNORE_EXCEPTIONS": True})
    settings.CACHES = caches
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = server.url
    saved = (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_write_url, app.conf.broker_read_url)
    app.conf.task_always_eager = False
    app.conf.broker_url = app.conf.broker_write_url = app.conf.broker_read_url = server.url
    _reset_publisher(app)
    yield server
    server.stop()
    (app.conf.task_always_eager, app.conf.broker_url, app.conf.broker_write_url, app.conf.broker_read_url) = saved
    _reset_publisher(app)


def _reset_publisher(app) -> None:
    """Drop the pooled broker connections so the next publish connects to the broker now configured."""
    if app._pool is not None:
        app._pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    from kombu import pools

    pools.reset()  # kombu's registry keys producer pools by broker URL: forget the closed ones
