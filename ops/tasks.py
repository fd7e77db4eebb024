from celery import shared_task


@shared_task(name="ops.nightly_backup", acks_late=True)
def nightly_backup() -> str:
    """The nightly archive (celery beat), then the retention of daily and monthly archives."""
    from .archive import create_backup, prune_backups

    path = create_backup()
    prune_backups()
    return path.name
