"""Background import of a checked file (large files run here, with progress in the cache)."""
from __future__ import annotations

from celery import shared_task
from django.utils import translation

from .reading import FileReadError


@shared_task(name="imports.run_batch", acks_late=True)
def run_batch(batch_id: int, dry_run: bool = False, language: str | None = None) -> dict:
    """Run a batch; the report's messages are in `language`, the language of the page that started it."""
    from .models import ImportBatch
    from .services import run_import

    batch = ImportBatch.objects.select_related("agency", "created_by").get(pk=batch_id)
    if batch.status in (ImportBatch.Status.DONE, ImportBatch.Status.UNDONE):
        return {"status": batch.status, "created": batch.created_cases, "errors": batch.error_rows}
    try:
        with translation.override(language or translation.get_language()):
            run_import(batch, dry_run=dry_run)
    except FileReadError:
        pass  # the batch records the message
    batch.refresh_from_db()
    return {"status": batch.status, "created": batch.created_cases, "errors": batch.error_rows}
