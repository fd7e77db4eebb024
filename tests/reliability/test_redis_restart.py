"""Redis dies: cases are saved meanwhile, and once Redis is back the periodic sweep
(production age, production visibility timeout) finishes the matching. Nothing is lost.
"""
from __future__ import annotations

import datetime

import pytest
from django.db import connection

from intelligence import tasks
from intelligence.models import Flag, MatchMarker
from tests.api.test_case_writes import new_case
from tests.conftest import unavailable

from .conftest import build_world, wait_for

pytestmark = [pytest.mark.services]


@pytest.mark.django_db(transaction=True)
def test_sweep_finishes_the_work_after_redis_restarts(transactional_db, redis_server, worker_factory):
    if connection.vendor != "postgresql":
        unavailable("the real-worker tests need PostgreSQL (an in-memory SQLite test database cannot be shared)")
    world = build_world()
    worker = worker_factory(redis_server.url)
    redis_server.stop()  # Redis dies

    client = world.client("officer")
    same = {"full_name": "Токтогулов Бакыт", "birth_date": "1987-03-09", "id_document_type": "passport",
            "id_document_number": "AC 9876543"}
    first = client.post("/api/v1/cases/", new_case(world, parties=[{"role": "suspect", "person": same}]),
                        format="json")
    second = client.post("/api/v1/cases/", new_case(world, parties=[{"role": "suspect", "person": {
        **same, "full_name": "Toktogulov Bakyt"}}]), format="json")
    assert first.status_code == 201 and second.status_code == 201, (first.content, second.content)
    assert MatchMarker.objects.filter(kind="case").count() >= 2
    assert not Flag.objects.filter(kind="person").exists()

    tasks._broker_down_until = 0.0  # the pause after a failed publish is over
    redis_server.start()  # back (empty: nothing was queued while it was down)
    worker.start()
    # the markers age as they would in production; the sweep runs with its production age
    MatchMarker.objects.update(touched_at=datetime.datetime.now(datetime.UTC) - tasks.SWEEP_AGE
                               - datetime.timedelta(seconds=5))
    assert wait_for(lambda: _sweep_sent(), timeout=60), worker.tail()
    assert wait_for(lambda: not MatchMarker.objects.exists(), timeout=90), worker.tail()
    assert Flag.objects.filter(kind="person").exists()


def _sweep_sent() -> bool:
    try:
        tasks.sweep_markers.apply_async(retry=False)
        return True
    except Exception:
        return False
