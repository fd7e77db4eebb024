"""Measuring the matcher on a labelled CSV: pairwise precision, recall, F1 and throughput."""
from __future__ import annotations

import csv
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import TextIO

from common.batching import fewer_collections

from .matching import DEFAULT_THRESHOLD, Matcher
from .normalize import Profile, make_profile


class PairScores:
    """Pairwise precision, recall and F1 from `true_pairs`, `predicted_pairs` and `correct_pairs`."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.predicted_pairs if self.predicted_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation(PairScores):
    records: int
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    candidate_pairs: int
    seconds: float
    blocked_true_pairs: int = 0
    categories: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def blocking_recall(self) -> float:
        """Recall of the candidate step: true pairs that blocking brings to scoring at all."""
        return self.blocked_true_pairs / self.true_pairs if self.true_pairs else 1.0

    @property
    def records_per_second(self) -> float:
        return self.records / self.seconds if self.seconds else float("inf")


_YEAR_ONLY = re.compile(r"(?:00[./-]00[./-])?(\d{4})(?:[./-]00[./-]00|[./-]00)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[./](\d{1,2})[./](\d{4})")


def _parse_date(text: str) -> tuple[date | None, int | None]:
    """The date of birth and the year of birth as agencies write them: ISO (1965-04-30), day first
    (30.04.1965), or the year alone (1965, 00.00.1965, 1965-00-00), which is a year without a date."""
    text = (text or "").strip()
    if not text:
        return None, None
    year_only = _YEAR_ONLY.fullmatch(text)
    if year_only:
        return None, int(year_only.group(1))
    day_first = _DAY_FIRST.fullmatch(text)
    try:
        if day_first:
            day, month, year = (int(part) for part in day_first.groups())
            return date(year, month, day), year
        parsed = date.fromisoformat(text)
        return parsed, parsed.year
    except ValueError:
        return None, None


def _profile_of_row(row: dict) -> Profile:
    birth_date, birth_year = _parse_date(row.get("birth_date", ""))
    return make_profile(
        row["record_id"], row.get("full_name", ""), birth_date=birth_date, birth_year=birth_year,
        nationality=row.get("nationality", ""), document_number=row.get("document_number", ""),
    )


def read_labelled_csv(path: Path) -> tuple[list[Profile], dict[str, str]]:
    """Profiles and, when the file has cluster_id, the label of each record."""
    with open(path, newline="", encoding="utf-8") as fh:
        return _profiles_and_labels(csv.DictReader(fh))


def profiles_of_records(records: Iterable) -> tuple[list[Profile], dict[str, str]]:
    """Profiles and labels of generated records (`intelligence.dataset.Record`), without a file."""
    return _profiles_and_labels(
        {"record_id": r.record_id, "full_name": r.full_name, "birth_date": r.birth_date,
         "nationality": r.nationality, "document_number": r.document_number, "cluster_id": str(r.cluster_id)}
        for r in records)


def _profiles_and_labels(rows: Iterable[dict]) -> tuple[list[Profile], dict[str, str]]:
    profiles: list[Profile] = []
    labels: dict[str, str] = {}
    for row in rows:
        profile = _profile_of_row(row)
        profiles.append(profile)
        if row.get("cluster_id"):
            labels[profile.record_id] = row["cluster_id"]
    return profiles, labels


def read_canonical_names(path: Path) -> dict[str, str]:
    """The canonical name (surname root, given name, sex) of each record, when the file has that column."""
    with open(path, newline="", encoding="utf-8") as fh:
        return {row["record_id"]: row["canonical_name"] for row in csv.DictReader(fh) if row.get("canonical_name")}


def canonical_names_of_records(records: Iterable) -> dict[str, str]:
    return {r.record_id: r.canonical_name for r in records if getattr(r, "canonical_name", "")}


@dataclass
class Oracle(PairScores):
    """A matcher that knows every record's canonical name and links two records exactly when it is the same:
    its precision shows how many true-looking pairs are namesakes (its recall is 1 by construction)."""

    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    sharing_people: float  # share of the people whose canonical name another person holds too


def canonical_oracle(labels: dict[str, str], canonical: dict[str, str]) -> Oracle:
    """The canonical-name oracle's pair counts, from sizes alone (no pair is listed)."""
    by_name: Counter[str] = Counter()
    by_person: Counter[tuple[str, str]] = Counter()
    for record_id, cluster in labels.items():
        name = canonical.get(record_id)
        if name is None:
            continue
        by_name[name] += 1
        by_person[(name, cluster)] += 1
    people_per_name = Counter(name for name, _cluster in by_person)
    clusters: Counter[str] = Counter(labels.values())
    true = sum(n * (n - 1) // 2 for n in clusters.values())
    correct = sum(n * (n - 1) // 2 for n in by_person.values())
    predicted = sum(n * (n - 1) // 2 for n in by_name.values())
    sharing = sum(1 for name, _cluster in by_person if people_per_name[name] > 1)
    return Oracle(true, predicted, correct, sharing / max(len(by_person), 1))


def true_pairs(labels: dict[str, str]) -> set[tuple[str, str]]:
    clusters: dict[str, list[str]] = defaultdict(list)
    for record_id, cluster in labels.items():
        clusters[cluster].append(record_id)
    pairs = set()
    for ids in clusters.values():
        for x, y in combinations(sorted(ids), 2):
            pairs.add((x, y))
    return pairs


def run_matcher(profiles: list[Profile], threshold: float = DEFAULT_THRESHOLD,
                candidates_out: set | None = None) -> tuple[dict, int, float]:
    """All matched pairs {(a, b): result}, the number of candidate pairs and the seconds taken
    (`candidates_out`, when given, receives the candidate pairs)."""
    start = time.perf_counter()
    matched = {}
    candidates = 0
    with fewer_collections():  # batch work, as in the full re-scan
        matcher = Matcher(threshold)
        matcher.extend(profiles)
        for x, y in matcher.candidate_pairs():
            candidates += 1
            if candidates_out is not None:
                candidates_out.add((x, y))
            result = matcher.score(matcher.profiles[x], matcher.profiles[y])
            if result.score >= threshold:
                matched[(x, y)] = result
    return matched, candidates, time.perf_counter() - start


def evidence_category(a: Profile, b: Profile) -> str:
    """What both records of a pair carry besides the name: the hardest pairs are the name-only ones.

    Read from the records alone (never from the labels), so precision and recall can be split the same way.
    """
    date = bool((a.birth_date or a.birth_year) and (b.birth_date or b.birth_year))
    document = bool(a.document and b.document)
    if date and document:
        return "date+document"
    if date:
        return "date only"
    if document:
        return "document only"
    return "name only"


def origin_category(a: Profile, b: Profile) -> str:
    """The nationality written on the pair (either side), or "unknown" when neither record has one."""
    return "origin " + (a.nationality or b.nationality or "unknown")


def _categorise(pairs, by_id: dict[str, Profile], key: str, counts: dict[str, dict[str, int]]) -> None:
    for x, y in pairs:
        a, b = by_id[x], by_id[y]
        for category in (evidence_category(a, b), origin_category(a, b)):
            counts.setdefault(category, {"true": 0, "predicted": 0, "correct": 0})[key] += 1


def evaluate(profiles: list[Profile], labels: dict[str, str], threshold: float = DEFAULT_THRESHOLD) -> Evaluation:
    blocked: set[tuple[str, str]] = set()
    matched, candidates, seconds = run_matcher(profiles, threshold, blocked)
    truth = true_pairs(labels)
    correct = truth & set(matched)
    by_id = {p.record_id: p for p in profiles}
    categories: dict[str, dict[str, int]] = {}
    _categorise(truth, by_id, "true", categories)
    _categorise(matched, by_id, "predicted", categories)
    _categorise(correct, by_id, "correct", categories)
    return Evaluation(
        records=len(profiles), true_pairs=len(truth), predicted_pairs=len(matched),
        correct_pairs=len(correct), candidate_pairs=candidates, seconds=seconds, categories=categories,
        blocked_true_pairs=len(truth & blocked),
    )


def category_lines(ev: Evaluation) -> list[str]:
    """One line per category: its true and predicted pairs, precision and recall."""
    lines = [f"{'category':<16} {'true':>6} {'pred':>6} {'precision':>9} {'recall':>7}"]
    for name in sorted(ev.categories, key=lambda c: (c.startswith("origin"), c)):
        c = ev.categories[name]
        precision = c["correct"] / c["predicted"] if c["predicted"] else 1.0
        recall = c["correct"] / c["true"] if c["true"] else 1.0
        lines.append(f"{name:<16} {c['true']:>6} {c['predicted']:>6} {precision:>9.4f} {recall:>7.4f}")
    return lines


def write_pairs(matched: dict, out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["record_id_a", "record_id_b", "score", "name", "birth_date", "document", "nationality"])
    for (x, y), result in sorted(matched.items()):
        e = result.explanation
        writer.writerow([x, y, result.score, e["name"]["level"], e["birth_date"]["level"], e["document"]["level"],
                         e.get("nationality", {}).get("level", "missing")])
