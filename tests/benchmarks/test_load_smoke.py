"""Smoke run of the load benchmark (benchmarks/load.py) in CI: the production stack's gunicorn (3 workers,
production settings, its own Redis) on the test database, 3 clients for 5 s. Every request kind runs and
none fails; the figures themselves come from `make bench-load`."""
from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from benchmarks.load import KINDS, report, run_load
from benchmarks.stack import production_stack
from seizures.models import Case
from tests.api.conftest import build_world
from tests.conftest import unavailable
from tests.support.services import database_url

pytestmark = [pytest.mark.services]


@pytest.mark.django_db(transaction=True)
def test_load_smoke_every_kind_runs_without_errors(transactional_db, capsys):
    if connection.vendor != "postgresql":
        unavailable("the load benchmark runs on PostgreSQL (DATABASE_URL=postgres://...)")
    world = build_world()
    tokens = [(Token.objects.get_or_create(user=world.users[role])[0].key, role)
              for role in ("officer", "supervisor", "analyst")]
    before = Case.objects.count()
    with production_stack("smoke", database_url=database_url(), worker=False) as stack:
        result = run_load(stack, clients=3, duration=5, tokens=tokens)
    report(result)
    assert not result.errors, [s.error for s in result.errors[:5]]
    assert {kind: result.count(kind) > 0 for kind in KINDS} == dict.fromkeys(KINDS, True), capsys.readouterr().out
    created = result.count("create")
    assert Case.objects.count() == before + created  # a retry with the same key added no case
