"""Worker heartbeats and failed-task counts, kept in the broker's Redis where every process can read them.

A worker writes `ops:worker:<hostname>` with a time-to-live of OPS_WORKER_HEARTBEAT_TTL seconds and renews it
three times per period from a daemon thread; a worker that dies, is killed or hangs stops renewing, and its key
expires. /ready/ counts the keys: no key means no worker answered recently.
"""
from __future__ import annotations

import os
import socket
import threading

from celery.signals import task_failure, worker_ready, worker_shutdown
from django.conf import settings

FAILURES_KEY = "ops:celery:task_failures"
HEARTBEAT_PREFIX = "ops:worker:"
_stop = threading.Event()


def heartbeat_ttl() -> int:
    return int(os.environ.get("OPS_WORKER_HEARTBEAT_TTL", getattr(settings, "OPS_WORKER_HEARTBEAT_TTL", 60)))


def _redis():
    import redis

    url = getattr(settings, "CELERY_BROKER_URL", "")
    if not url.startswith(("redis://", "rediss://")):
        return None
    return redis.Redis.from_url(url, socket_connect_timeout=0.5, socket_timeout=0.5)


@task_failure.connect
def count_task_failure(sender=None, **kwargs) -> None:
    client = _redis()
    if client is None:
        return
    try:
        client.hincrby(FAILURES_KEY, getattr(sender, "name", "unknown"), 1)
    except Exception:  # noqa: BLE001 - a metrics counter must never break a task's failure handling
        pass


def _key(sender) -> str:
    return HEARTBEAT_PREFIX + (getattr(sender, "hostname", None) or socket.gethostname())


@worker_ready.connect
def start_heartbeat(sender=None, **kwargs) -> None:
    key, ttl = _key(sender), heartbeat_ttl()

    def beat() -> None:
        while not _stop.is_set():
            client = _redis()
            if client is not None:
                try:
                    client.set(key, "1", ex=ttl)
                except Exception:  # noqa: BLE001 - broker down: the key expires, /ready/ says so
                    pass
            _stop.wait(max(ttl / 3, 0.5))

    threading.Thread(target=beat, name="ops-heartbeat", daemon=True).start()


@worker_shutdown.connect
def stop_heartbeat(sender=None, **kwargs) -> None:
    _stop.set()
    client = _redis()
    if client is not None:
        try:
            client.delete(_key(sender))
        except Exception:  # noqa: BLE001
            pass
