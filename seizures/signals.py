"""Signals seizures sends for writes that bypass `Model.save` (set-based inserts).

`cases_bulk_created(sender=Case, case_ids=[...], person_ids=[...])` is sent inside the writing
transaction once per batch written by `seizures.services.create_cases_bulk`; listeners (intelligence)
record their work in the same transaction and defer it to one background task per batch.
"""
from django.dispatch import Signal

cases_bulk_created = Signal()
