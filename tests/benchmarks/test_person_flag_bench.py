"""The person-flag benchmark module: its spelling variants, and a whole run on a small population."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from benchmarks import bench_person_flag
from intelligence.matching import name_signature
from intelligence.normalize import make_profile

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["Асанов Бакыт", "BAKYT ASANOV", "Zhumabekov Aibek", "Ким Wei"])
def test_variant_is_another_spelling_of_the_same_name(name):
    other = bench_person_flag.variant(name)
    assert other != name
    assert len(other.split()) == len(name.split())


def test_variant_keeps_at_least_one_word_of_the_whole_name():
    # the duplicate differs in spelling, not in person: a stem of the original survives
    a = name_signature(make_profile("1", "Asanov Bakyt"))
    b = name_signature(make_profile("2", bench_person_flag.variant("Asanov Bakyt")))
    assert set(a.split()) & set(b.split())


def _drop_database(name: str) -> None:
    import psycopg2

    settings = connection.settings_dict
    other = psycopg2.connect(dbname="postgres", user=settings["USER"], password=settings["PASSWORD"],
                             host=settings["HOST"] or None, port=settings["PORT"] or None)
    other.autocommit = True  # DROP DATABASE cannot run in a transaction
    try:
        with other.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    finally:
        other.close()


@pytest.mark.django_db
def test_runs_end_to_end_on_postgresql_and_says_skipped_elsewhere(capsys):
    """On PostgreSQL the whole benchmark runs, in its own process and database, on a small population: every
    duplicate saved is flagged and the latency figures are printed beside their limit. Elsewhere it says why
    it does not run."""
    if connection.vendor != "postgresql":
        bench_person_flag.main()
        assert "skipped" in capsys.readouterr().out
        return
    name = f"wl_flag_bench_{os.getpid()}"
    env = {**os.environ, "BENCH_FLAG_DB": name, "BENCH_FLAG_CASES": "400", "CELERY_BROKER_URL": ""}
    try:
        done = subprocess.run([sys.executable, "-m", "benchmarks", "bench_person_flag"], env=env, cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
    finally:
        _drop_database(name)
    out = done.stdout
    assert done.returncode == 0 and "Traceback" not in done.stderr + out, (out[-2000:], done.stderr[-3000:])
    assert "population: 400 cases" in out, out[-2000:]
    flagged = re.search(r"duplicates flagged: (\d+) of (\d+)", out)
    assert flagged and int(flagged[2]) > 0 and flagged[1] == flagged[2], out[-2000:]
    assert re.search(r"all saves, \d+ saves: median \d+ ms, p95 \d+ ms.*limit: p95 1000 ms", out), out[-2000:]
