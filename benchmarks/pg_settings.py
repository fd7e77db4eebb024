"""The production PostgreSQL planner settings of docker-compose.yml, applied to a benchmark's sessions.

A benchmark runs against whatever PostgreSQL the machine has (here Debian's, with the server defaults:
random_page_cost 4, work_mem 4MB, JIT on). Production runs the `db` service of docker-compose.yml,
whose command sets the planner for a database of about a million cases on SSD storage. The settings
a session may change are read from that command and set on every connection the benchmark opens, so
the plans it times are the plans production would choose. Server-wide settings (shared_buffers,
max_connections) stay the machine's; the benchmark prints both. BENCH_SERVER_DEFAULTS=1 keeps the
server's own settings instead.
"""
from __future__ import annotations

import os
from pathlib import Path

import yaml

COMPOSE = Path(__file__).resolve().parent.parent / "docker-compose.yml"
#: Settings of the `db` command that a session may SET (the rest need a server restart).
SESSION_SETTABLE = ("jit", "work_mem", "random_page_cost", "effective_cache_size", "effective_io_concurrency")
SHOWN = (*SESSION_SETTABLE, "shared_buffers")


def production_settings(compose: Path = COMPOSE) -> dict[str, str]:
    """name -> value of every `-c name=value` of the db service's command that a session may set."""
    command = yaml.safe_load(compose.read_text())["services"]["db"].get("command") or []
    found: dict[str, str] = {}
    for flag, value in zip(command, command[1:], strict=False):
        if flag == "-c" and "=" in value:
            name, setting = value.split("=", 1)
            if name in SESSION_SETTABLE:
                found[name] = setting
    return found


def _apply(connection, settings: dict[str, str]) -> None:
    with connection.cursor() as cursor:
        for name, value in settings.items():
            cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def use_production_settings() -> dict[str, str]:
    """Set the production planner settings on the open connection and every later one; what the session
    now runs with (SHOWN), for the benchmark to print."""
    from django.db import connection
    from django.db.backends.signals import connection_created

    if connection.vendor != "postgresql":
        return {}
    if os.environ.get("BENCH_SERVER_DEFAULTS") != "1":
        settings = production_settings()

        def on_connect(sender, connection, **kwargs) -> None:
            if connection.vendor == "postgresql":
                _apply(connection, settings)

        connection_created.connect(on_connect, weak=False, dispatch_uid="bench-production-settings")
        connection.ensure_connection()
        _apply(connection, settings)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, setting || coalesce(unit, '') FROM pg_settings WHERE name = ANY(%s) "
                       "ORDER BY name", [list(SHOWN)])
        return dict(cursor.fetchall())
