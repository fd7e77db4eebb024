"""Celery application. Configuration comes from Django settings with the CELERY_ prefix."""
import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("wildlife")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Unacknowledged tasks of a lost worker come back after this many seconds (Redis transport). The socket
# timeouts keep a publish on the request path from hanging when Redis is down (settings.CELERY_PUBLISH_*).
app.conf.broker_transport_options = {
    "visibility_timeout": int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "3600")),
    "socket_connect_timeout": float(os.environ.get("CELERY_PUBLISH_CONNECT_TIMEOUT", "0.3")),
    "socket_timeout": float(os.environ.get("CELERY_PUBLISH_SOCKET_TIMEOUT", "2.0")),
    "max_retries": 0,
}

# Periodic jobs (celery beat): the nightly full re-scan of persons and routes, and the sweep of
# "needs matching" markers left behind when the broker was down or a worker was lost.
app.conf.beat_schedule = {
    **(app.conf.beat_schedule or {}),
    "intelligence-nightly-rescan": {
        "task": "intelligence.nightly_rescan",
        "schedule": crontab(
            hour=int(os.environ.get("INTELLIGENCE_RESCAN_HOUR", "2")),
            minute=int(os.environ.get("INTELLIGENCE_RESCAN_MINUTE", "30")),
        ),
        "options": {"expires": 23 * 3600},
    },
    "ops-nightly-backup": {
        "task": "ops.nightly_backup",
        "schedule": crontab(
            hour=int(os.environ.get("BACKUP_HOUR", "1")), minute=int(os.environ.get("BACKUP_MINUTE", "15"))
        ),
        "options": {"expires": 12 * 3600},
    },
    "analytics-refresh-rollup": {
        "task": "analytics.refresh_rollup",
        "schedule": float(os.environ.get("ANALYTICS_ROLLUP_SECONDS", "600")),
        "options": {"expires": 540},
    },
    "intelligence-sweep-markers": {
        "task": "intelligence.sweep_markers",
        "schedule": float(os.environ.get("INTELLIGENCE_SWEEP_SECONDS", "300")),
        "options": {"expires": 240},
    },
    "seizures-delete-expired-creation-keys": {
        "task": "seizures.delete_expired_creation_keys",
        "schedule": float(os.environ.get("CREATION_KEY_CLEANUP_SECONDS", "3600")),
        "options": {"expires": 3000},
    },
}
