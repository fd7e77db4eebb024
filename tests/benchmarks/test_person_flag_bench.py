"""The person-flag benchmark module: its spelling variants, and its skip on a database other than PostgreSQL."""
from __future__ import annotations

import pytest
from django.db import connection

from benchmarks import bench_person_flag
from intelligence.matching import name_signature
from intelligence.normalize import make_profile


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


@pytest.mark.django_db
def test_skipped_without_postgresql(capsys):
    if connection.vendor == "postgresql":
        pytest.skip("the full run needs the national-scale database (make bench)")
    bench_person_flag.main()
    assert "skipped" in capsys.readouterr().out
