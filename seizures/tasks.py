"""Celery tasks of the case area: thin wrappers around services, taking ids."""
from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from . import exports_jobs, services


@shared_task(autoretry_for=(OperationalError, InterfaceError), retry_backoff=True, max_retries=5, acks_late=True)
def run_export_job(job_id: int) -> int:
    """Write an export job's file; returns the number of case rows written."""
    return exports_jobs.run_export(job_id).written


@shared_task(name="seizures.delete_expired_creation_keys", autoretry_for=(OperationalError, InterfaceError),
             retry_backoff=True, max_retries=5, acks_late=True)
def delete_expired_creation_keys() -> int:
    """Periodic: delete creation keys (Idempotency-Key, web one-time tokens) past their keeping time."""
    return services.delete_expired_creation_keys()
