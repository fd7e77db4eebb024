"""The production stack of docker-compose.yml, started on this machine for a benchmark: a PostgreSQL database
of its own (created, migrated, loaded with the demo set, dropped at the end), a redis-server on a free port
(cache, throttles and broker), a Celery worker as the `worker` service runs it, and gunicorn as the `web`
service runs it (`gunicorn config.wsgi:application --workers 3 --timeout 60`), with production settings
(DEBUG off) on a free port. Only the PostgreSQL server is shared (DATABASE_URL names it).
"""
from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_WORKERS = 3  # docker-compose.yml, service "web"
WORKER_CONCURRENCY = 2  # docker-compose.yml, service "worker"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _wait(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def _admin_cursor(url: str):
    import psycopg2

    parts = urlsplit(url)
    conn = psycopg2.connect(host=parts.hostname or "127.0.0.1", port=parts.port or 5432,
                            user=parts.username or "postgres", password=parts.password or None, dbname="postgres")
    conn.autocommit = True
    return conn


def create_database(url: str, name: str) -> None:
    conn = _admin_cursor(url)
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    conn.close()


def drop_database(url: str, name: str) -> None:
    conn = _admin_cursor(url)
    with conn.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def app_env(database_url: str, broker_url: str, tmp: Path) -> dict[str, str]:
    """Production settings (config.settings, DEBUG off) on plain HTTP at 127.0.0.1, no mail sent."""
    prometheus = tmp / "prometheus"
    prometheus.mkdir(exist_ok=True)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "0", "PYTHONPATH": str(ROOT),
           "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
           "DATABASE_URL": database_url, "CELERY_BROKER_URL": broker_url, "CELERY_RESULT_BACKEND": broker_url,
           "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "SESSION_COOKIE_SECURE": "0",
           "CSRF_COOKIE_SECURE": "0", "STATIC_MANIFEST": "0", "OTP_REQUIRED": "0", "EMAIL_URL": "dummymail://",
           "INTELLIGENCE_EMAIL_ALERTS": "0", "MEDIA_ROOT": str(tmp / "media"),
           "PROMETHEUS_MULTIPROC_DIR": str(prometheus), "LOG_LEVEL": "WARNING", "PYTHONUNBUFFERED": "1"}
    env.pop("REDIS_URL", None)
    env.pop("CELERY_VISIBILITY_TIMEOUT", None)
    return env


@dataclass
class Stack:
    base_url: str
    database_url: str
    broker_url: str
    tmp: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def token(self, username: str, password: str) -> str:
        """The account's API token, asked of POST /api/v1/auth/token/ like any client."""
        status, body = request(self.base_url, "POST", "/api/v1/auth/token/", None,
                               {"username": username, "password": password})
        if status not in (200, 201):
            raise RuntimeError(f"token for {username}: HTTP {status} {body[:200]!r}")
        return json.loads(body)["token"]

    def queue_length(self) -> int:
        import redis

        return int(redis.Redis.from_url(self.broker_url).llen("celery"))

    def log_tail(self, name: str, chars: int = 3000) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""


def request(base_url: str, method: str, path: str, token: str | None, body: dict | None = None,
            headers: dict[str, str] | None = None, conn: http.client.HTTPConnection | None = None,
            timeout: float = 70.0) -> tuple[int, bytes]:
    """One HTTP request (on `conn` when given: kept open between requests where the server allows)."""
    parts = urlsplit(base_url)
    own = conn is None
    conn = conn or http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    sent = {"Accept": "application/json", **(headers or {})}
    if token:
        sent["Authorization"] = f"Token {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        sent["Content-Type"] = "application/json"
    try:
        conn.request(method, path, body=data, headers=sent)
        answer = conn.getresponse()
        content = answer.read()
        if answer.getheader("Connection", "").lower() == "close":
            conn.close()
        return answer.status, content
    except Exception:
        conn.close()
        raise
    finally:
        if own:
            conn.close()


def _spawn(stack: Stack, name: str, cmd: list[str], env: dict[str, str]) -> subprocess.Popen:
    log = (stack.tmp / f"{name}.log").open("ab")
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    stack.processes[name] = proc
    return proc


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def _manage(stack: Stack, env: dict[str, str], *args: str) -> None:
    log = stack.tmp / "manage.log"
    with log.open("ab") as out:
        done = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, stdout=out,
                              stderr=subprocess.STDOUT)
    if done.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{log.read_text(errors='replace')[-3000:]}")


@contextmanager
def production_stack(purpose: str, *, cases: int = 320, worker: bool = True,
                     database_url: str | None = None) -> Iterator[Stack]:
    """Start the stack on a new database `bench_<purpose>_<name>` loaded with `cases` demo cases; tear it all
    down (database dropped) on leaving. With `database_url`, use that database as it is (no create, migrate,
    demo set or drop: the caller owns it, e.g. a test database)."""
    server_url = database_url or os.environ.get("DATABASE_URL", "")
    if not server_url.startswith("postgres"):
        raise RuntimeError("the stack needs PostgreSQL: set DATABASE_URL=postgres://...")
    redis_binary = shutil.which("redis-server")
    if not redis_binary:
        raise RuntimeError("redis-server is not installed (apt-get install redis-server)")
    own_database = database_url is None
    name = f"bench_{purpose}_{urlsplit(server_url).path.lstrip('/') or 'wildlife'}"
    with ExitStack() as cleanup:
        tmp = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix=f"bench-{purpose}-")))
        redis_port, web_port = free_port(), free_port()
        broker = f"redis://127.0.0.1:{redis_port}/0"
        db_url = with_database(server_url, name) if own_database else server_url
        stack = Stack(f"http://127.0.0.1:{web_port}", db_url, broker, tmp)
        if own_database:
            cleanup.callback(drop_database, server_url, name)  # last: after every process has stopped
        cleanup.callback(lambda: [_stop(p) for p in reversed(list(stack.processes.values()))])
        _spawn(stack, "redis", [redis_binary, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp)], os.environ.copy())
        _wait(lambda: _port_open(redis_port), 15, "redis-server")
        env = app_env(db_url, broker, tmp)
        if worker:
            _spawn(stack, "worker", [sys.executable, "-m", "celery", "-A", "config", "worker", "--loglevel", "warning",
                                     "--concurrency", str(WORKER_CONCURRENCY)], env)
        if own_database:
            started = time.perf_counter()
            create_database(server_url, name)
            _manage(stack, env, "migrate", "--noinput", "-v", "0")
            _manage(stack, env, "load_demo", "--cases", str(cases), "-v", "0")
            print(f"database {name}: created, migrated, {cases} demo cases loaded in "
                  f"{time.perf_counter() - started:.0f} s", flush=True)
        _spawn(stack, "gunicorn", [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind",
                                   f"127.0.0.1:{web_port}", "--workers", str(GUNICORN_WORKERS), "--timeout", "60"],
               env)
        _wait(lambda: _port_open(web_port), 60, "gunicorn")
        _wait(lambda: request(stack.base_url, "GET", "/health/", None)[0] == 200, 60, "gunicorn /health/")
        warm_up(stack)
        yield stack


def warm_up(stack: Stack) -> None:
    """Untimed requests through the whole app, enough for each gunicorn worker to load its views once."""
    threads = [threading.Thread(target=request, args=(stack.base_url, "GET", "/api/v1/cases/", None))
               for _ in range(GUNICORN_WORKERS * 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
