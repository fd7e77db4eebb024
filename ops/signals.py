"""Count failed Celery tasks where every process can read the count (the broker's Redis)."""
from __future__ import annotations

from celery.signals import task_failure
from django.conf import settings

FAILURES_KEY = "ops:celery:task_failures"


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
