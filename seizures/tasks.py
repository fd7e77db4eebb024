"""Celery tasks of the case area: thin wrappers around services, taking ids."""
from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import exports_jobs


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5, acks_late=True)
def run_export_job(job_id: int) -> int:
    """Write an export job's file; returns the number of case rows written."""
    return exports_jobs.run_export(job_id).written
