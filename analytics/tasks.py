"""Background jobs of the analysts' area."""
from __future__ import annotations

from celery import shared_task


@shared_task(name="analytics.refresh_rollup", expires=30 * 60, acks_late=True)
def refresh_rollup() -> int:
    """Rebuild the case statistics rollup (analytics/rollup.py)."""
    from .rollup import refresh_rollup as refresh

    return refresh()
