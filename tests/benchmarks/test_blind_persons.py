"""The blind person set: deterministic, in the evaluation's format, with the shares it claims."""
import csv
import random
import re
from collections import Counter, defaultdict
from itertools import combinations

import pytest

from benchmarks import blind_persons as bp


@pytest.fixture(scope="module")
def rows():
    return bp.generate(seed=1, people=3000)


@pytest.fixture(scope="module")
def clusters(rows):
    by_cluster = defaultdict(list)
    for row in rows:
        by_cluster[row["cluster_id"]].append(row)
    return by_cluster


def test_the_same_seed_gives_the_same_file_and_another_seed_another():
    assert bp.generate(seed=7, people=300) == bp.generate(seed=7, people=300)
    assert bp.generate(seed=7, people=300) != bp.generate(seed=8, people=300)


def test_the_csv_has_the_header_the_evaluation_reads(tmp_path):
    out = tmp_path / "blind.csv"
    bp.main(["--seed", "2", "--people", "50", "--output", str(out)])
    with open(out, encoding="utf-8", newline="") as fh:
        assert fh.readline().strip() == "record_id,full_name,birth_date,nationality,document_number,cluster_id"
        fh.seek(0)
        read = list(csv.DictReader(fh))
    assert read == bp.generate(seed=2, people=50)
    assert len({r["record_id"] for r in read}) == len(read)


def test_twelve_origins_in_the_chosen_proportions():
    people, groups = bp.generate_people(3000, random.Random(1))
    assert len(people) == 3000
    shares = Counter(p.origin for p in people)
    assert set(shares) == set(bp.ORIGINS) and len(shares) == 12
    for origin, share in bp.ORIGINS.items():
        assert abs(shares[origin] / 3000 - share) < 0.025, origin
    assert all(groups[kind] > 0 for kind in ("siblings", "twins", "father_son", "cousins", "namesakes", "near"))


def test_fields_are_in_the_evaluation_format(rows):
    for row in rows:
        assert row["full_name"].strip()
        assert re.fullmatch(r"|\d{4}|\d{4}-\d{2}-\d{2}", row["birth_date"]), row["birth_date"]
        assert re.fullmatch(r"|[A-Z]{2}", row["nationality"]), row["nationality"]


def test_missing_rates_are_within_tolerance(rows):
    n = len(rows)
    assert abs(sum(not r["birth_date"] for r in rows) / n - bp.BIRTH_DATE_MISSING) < 0.03
    assert abs(sum(len(r["birth_date"]) == 4 for r in rows) / n - bp.BARE_YEAR) < 0.03
    assert abs(sum(not r["document_number"] for r in rows) / n - bp.DOCUMENT_MISSING) < 0.03
    assert abs(sum(not r["nationality"] for r in rows) / n - bp.NATIONALITY_MISSING) < 0.03


def test_people_are_written_one_to_four_times_two_on_average(clusters, rows):
    sizes = Counter(len(records) for records in clusters.values())
    assert len(clusters) == 3000
    assert set(sizes) == {1, 2, 3, 4}
    assert 1.8 < len(rows) / len(clusters) < 2.3


def test_about_a_third_of_true_pairs_share_neither_date_nor_document(clusters):
    pairs = [(a, b) for records in clusters.values() for a, b in combinations(records, 2)]
    bare = sum(not (a["birth_date"] and b["birth_date"]) and not (a["document_number"] and b["document_number"])
               for a, b in pairs)
    assert 0.28 < bare / len(pairs) < 0.45


def test_records_of_one_person_are_spelled_differently(clusters):
    pairs = [(a, b) for records in clusters.values() for a, b in combinations(records, 2)]
    different = sum(a["full_name"].casefold() != b["full_name"].casefold() for a, b in pairs)
    assert different / len(pairs) > 0.6

    def cyrillic(name):
        return bool(re.search("[а-яё]", name.lower()))

    mixed = sum(1 for records in clusters.values()
                if len({cyrillic(r["full_name"]) for r in records}) == 2)
    assert mixed > 300


def test_namesakes_across_clusters(rows):
    by_name = defaultdict(set)
    for row in rows:
        by_name[row["full_name"].casefold()].add(row["cluster_id"])
    shared = [name for name, ids in by_name.items() if len(ids) > 1]
    assert len(shared) >= 30
    assert any(" " in name and len(name) > 10 for name in shared)


def test_the_name_structures_of_the_origins_appear(rows):
    text = "\n".join(r["full_name"] for r in rows).casefold()
    for marker in ("уулу", "кызы", "ұлы", "o'g'li", "зода", "zoda", "maimaiti", "tuerxun", "s/o", "muhammad",
                   "hosseini", "pour", "чжан", "ı", "ş", "г.р.", "ович", "овна"):
        assert marker in text, marker
