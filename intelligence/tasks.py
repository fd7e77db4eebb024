"""Celery tasks: thin wrappers around services. They take ids, retry on database/broker errors and are idempotent."""
from __future__ import annotations

import logging
import os
import time
from datetime import timedelta

from celery import shared_task
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from . import services
from .models import MarkerKind

log = logging.getLogger(__name__)

RETRY_ON = (OperationalError, InterfaceError, BrokerError, RedisConnectionError, RedisTimeoutError, ConnectionError)
RETRY = {"autoretry_for": RETRY_ON, "retry_backoff": True, "retry_backoff_max": 300, "retry_jitter": True,
         "max_retries": 8, "acks_late": True}
SWEEP_AGE = timedelta(minutes=2)
ENQUEUE_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}


def _fault_injection_pause() -> None:
    """Tests of worker loss slow a run down on purpose (INTELLIGENCE_TASK_PAUSE_SECONDS); 0 otherwise."""
    seconds = float(os.environ.get("INTELLIGENCE_TASK_PAUSE_SECONDS", "0") or 0)
    if seconds > 0:
        time.sleep(seconds)


def _run(kind: str, object_id: int, work, again) -> int:
    version = services.claim_marker(kind, object_id)
    _fault_injection_pause()
    flags = work(object_id)
    if not services.release_marker(kind, object_id, version):
        again.apply_async((object_id,), countdown=1)  # saved again meanwhile: match the newer data
    return len(flags)


@shared_task(name="intelligence.match_person", expires=6 * 3600, **RETRY)
def match_person(person_id: int) -> int:
    """Match one saved person against the others (incremental). Returns the number of flags touched."""
    return _run(MarkerKind.PERSON, person_id, services.match_person, match_person)


@shared_task(name="intelligence.match_case", expires=6 * 3600, **RETRY)
def match_case(case_id: int) -> int:
    """Match a saved case's persons and its route."""
    return _run(MarkerKind.CASE, case_id, services.match_case, match_case)


@shared_task(name="intelligence.sweep_markers", expires=10 * 60, **RETRY)
def sweep_markers(older_than_seconds: int | None = None) -> int:
    """Enqueue the markers left behind (broker down at save time, worker lost): nothing is ever dropped."""
    age = timedelta(seconds=older_than_seconds) if older_than_seconds is not None else SWEEP_AGE
    stale = services.stale_markers(age)
    for kind, object_id in stale:
        enqueue(kind, object_id)
    return len(stale)


@shared_task(name="intelligence.nightly_rescan", expires=23 * 3600, **RETRY)
def nightly_rescan() -> dict:
    """Full re-scan of all persons and routes."""
    return services.full_rescan()


def enqueue(kind: str, object_id: int) -> bool:
    """Send the matching task; on a broker (or in-process) failure log it and leave the marker for the sweep."""
    task = match_person if kind == MarkerKind.PERSON else match_case
    try:
        # fail fast when the broker is down: the save must not hang, the marker keeps the work
        task.apply_async((object_id,), retry=True, retry_policy=ENQUEUE_RETRY)
        return True
    except Exception:
        log.warning("Matching of %s %s not run now; its marker stays for the sweep.", kind, object_id, exc_info=True)
        return False
