"""Case-list exports as background jobs: started from a request, written by a Celery worker.

The request only checks the right to export, validates the filter and records a job; the worker
applies the visibility rule for the job's user *when it runs*, writes the file chunk by chunk
(memory stays flat) and records progress, so no request timeout is involved. Only the user who
started a job can see it or download its file.
"""
from __future__ import annotations

import csv
import io
import logging
import tempfile
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import access_log, exports, exports_copy
from . import permissions as rules
from .filtersets import CaseFilterSet, order_cases
from .models import Case, ExportJob

log = logging.getLogger(__name__)

#: Progress is saved every this many rows.
PROGRESS_EVERY = 5000


def _query_dict(params: dict[str, list[str]]) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, list(values))
    return query


def export_cases(user, params: dict[str, list[str]]) -> QuerySet[Case]:
    """The visible, filtered and ordered cases of an export. Raises ValidationError on a bad filter."""
    query = _query_dict(params)
    filterset = CaseFilterSet(query, queryset=Case.objects.visible_to(user), user=user)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return order_cases(filterset.qs, query.get("ordering"))


def start_export(user, query: QueryDict, file_format: str = ExportJob.Format.CSV) -> ExportJob:
    """Record an export of the cases `user` may see that match `query`, and queue it for a worker."""
    if not rules.can_export(user):
        raise PermissionDenied(_("You may not export case lists."))
    if file_format not in ExportJob.Format.values:
        raise ValidationError({"format": [_("Choose CSV or XLSX.")]})
    params = {key: query.getlist(key) for key in query if key not in ("page", "format", "csrfmiddlewaretoken")}
    export_cases(user, params)  # validate now, so a bad filter is an answer, not a failed job
    job = ExportJob.objects.create(user=user, format=file_format, params=params,
                                   language=translation.get_language() or "")
    from .tasks import run_export_job

    transaction.on_commit(lambda: run_export_job.delay(job.pk))
    return job


def jobs_of(user) -> QuerySet[ExportJob]:
    """The user's own export jobs (nobody else's, whatever the role)."""
    if user is None or not user.is_authenticated:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(user=user)


def _write_csv(handle, rows) -> None:
    """The Python path (SQLite; lines as `exports_copy` writes them on PostgreSQL)."""
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    text.write("\ufeff")
    csv.writer(text, lineterminator=exports_copy.LINE_END).writerows(rows)
    text.flush()
    text.detach()


def _save_written(job: ExportJob, written: int) -> None:
    job.written = written
    ExportJob.objects.filter(pk=job.pk).update(written=written)


def _finish(job: ExportJob, handle, cases: QuerySet[Case], *, persons: tuple[str, list] | None = None) -> None:
    """Store the written file and mark the job done; the file is handed out only once its persons are logged."""
    handle.seek(0)
    job.file.save(f"cases-{job.pk}-{timezone.localdate():%Y%m%d}.{job.format}", File(handle), save=False)
    job.status, job.finished_at = ExportJob.Status.DONE, timezone.now()
    with transaction.atomic():
        access_log.record_export(job.user, cases, persons=persons)
        job.save(update_fields=["status", "written", "file", "finished_at"])


def _start(job: ExportJob, total: int) -> None:
    job.status, job.written, job.error, job.total = ExportJob.Status.RUNNING, 0, "", total
    job.save(update_fields=["status", "written", "error", "total"])


def run_export(job_id: int) -> ExportJob:
    """Write the file of a job (idempotent: a finished job is left as it is)."""
    job = ExportJob.objects.select_related("user").get(pk=job_id)
    if job.status == ExportJob.Status.DONE:
        return job
    with translation.override(job.language or None):
        try:
            cases = export_cases(job.user, job.params)
            if job.format == ExportJob.Format.CSV and connection.vendor == "postgresql":
                # Each line built by the database and streamed by COPY (same cells as the Python path); the
                # cases are numbered once, which gives the total and the persons to log.
                with exports_copy.chosen_cases(cases) as chosen, tempfile.TemporaryFile() as handle:
                    _start(job, chosen.total)
                    chosen.write(handle, progress=lambda n: _save_written(job, n))
                    _finish(job, handle, cases, persons=(chosen.persons_sql, []))
            else:
                _start(job, cases.count())
                with tempfile.TemporaryFile() as handle:
                    if job.format == ExportJob.Format.XLSX:
                        exports.write_xlsx_rows(_progress(job, exports.iter_rows(cases)), handle)
                    else:
                        _write_csv(handle, _progress(job, exports.iter_rows(cases)))
                    _finish(job, handle, cases)
        except Exception as exc:  # recorded for the user; the worker log has the traceback
            log.exception("export job %s failed", job_id)
            job.status, job.error, job.finished_at = ExportJob.Status.FAILED, str(exc)[:500], timezone.now()
            job.save(update_fields=["status", "error", "finished_at"])
            raise
    return job


def _progress(job: ExportJob, rows) -> Any:
    """Pass rows through, saving the number of case rows written (the heading is row 0)."""
    written = 0
    for index, row in enumerate(rows):
        yield row
        written = index
        if written and written % PROGRESS_EVERY == 0:
            ExportJob.objects.filter(pk=job.pk).update(written=written)
    job.written = written
