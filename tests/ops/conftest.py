"""Fixtures of the operations tests."""
from __future__ import annotations

import uuid

import pytest
from django.db import connection

from ops.targets import Target
from tests.conftest import unavailable


@pytest.fixture
def empty_pg():
    """A second, empty PostgreSQL database on the same server, dropped afterwards."""
    if connection.vendor != "postgresql":
        unavailable("this test needs a PostgreSQL test database (set DATABASE_URL)")
    src = Target.from_settings(connection.settings_dict)
    name = f"restore_{uuid.uuid4().hex[:10]}"
    admin = Target(engine="postgresql", name="postgres", user=src.user, password=src.password,
                   host=src.host, port=src.port).connect()
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{name}"')
    yield Target(engine="postgresql", name=name, user=src.user, password=src.password, host=src.host, port=src.port)
    admin.cursor().execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()
