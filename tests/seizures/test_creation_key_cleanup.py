"""Creation keys (API Idempotency-Key, web one-time tokens) are deleted by a periodic task once older than
CREATION_KEY_KEEP_HOURS; the cases they created stay, and a key younger than that still answers its case."""
from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from config.celery import app
from seizures import tasks
from seizures.models import Case, CreationKey
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures reused)
from tests.api.test_case_writes import new_case

pytestmark = pytest.mark.django_db


def _create(world, key: str) -> dict:  # noqa: F811
    response = world.client("officer").post("/api/v1/cases/", new_case(world, description=key), format="json",
                                            HTTP_IDEMPOTENCY_KEY=key)
    assert response.status_code in (200, 201), response.content
    return response.json()


def test_the_periodic_task_deletes_keys_older_than_the_setting(world, settings):  # noqa: F811
    settings.CREATION_KEY_KEEP_HOURS = 24
    old, fresh = _create(world, "key-old"), _create(world, "key-fresh")
    CreationKey.objects.filter(key="key-old").update(created_at=timezone.now() - datetime.timedelta(hours=25))
    CreationKey.objects.filter(key="key-fresh").update(created_at=timezone.now() - datetime.timedelta(hours=23))

    assert tasks.delete_expired_creation_keys.apply().get() == 1
    assert list(CreationKey.objects.values_list("key", flat=True)) == ["key-fresh"]
    assert Case.objects.filter(reference__in=[old["reference"], fresh["reference"]]).count() == 2  # cases stay
    again = world.client("officer").post("/api/v1/cases/", new_case(world, description="key-fresh"), format="json",
                                         HTTP_IDEMPOTENCY_KEY="key-fresh")
    assert again.json()["reference"] == fresh["reference"]  # a kept key still answers its first case

    settings.CREATION_KEY_KEEP_HOURS = 12  # a shorter keeping time, from the environment in production
    assert tasks.delete_expired_creation_keys.apply().get() == 1
    assert not CreationKey.objects.exists()


def test_the_cleanup_is_on_the_beat_schedule():
    entry = app.conf.beat_schedule["seizures-delete-expired-creation-keys"]
    assert entry["task"] == tasks.delete_expired_creation_keys.name
    assert 0 < float(entry["schedule"]) <= 24 * 3600
