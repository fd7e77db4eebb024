"""Idempotent creation through the API: a retry with the same Idempotency-Key answers the first case."""
from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection

from seizures.models import Case, CreationKey
from tests.api.test_case_writes import new_case


@pytest.mark.django_db
def test_a_retry_answers_the_first_case(world):
    client = world.client("officer")
    key = str(uuid.uuid4())
    before = Case.objects.count()
    first = client.post("/api/v1/cases/", new_case(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == 201, first.content
    again = client.post("/api/v1/cases/", new_case(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    assert again.status_code == 200, again.content
    assert again["Idempotent-Replayed"] == "true"
    assert again.json()["reference"] == first.json()["reference"]
    assert Case.objects.count() == before + 1
    other = client.post("/api/v1/cases/", new_case(world), format="json", HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert other.status_code == 201 and Case.objects.count() == before + 2


@pytest.mark.django_db
def test_a_key_is_per_user_and_not_for_other_content(world):
    key = "same-key"
    mine = world.client("officer").post("/api/v1/cases/", new_case(world), format="json", HTTP_IDEMPOTENCY_KEY=key)
    theirs = world.client("supervisor").post("/api/v1/cases/", new_case(world), format="json",
                                             HTTP_IDEMPOTENCY_KEY=key)
    assert mine.status_code == theirs.status_code == 201
    assert mine.json()["reference"] != theirs.json()["reference"]
    changed = world.client("officer").post("/api/v1/cases/", new_case(world, description="other"), format="json",
                                           HTTP_IDEMPOTENCY_KEY=key, HTTP_ACCEPT_LANGUAGE="ky")
    assert changed.status_code == 422 and changed["Content-Type"] == "application/json"
    assert "ачкыч" in changed.json()["detail"]
    assert CreationKey.objects.filter(key=key).count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_retries_create_one_case(world):
    """Two real requests with one key at the same moment, each on its own database connection."""
    key = str(uuid.uuid4())
    body = new_case(world)
    barrier = threading.Barrier(2)
    answers: list = []

    def post() -> None:
        client = world.client("officer")
        barrier.wait()
        try:
            answers.append(client.post("/api/v1/cases/", body, format="json", HTTP_IDEMPOTENCY_KEY=key))
        finally:
            connection.close()

    threads = [threading.Thread(target=post) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert sorted(a.status_code for a in answers) == [200, 201], [a.content for a in answers]
    assert len({a.json()["reference"] for a in answers}) == 1
    assert Case.objects.filter(reference=answers[0].json()["reference"]).count() == 1
    assert CreationKey.objects.filter(key=key).count() == 1
