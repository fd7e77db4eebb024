"""Upgrades: the migrations of this release apply forward on a database that holds data, not only on an empty one.

A fresh PostgreSQL database is migrated to the newest state and given the demo data; it is then taken back to the
migration heads of the previous release (which removes only what this release added) and migrated forward again,
as `make migrate` does on an upgraded installation. Every table of the previous release keeps its rows, nothing is
left unapplied, and the models match the migrations. The commands run as an operator runs them, in their own
process.

`PREVIOUS_RELEASE` is the migration heads of the release before this one: set it to the new heads when a release
is made (`python manage.py showmigrations --plan`).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ops.targets import Target

ROOT = Path(__file__).resolve().parents[2]

PREVIOUS_RELEASE = {
    "agencies": "0003_agency_website_and_contact_source",
    "analytics": "0003_rollup_item_totals_sharing_and_marks",
    "identification": "0001_quiz_attempts",
    "imports": "0001_import_batches",
    "intelligence": "0003_review_reason_length_limit",
    "permits": "0003_text_length_limits_and_date_ranges",
    "seizures": "0013_text_length_limits_and_date_ranges",
    "species": "0004_drop_placeholder_listing_dates",
}


def _manage(url: str, *args: str) -> str:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1",
           "CELERY_BROKER_URL": "", "INTELLIGENCE_EMAIL_ALERTS": "0"}
    result = subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"manage.py {' '.join(args)} exited {result.returncode}:\n{result.stderr[-4000:]}"
    return result.stdout


def _url(target: Target) -> str:
    auth = target.user + (f":{target.password}" if target.password else "")
    return f"postgres://{auth}@{target.host or '127.0.0.1'}:{target.port or 5432}/{target.name}"


def test_this_release_migrates_forward_over_the_demo_data(empty_pg: Target) -> None:
    target, url = empty_pg, _url(empty_pg)
    _manage(url, "migrate", "--noinput", "-v0")
    _manage(url, "load_demo", "--cases", "30", "--seed", "5")
    newest = target.row_counts()
    assert newest["seizures_case"] == 30 and newest["seizures_seizeditem"] >= 30

    # Back to the previous release: dependants first, so that each app's own step removes only its new migrations.
    steps = [(app, PREVIOUS_RELEASE[app])
             for app in ("identification", "imports", "analytics", "intelligence", "seizures", "permits", "species",
                        "agencies")]
    _manage(url, "shell", "-c", "from django.core.management import call_command\n"
            f"for app, head in {steps!r}:\n"
            "    call_command('migrate', app, head, interactive=False, verbosity=0)")
    previous = target.row_counts()
    plan = _manage(url, "showmigrations", "--plan")
    for app, head in PREVIOUS_RELEASE.items():
        assert f"[X]  {app}.{head}" in plan, f"{app} is not at the previous release's head {head}"
    assert previous["seizures_case"] == 30

    _manage(url, "migrate", "--noinput", "-v0")
    upgraded = target.row_counts()
    assert "[ ]" not in _manage(url, "showmigrations", "--plan"), "migrations left unapplied after the upgrade"
    lost = {t: (n, upgraded.get(t)) for t, n in previous.items() if t != "django_migrations" and upgraded.get(t) != n}
    assert not lost, f"tables whose rows changed in the upgrade (before, after): {lost}"
    assert upgraded["seizures_seizeditem"] == newest["seizures_seizeditem"]
    _manage(url, "makemigrations", "--check", "--dry-run")
