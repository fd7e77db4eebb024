"""Listeners on seizures' models: mark the saved row as "needs matching" and enqueue the task after commit.

The marker is written in the saving transaction, so a broker outage at commit time loses nothing: the
periodic sweep finds the marker later. Seizures never imports this module.
"""
from __future__ import annotations

from functools import partial

from django.db import transaction

from .models import MarkerKind
from .services import touch_marker


def _mark(kind: str, object_id: int | None) -> None:
    if not object_id:
        return
    if touch_marker(kind, object_id):
        from .tasks import enqueue

        transaction.on_commit(partial(enqueue, kind, object_id))


def person_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _mark(MarkerKind.PERSON, instance.pk)


def case_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _mark(MarkerKind.CASE, instance.pk)


def case_child_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _mark(MarkerKind.CASE, instance.case_id)


def party_saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        _mark(MarkerKind.PERSON, instance.person_id)
        _mark(MarkerKind.CASE, instance.case_id)


def case_route_changed(sender, instance, action, reverse=False, **kwargs) -> None:
    if action in ("post_add", "post_remove", "post_clear") and not reverse:
        _mark(MarkerKind.CASE, instance.pk)


def cases_bulk_created(sender, case_ids, person_ids, **kwargs) -> None:
    """A set-based write of many cases: markers in the same transaction, one matching task for the batch."""
    from .services import touch_markers

    touch_markers(MarkerKind.PERSON, list(person_ids))
    touch_markers(MarkerKind.CASE, list(case_ids))
    from .tasks import enqueue_batch

    transaction.on_commit(partial(enqueue_batch, list(case_ids), list(person_ids)))
