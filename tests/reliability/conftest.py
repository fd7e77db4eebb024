"""Real services owned by the fault tests: a redis-server on a spare port that a test stops and starts,
and a real Celery worker with the production visibility timeout (both from `tests/support/services.py`).
"""
from __future__ import annotations

import pytest

from tests.api.conftest import World, _module_world, build_world, world  # noqa: F401  (fixtures reused)
from tests.support.services import (  # noqa: F401  (re-exported for the tests of this folder)
    RedisServer,
    Worker,
    database_url,
    free_port,
    port_open,
    redis_server,
    wait_for,
)


@pytest.fixture
def worker_factory(tmp_path):
    started: list[Worker] = []

    def make(broker: str) -> Worker:
        w = Worker(broker, tmp_path)
        started.append(w)
        return w

    yield make
    for w in started:
        w.stop()
