"""`load_demo` as `make run` calls it (no broker: tasks in-process) prints a progress bar, no task log, and
the table of demo accounts last."""
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from demo.accounts import demo_usernames
from intelligence.models import MatchMarker, PersonProfile

from .conftest import make_small_reference

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s.get("USER") or "postgres") + (":" + quote(s["PASSWORD"]) if s.get("PASSWORD") else "")
    return f"postgres://{auth}@{s.get('HOST') or '127.0.0.1'}:{s.get('PORT') or 5432}/{s['NAME']}"


def test_demo_load_is_quiet_with_a_progress_bar_and_the_accounts_last():
    make_small_reference()
    env = {**os.environ, "DATABASE_URL": _database_url(), "CELERY_BROKER_URL": "", "LOG_LEVEL": "INFO",
           "DJANGO_SETTINGS_MODULE": "config.settings_test", "INTELLIGENCE_EMAIL_ALERTS": "0",
           "LANGUAGE_CODE": "en"}
    done = subprocess.run([sys.executable, "manage.py", "load_demo", "--skip-reference", "--cases", "6"],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "succeeded" not in done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    bars = [line for line in lines if line.startswith("Demo cases [")]
    assert 1 <= len(bars) <= 11 and bars[-1].endswith("] 6/6") and "#" * 30 in bars[-1]
    table = lines[-len(demo_usernames()):]
    assert [line.split()[0] for line in table] == demo_usernames()
    # the tasks did run in-process: the matching of the saved persons left no pending marker
    assert not MatchMarker.objects.exists() and PersonProfile.objects.exists()
