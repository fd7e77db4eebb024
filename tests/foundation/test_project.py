"""The project's shape: the two commands, CI, settings, migrations and the production compose file."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command, get_commands

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    dropped = {"DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG", "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE",
               "CSRF_COOKIE_SECURE", "ALLOWED_HOSTS", "STATIC_MANIFEST", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


def test_makefile_has_the_two_commands_and_readme_names_them():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^run:", makefile, re.M)
    assert re.search(r"^test:", makefile, re.M)
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme


def test_ci_runs_make_test_against_real_services():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci
    assert "REQUIRE_SERVICES=1" in ci
    assert "postgres://" in ci and "redis://" in ci
    assert "playwright install" not in ci


def test_production_settings_pass_check_deploy():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env={"DEBUG": "0", "SECRET_KEY": "x" * 20 + "production-check-key-0123456789-abcdefghij",
             "ALLOWED_HOSTS": "wildlife.example.org"},
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = _manage("check", env={"DEBUG": "0"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_describes_the_production_stack():
    services = _compose()["services"]
    for name in ("web", "db", "redis", "worker", "beat"):
        assert name in services, name
    db_build = ROOT / services["db"]["build"] / "Dockerfile"
    assert db_build.read_text().splitlines()[1].startswith("FROM postgres:15")
    assert services["redis"]["image"].startswith("redis")
    volumes = _compose()["volumes"]
    assert "pgdata" in volumes and "media" in volumes
    assert any("pgdata:" in v for v in services["db"]["volumes"])
    assert any("media:" in v for v in services["web"]["volumes"])
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert env["DATABASE_URL"].startswith("postgres://") and "@db:5432/" in env["DATABASE_URL"]
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")


def test_compose_commands_refer_to_things_that_exist():
    import importlib

    services = _compose()["services"]
    assert (ROOT / services["web"]["build"]).joinpath("Dockerfile").exists()
    commands = get_commands()
    seen = set()
    for name, service in services.items():
        command = service.get("command")
        if not command:
            continue
        text = " ".join(command) if isinstance(command, list) else command
        for module, attr in re.findall(r"([\w.]+):(\w+)\b", text):
            if module.startswith(("config", "wildlife")):
                assert hasattr(importlib.import_module(module), attr), f"{name}: {module}:{attr}"
                seen.add("wsgi")
        for app in re.findall(r"celery -A (\w+)|\"-A\", \"(\w+)\"", text):
            app_name = next(a for a in app if a)
            assert hasattr(importlib.import_module(app_name), "celery_app"), name
            seen.add("celery")
        for cmd in re.findall(r"manage\.py (\w+)", text):
            assert cmd in commands, f"{name}: manage.py {cmd} does not exist"
            seen.add("manage")
    assert {"wsgi", "celery", "manage"} <= seen
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]


def test_compose_front_door_backups_and_healthchecks():
    services = _compose()["services"]
    assert "ports" not in services["web"], "gunicorn must not be published on the host"
    assert services["proxy"]["image"].startswith("caddy")
    assert set(services["proxy"]["ports"]) == {"80:80", "443:443"}
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()
    for directive in ("reverse_proxy web:8000", "Strict-Transport-Security", "encode", "max_size",
                      "respond /media/* 404", "respond /metrics* 404"):
        assert directive in caddyfile, directive
    assert any("/ready/" in part for part in services["web"]["healthcheck"]["test"])
    assert "inspect ping" in " ".join(services["worker"]["healthcheck"]["test"])
    assert any(v.endswith(":/backups") for v in services["worker"]["volumes"])
    assert "pgbackrest" in (ROOT / "deploy" / "postgres" / "archiving.sql").read_text()
    from config.celery import app

    assert app.conf.beat_schedule["ops-nightly-backup"]["task"] == "ops.nightly_backup"
    rules = yaml.safe_load((ROOT / "deploy" / "prometheus" / "alerts.yml").read_text())
    names = {r["alert"] for g in rules["groups"] for r in g["rules"]}
    assert {"NoSuccessfulBackup", "NoCeleryWorker"} <= names
