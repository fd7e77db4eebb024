"""Redis (cache, throttle and broker) stops mid-test: every request still answers, the case is saved, and
the sweep finishes the matching once Redis is back. A real redis-server on a spare port, killed for real.
"""
from __future__ import annotations

import pytest

from intelligence.models import MatchMarker
from seizures.models import Case
from tests.api.test_case_writes import new_case

pytestmark = [pytest.mark.services]


@pytest.mark.django_db
def test_api_and_web_answer_while_redis_is_down(world, redis_server, django_capture_on_commit_callbacks):
    from config.celery import app

    assert str(redis_server.port) in app.connection_for_write().as_uri()  # publishing goes to the test's Redis
    client = world.client("officer")
    assert client.get("/api/v1/species/").status_code == 200  # throttle history written to the live Redis
    redis_server.stop()

    from rest_framework.test import APIClient

    token = APIClient().post("/api/v1/auth/token/", {"username": "officer", "password": "wrong"}, format="json")
    assert token.status_code < 500, token.content
    assert token["Content-Type"].startswith("application/json")
    assert client.get("/api/v1/cases/").status_code == 200
    before = Case.objects.count()
    body = new_case(world, parties=[
        {"role": "suspect", "person": {"full_name": f"Suspect {n} Redisdown"}} for n in range(6)])
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content
    assert callbacks, "the matching is enqueued after the commit"
    assert Case.objects.count() == before + 1
    case = Case.objects.get(pk=response.json()["id"])
    # the broker was down: every enqueue failed fast and left its marker for the sweep
    assert MatchMarker.objects.filter(kind="case", object_id=case.pk).exists()
    assert MatchMarker.objects.filter(kind="person").count() >= 6

    web = world.users["officer"]
    from django.test import Client

    browser = Client()
    browser.force_login(web)
    page = browser.get(f"/cases/{case.pk}/")
    assert page.status_code == 200
