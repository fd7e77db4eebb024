"""Benchmarks run with the planner settings of docker-compose.yml's PostgreSQL (benchmarks/pg_settings.py)."""
import pytest
from django.db import connection

from benchmarks import pg_settings
from tests.conftest import unavailable


def test_the_session_settings_are_read_from_the_compose_command(tmp_path):
    found = pg_settings.production_settings()
    assert found["jit"] == "off" and found["random_page_cost"] == "1.1" and found["work_mem"] == "32MB"
    assert "shared_buffers" not in found  # a server setting: it cannot be SET per session
    compose = tmp_path / "docker-compose.yml"
    compose.write_text('services:\n  db:\n    command: ["postgres", "-c", "work_mem=8MB", "-c", "max_connections=5"]\n')
    assert pg_settings.production_settings(compose) == {"work_mem": "8MB"}


@pytest.mark.django_db(transaction=True)
def test_every_connection_of_a_benchmark_runs_with_them(monkeypatch):
    if connection.vendor != "postgresql":
        unavailable("the planner settings are PostgreSQL's (DATABASE_URL)")
    monkeypatch.delenv("BENCH_SERVER_DEFAULTS", raising=False)
    from django.db.backends.signals import connection_created

    try:
        shown = pg_settings.use_production_settings()
        assert shown["random_page_cost"] == "1.1" and shown["work_mem"] == "32768kB" and shown["jit"] == "off"
        connection.close()  # a new connection (the next request) gets them too
        with connection.cursor() as cursor:
            cursor.execute("SHOW random_page_cost")
            assert cursor.fetchone()[0] == "1.1"
    finally:
        connection_created.disconnect(dispatch_uid="bench-production-settings")
        connection.close()
