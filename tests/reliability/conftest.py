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
    wait_for,
)


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
