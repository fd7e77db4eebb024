"""The held-out person generator (benchmarks/heldout_persons.py): deterministic per seed, the CSV header the
evaluation reads, all twelve origins, the stated missing rates, clusters of 1-4 records, and hard negatives."""
from __future__ import annotations

import csv
import io
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from benchmarks.heldout_persons import HEADER, ORIGINS, generate, write_csv

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rows():
    return generate(3, 3000)


def _csv_text(seed: int, people: int) -> str:
    out = io.StringIO()
    write_csv(generate(seed, people), out)
    return out.getvalue()


def test_same_seed_same_file_other_seed_other_file():
    assert _csv_text(5, 400) == _csv_text(5, 400)
    assert _csv_text(5, 400) != _csv_text(6, 400)


def test_command_line_writes_the_header_and_one_row_per_record(tmp_path):
    path = tmp_path / "set.csv"
    subprocess.run([sys.executable, "-m", "benchmarks.heldout_persons", "--seed", "2", "--people", "200",
                    "--output", str(path)], cwd=ROOT, check=True, capture_output=True)
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        body = list(reader)
    assert header == ["record_id", "full_name", "birth_date", "nationality", "document_number", "cluster_id"]
    assert header == HEADER
    assert len(body) == len(generate(2, 200))
    assert all(len(r) == 6 and r[1].strip() for r in body)
    assert len({r[0] for r in body}) == len(body)


def test_all_twelve_origins_with_a_fair_share(rows):
    people = {(r.cluster_id, r.origin) for r in rows}
    by_origin = Counter(origin for _cluster, origin in people)
    assert set(by_origin) == set(ORIGINS) and len(ORIGINS) == 12
    assert min(by_origin.values()) >= 0.02 * len(people)


def test_missing_rates(rows):
    n = len(rows)
    missing_date = sum(1 for r in rows if not r.birth_date) / n
    missing_document = sum(1 for r in rows if not r.document_number) / n
    assert 0.26 <= missing_date <= 0.34, missing_date
    assert 0.46 <= missing_document <= 0.54, missing_document


def test_dates_are_iso_or_a_bare_year(rows):
    for r in rows:
        if r.birth_date and len(r.birth_date) != 4:
            assert 1940 <= date.fromisoformat(r.birth_date).year <= 2010
        elif r.birth_date:
            assert re.fullmatch(r"(19|20)\d\d", r.birth_date)
    assert sum(1 for r in rows if len(r.birth_date) == 4) > 0


def test_nationality_is_alpha2_or_empty(rows):
    assert all(re.fullmatch(r"[A-Z]{2}", r.nationality) or r.nationality == "" for r in rows)


def test_clusters_of_one_to_four_records_about_two_on_average(rows):
    sizes = Counter(r.cluster_id for r in rows)
    assert set(sizes.values()) == {1, 2, 3, 4}
    assert 3000 == len(sizes)
    assert 1.85 <= len(rows) / len(sizes) <= 2.15


def test_a_third_or_so_of_true_pairs_share_no_date_and_no_document(rows):
    clusters: dict[str, list] = {}
    for r in rows:
        clusters.setdefault(r.cluster_id, []).append(r)
    bare = total = 0
    for members in clusters.values():
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                total += 1
                if not (a.birth_date and b.birth_date) and not (a.document_number and b.document_number):
                    bare += 1
    assert 0.25 <= bare / total <= 0.45, bare / total


def test_scripts_and_name_forms_are_varied(rows):
    names = [r.full_name for r in rows]
    assert any(re.search("[ӨҮҢ]", n, re.I) for n in names)  # Kyrgyz / Mongolian letters
    assert any(re.search("[ӘҒҚҰҺІ]", n, re.I) for n in names)  # Kazakh
    assert any(re.search("[ЎҲ]", n, re.I) for n in names)  # Uzbek
    assert any(re.search("[ҶӮӢ]", n, re.I) for n in names)  # Tajik
    assert any(re.search(r"oʻ|gʻ|o'|g'", n, re.I) for n in names)  # Uzbek Latin
    assert any("uulu" in n.lower() or "уулу" in n.lower() for n in names)
    assert any("зода" in n or "zoda" in n.lower() for n in names)
    assert any(n.startswith(("Чжан", "Чжоу", "Сюй")) for n in names)
    assert any(re.search(r"\b(al|аль)[- ]", n, re.I) for n in names)
    assert any(re.fullmatch(r"\S+ [А-ЯӨҮ]\. [А-Я]\.", n) for n in names)  # Токтогулов Б. А.
    systems = Counter(r.name_how.split(";")[0] for r in rows)
    for system in ("native cyrillic", "russified cyrillic", "passport latin", "bgn/pcgn", "gost 7.79-b", "iso 9",
                   "french", "informal english", "national latin", "palladius cyrillic"):
        assert systems[system] > 0, system
    assert sum(1 for r in rows if "typo" in r.name_how) > 0.05 * len(rows)


def test_hard_negatives_are_there(rows):
    relations = Counter(r.relation for r in {r.cluster_id: r for r in rows}.values())
    for kind in ("sibling", "twin", "child", "namesake", "near"):
        assert relations[kind] > 0, kind
    assert 0.05 <= sum(v for k, v in relations.items() if k) / 3000 <= 0.25


def test_documents_carry_prefixes_and_ocr_slips(rows):
    documents = [r.document_number for r in rows if r.document_number]
    assert any(d.startswith(("№", "No.")) for d in documents)
    assert sum(1 for r in rows if "ocr" in r.document_how) > 0
    assert sum(1 for r in rows if "second document" in r.document_how) > 0
