"""Smoke run of the load benchmark (benchmarks/load.py) in CI: the production stack's gunicorn (3 workers,
production settings, its own Redis) on the test database, 3 clients for 5 s. Every request kind runs and
none fails, and every answer that gunicorn gives matches the API schema (the suite's schema check sees only
the test client's answers); the figures themselves come from `make bench-load`."""
from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from benchmarks.load import KINDS, report, run_load
from benchmarks.stack import production_stack
from seizures.models import Case
from tests.api.conftest import build_world
from tests.conftest import unavailable
from tests.support.schema_check import check_response, openapi_document
from tests.support.services import database_url

pytestmark = [pytest.mark.services]


class _Answer:
    """What `check_response` reads of a response, for an answer read off the wire."""

    streaming = False

    def __init__(self, status: int, content: bytes) -> None:
        self.status_code, self.content = status, content

    def get(self, header: str, default: str = "") -> str:
        return "application/json" if header == "Content-Type" else default


@pytest.mark.django_db(transaction=True)
def test_load_smoke_every_kind_runs_without_errors(transactional_db, capsys):
    if connection.vendor != "postgresql":
        unavailable("the load benchmark runs on PostgreSQL (DATABASE_URL=postgres://...)")
    world = build_world()
    tokens = [(Token.objects.get_or_create(user=world.users[role])[0].key, role)
              for role in ("officer", "supervisor", "analyst")]
    before = Case.objects.count()
    openapi_document()  # generated once, before the client threads need it
    problems: list[str] = []
    checked: list[int] = []

    def check(method: str, path: str, status: int, content: bytes) -> None:
        checked.append(status)
        problem = check_response(method, path.split("?")[0], _Answer(status, content))
        if problem:
            problems.append(problem)

    with production_stack("smoke", database_url=database_url(), worker=False) as stack:
        result = run_load(stack, clients=3, duration=5, tokens=tokens, on_response=check)
    report(result)
    assert len(checked) == len(result.samples) and not problems, problems[:5]
    assert not result.errors, [s.error for s in result.errors[:5]]
    assert {kind: result.count(kind) > 0 for kind in KINDS} == dict.fromkeys(KINDS, True), capsys.readouterr().out
    created = result.count("create")
    assert Case.objects.count() == before + created  # a retry with the same key added no case
