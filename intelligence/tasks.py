"""Celery tasks: thin wrappers around services. They take ids, retry on database/broker errors and are idempotent."""
from __future__ import annotations

import logging
import os
import time
from datetime import timedelta

from celery import shared_task
from django.conf import settings
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
#: The sweep's age threshold (settings.INTELLIGENCE_SWEEP_AGE_SECONDS, from the environment; 2 minutes by default).
SWEEP_AGE = timedelta(seconds=settings.INTELLIGENCE_SWEEP_AGE_SECONDS)


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


@shared_task(name="intelligence.match_batch", expires=6 * 3600, **RETRY)
def match_batch(case_ids: list[int], person_ids: list[int]) -> int:
    """Match the persons and cases of one set-based write (an import batch) in one task."""
    flags = 0
    for person_id in person_ids:
        flags += _run(MarkerKind.PERSON, person_id, services.match_person, match_person)
    for case_id in case_ids:
        flags += _run(MarkerKind.CASE, case_id, services.match_case, match_case)
    return flags


@shared_task(name="intelligence.sweep_markers", expires=10 * 60, **RETRY)
def sweep_markers(older_than_seconds: int | None = None) -> int:
    """Enqueue the markers left behind (broker down at save time, worker lost): nothing is ever dropped."""
    age = timedelta(seconds=older_than_seconds) if older_than_seconds is not None else SWEEP_AGE
    stale = services.stale_markers(age)
    for kind, object_id in stale:
        enqueue(kind, object_id, force=True)
    return len(stale)


@shared_task(name="intelligence.nightly_rescan", expires=23 * 3600, **RETRY)
def nightly_rescan() -> dict:
    """Full re-scan of all persons and routes."""
    return services.full_rescan()


#: After a failed publish, this process does not try the broker again for this many seconds: a case with
#: many persons costs one short connection attempt, not one per person. The markers keep the work.
BROKER_DOWN_PAUSE = float(os.environ.get("CELERY_PUBLISH_PAUSE_SECONDS", "5"))
_broker_down_until = 0.0


def enqueue(kind: str, object_id: int, force: bool = False) -> bool:
    """Send the matching task; on a broker (or in-process) failure log it and leave the marker for the sweep."""
    global _broker_down_until
    if not force and time.monotonic() < _broker_down_until:
        return False  # the broker failed a moment ago: the marker stays for the sweep
    task = match_person if kind == MarkerKind.PERSON else match_case
    try:
        # one short attempt (connect timeout in config/celery.py), no retry loop: the save must not hang
        task.apply_async((object_id,), retry=False)
        _broker_down_until = 0.0
        return True
    except Exception:
        _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE
        log.warning("Matching of %s %s not run now; its marker stays for the sweep.", kind, object_id, exc_info=True)
        return False


def enqueue_batch(case_ids: list[int], person_ids: list[int]) -> bool:
    """Send one matching task for a batch; on a broker failure the markers stay for the sweep."""
    global _broker_down_until
    if time.monotonic() < _broker_down_until:
        return False
    try:
        match_batch.apply_async((case_ids, person_ids), retry=False)
        _broker_down_until = 0.0
        return True
    except Exception:
        _broker_down_until = time.monotonic() + BROKER_DOWN_PAUSE
        log.warning("Matching of a batch of %d cases not run now; its markers stay for the sweep.", len(case_ids),
                    exc_info=True)
        return False
