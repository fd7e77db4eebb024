"""Readiness of the parts the application needs: database, broker, worker, media storage.

Each check answers quickly (short connect timeouts) and names its component's state without secrets:
no URLs, passwords or host names, only "ok" or what failed.
"""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings


def check_database() -> dict[str, Any]:
    from django.db import DEFAULT_DB_ALIAS, connections
    from django.db.migrations.executor import MigrationExecutor

    try:
        connection = connections[DEFAULT_DB_ALIAS]
        connection.ensure_connection()
        with connection.cursor() as cur:
            cur.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as exc:
        return {"status": "error", "detail": f"database unreachable ({type(exc).__name__})"}
    if pending:
        return {"status": "error", "detail": f"{len(pending)} migrations not applied"}
    return {"status": "ok"}


def check_broker() -> dict[str, Any]:
    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url:
        return {"status": "ok", "detail": "no broker configured: tasks run in-process"}
    if not url.startswith(("redis://", "rediss://")):
        return {"status": "unknown", "detail": "broker is not Redis"}
    import redis

    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)
        client.ping()
    except Exception as exc:
        return {"status": "error", "detail": f"broker unreachable ({type(exc).__name__})"}
    return {"status": "ok"}


def check_worker(broker_ok: bool = True) -> dict[str, Any]:
    """At least one worker wrote its heartbeat into the broker within the last OPS_WORKER_HEARTBEAT_TTL s."""
    if getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False):
        return {"status": "ok", "detail": "tasks run in-process"}
    if not broker_ok:
        return {"status": "error", "detail": "no worker can be reached while the broker is down"}
    from .signals import HEARTBEAT_PREFIX, _redis

    try:
        client = _redis()
        workers = len(list(client.scan_iter(match=HEARTBEAT_PREFIX + "*", count=100))) if client else 0
    except Exception as exc:
        return {"status": "error", "detail": f"worker heartbeat unreadable ({type(exc).__name__})"}
    if not workers:
        return {"status": "error", "detail": "no worker sent a heartbeat recently"}
    return {"status": "ok", "workers": workers}


def check_media() -> dict[str, Any]:
    root = Path(settings.MEDIA_ROOT)
    probe = root / f".ready-{uuid.uuid4().hex}"
    try:
        root.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"ok")
        probe.unlink()
    except OSError as exc:
        return {"status": "error", "detail": f"media storage not writable ({exc.strerror or type(exc).__name__})"}
    return {"status": "ok"}


def readiness() -> tuple[bool, dict[str, Any]]:
    """(ready, {"status": ..., "components": {...}, "failed": [...]})."""
    components = {"database": check_database(), "broker": check_broker()}
    components["worker"] = check_worker(broker_ok=components["broker"]["status"] == "ok")
    components["media"] = check_media()
    failed = [name for name, state in components.items() if state["status"] == "error"]
    return not failed, {"status": "ready" if not failed else "not ready", "components": components,
                        "failed": failed}
