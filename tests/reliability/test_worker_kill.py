"""A real Celery worker is SIGKILLed in the middle of a matching task (made long by the tasks' fault-injection
pause, INTELLIGENCE_TASK_PAUSE_SECONDS, after the task has claimed its marker), with the production settings
(acks_late, reject on worker lost, the Redis visibility timeout of 1 hour, the sweep's age of
INTELLIGENCE_SWEEP_AGE_SECONDS). Time is made to pass by back-dating what the production code reads (the
marker rows, the unacknowledged message's delivery time in Redis), never by shortening a timeout:

1. the killed task's message stays unacknowledged in Redis and is not redelivered before its hour;
2. a new worker and the periodic sweep, once the marker is older than the sweep's age, finish the work:
   the two sightings' person flag once, its alerts, no marker left;
3. when the hour has passed, Redis hands the killed message to a worker again: it runs and adds nothing.
"""
from __future__ import annotations

import datetime

import pytest
import redis
from django.conf import settings
from django.db import connection

from config.celery import app
from intelligence import tasks
from intelligence.models import Alert, Flag, MatchMarker
from tests.api.test_case_writes import new_case
from tests.conftest import unavailable

from .conftest import build_world, wait_for

pytestmark = [pytest.mark.services]

PERSON = {"full_name": "Токтогулов Бакыт", "birth_date": "1987-03-09", "id_document_type": "passport",
          "id_document_number": "AC 9876543"}


def _idle(client: redis.Redis) -> bool:
    return client.llen("celery") == 0 and client.hlen("unacked") == 0


def _unacked(client: redis.Redis) -> list[str]:
    return sorted(tag.decode() for tag in client.hkeys("unacked"))


def _flags() -> list[tuple[int, str]]:
    return sorted(Flag.objects.values_list("pk", "key"))


def _alerts() -> list[tuple[int, int]]:
    return sorted(Alert.objects.values_list("flag_id", "agency_id"))


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_task_the_work_is_done_once(transactional_db, redis_server, worker_factory):
    if connection.vendor != "postgresql":
        unavailable("the real-worker tests need PostgreSQL (an in-memory SQLite test database cannot be shared)")
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert visibility == 3600 and app.conf.task_acks_late and app.conf.task_reject_on_worker_lost  # production
    sweep_age = datetime.timedelta(seconds=settings.INTELLIGENCE_SWEEP_AGE_SECONDS)
    assert tasks.SWEEP_AGE == sweep_age == datetime.timedelta(minutes=2)
    broker = redis.Redis.from_url(redis_server.url)
    # A long matching task (paused inside, after it has claimed its marker) on a worker with production settings.
    first = worker_factory(redis_server.url)
    first.start(pause=60.0)  # boots while the test's data is written
    world = build_world()
    client = world.client("officer")
    persons = []
    for name in ("Токтогулов Бакыт", "Toktogulov Bakyt"):
        response = client.post("/api/v1/cases/", new_case(world, parties=[
            {"role": "suspect", "person": {**PERSON, "full_name": name}}]), format="json")
        assert response.status_code == 201, response.content
        persons.append(response.json()["parties"][0]["person"]["id"])
    pair = f"person:{min(persons)}:{max(persons)}"  # the flag the two sightings must raise, once
    assert wait_for(lambda: MatchMarker.objects.filter(attempts__gte=1).exists(), timeout=60), first.tail()
    first.kill()  # SIGKILL of the process group, mid-task: nothing acknowledged, nothing cleaned up
    killed = _unacked(broker)
    assert killed, "the running task's message is held by Redis for the visibility timeout"
    assert not Flag.objects.filter(kind="person").exists()
    lost = MatchMarker.objects.filter(attempts__gte=1).values_list("kind", "object_id").first()

    # A new worker takes the rest of the queue; the killed message is not back before its hour.
    second = worker_factory(redis_server.url)
    second.start()
    assert wait_for(lambda: broker.llen("celery") == 0 and _unacked(broker) == killed
                    and not MatchMarker.objects.filter(attempts=0).exists(), timeout=90), second.tail()
    assert MatchMarker.objects.filter(kind=lost[0], object_id=lost[1]).exists()  # the lost work is still owed

    # The marker reaches the sweep's production age; the periodic sweep (its default age) finishes the work.
    MatchMarker.objects.update(touched_at=datetime.datetime.now(datetime.UTC) - sweep_age
                               - datetime.timedelta(seconds=5))
    tasks.sweep_markers.apply_async(retry=False)
    assert wait_for(lambda: not MatchMarker.objects.exists(), timeout=60), (
        list(MatchMarker.objects.values()), second.tail())
    assert Flag.objects.filter(key=pair).count() == 1, list(Flag.objects.values("key"))
    flags = _flags()
    assert len(flags) == len({key for _pk, key in flags})  # no flag twice
    alerts = _alerts()
    assert alerts and len(alerts) == len(set(alerts))
    assert _unacked(broker) == killed  # still held: the sweep did not need it
    second.stop()

    # The hour passes for the killed message (its delivery time in Redis, back-dated): a worker gets it again.
    for tag in killed:
        broker.zadd("unacked_index", {tag: broker.zscore("unacked_index", tag) - visibility - 60})
    third = worker_factory(redis_server.url)
    third.start()
    assert wait_for(lambda: _idle(broker), timeout=90), third.tail()
    assert wait_for(lambda: "succeeded" in third.tail(), timeout=30), third.tail()  # it did run again
    assert _flags() == flags
    assert _alerts() == alerts
    assert not MatchMarker.objects.exists()
