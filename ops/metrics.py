"""Prometheus metrics beyond django-prometheus' request metrics: queue, task failures, last backup."""
from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from .archive import last_success
from .signals import FAILURES_KEY, _redis


class OpsCollector(Collector):
    def collect(self) -> Iterable:
        queue = GaugeMetricFamily("wsdb_celery_queue_length", "Tasks waiting in the Celery queue", labels=["queue"])
        failures = CounterMetricFamily("wsdb_celery_task_failures", "Failed Celery tasks", labels=["task"])
        up = GaugeMetricFamily("wsdb_broker_up", "1 when the Celery broker answers")
        client = _redis()
        if client is not None:
            try:
                for name in getattr(settings, "OPS_METRIC_QUEUES", ["celery"]):
                    queue.add_metric([name], float(client.llen(name)))
                for task, count in (client.hgetall(FAILURES_KEY) or {}).items():
                    failures.add_metric([task.decode()], float(count))
                up.add_metric([], 1.0)
            except Exception:  # noqa: BLE001 - a scrape must answer even when the broker is down
                up.add_metric([], 0.0)
        yield queue
        yield failures
        yield up
        backup = GaugeMetricFamily("wsdb_last_backup_timestamp_seconds",
                                   "Unix time of the last successful backup (0 if none)")
        info = last_success()
        ts = 0.0
        if info:
            try:
                ts = datetime.fromisoformat(info["finished_at"]).timestamp()
            except (KeyError, ValueError):
                ts = 0.0
        backup.add_metric([], ts)
        yield backup
        ready = GaugeMetricFamily("wsdb_ready_component", "1 when the component is ready (as /ready/)",
                                  labels=["component"])
        from .checks import readiness

        for name, state in readiness()[1]["components"].items():
            ready.add_metric([name], 1.0 if state["status"] == "ok" else 0.0)
        yield ready
        scraped = GaugeMetricFamily("wsdb_metrics_scrape_timestamp_seconds", "Time of this scrape")
        scraped.add_metric([], time.time())
        yield scraped


_registered = False


def register() -> None:
    global _registered
    if not _registered:
        REGISTRY.register(OpsCollector())
        _registered = True
