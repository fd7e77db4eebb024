"""Repeat-suspect matching: blocking keys, pair scoring with an explanation, and an in-memory matcher.

Scoring is a Fellegi–Sunter-style sum of evidence (log-odds points) per field, with a term-frequency
adjustment on names (a shared common name is weak evidence, a shared rare name strong), then turned
into a 0–1 score. A pair is flagged when the score reaches the threshold (settings.INTELLIGENCE_MATCH_THRESHOLD,
default `DEFAULT_THRESHOLD`).

Blocking keeps the work linear: candidate pairs share a document number, a phone, a name prefix with the
birth date, two name prefixes with the birth year, or (in small blocks only) one name prefix with the year or
two name prefixes; oversized blocks (very common names) are skipped because a common name alone never
decides a match.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from itertools import combinations

from rapidfuzz.distance import OSA, Levenshtein

from .normalize import Profile, stem

DEFAULT_THRESHOLD = 0.5
NAME_BLOCK_CAP = 40  # one-prefix-with-year and name-pair blocks larger than this are skipped
YEAR_BLOCK_CAP = 400

# Evidence points (log-odds, natural scale of the logistic below).
POINTS = {
    "name_exact_max": 5.0,
    "name_exact_min": 1.0,
    "name_common_penalty": 1.5,
    "name_close": 2.5,
    "name_fuzzy": 1.0,
    "name_different": -7.0,
    "name_extra_token": -0.25,
    "dob_exact": 6.5,
    "dob_swapped": 5.5,
    "dob_near": 4.5,
    "dob_year": 3.0,
    "dob_same_year_other_day": -5.0,
    "dob_other_year": -9.0,
    "doc_exact": 7.0,
    "doc_near": 3.5,
    "doc_different": -2.5,
    "phone_exact": 4.0,
    "nat_same": 0.5,
    "nat_different": -3.0,
    "patronymic_same": 1.0,
    "patronymic_different": -5.0,
    "bias": -4.0,
}


@lru_cache(maxsize=500_000)
def _sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    whole = OSA.normalized_similarity(a, b)
    sa, sb = stem(a), stem(b)
    if sa == sb:
        return max(whole, 0.97)
    return max(whole, OSA.normalized_similarity(sa, sb) - 0.03)


def _edits(a: str, b: str) -> int:
    return min(OSA.distance(a, b), OSA.distance(stem(a), stem(b)))


@dataclass
class NameComparison:
    aligned: list[tuple[str, str, float]]
    extra: int

    @property
    def weakest(self) -> float:
        return min((s for _, _, s in self.aligned), default=0.0)

    @property
    def level(self) -> str:
        """exact | close | fuzzy | different | missing, judged on the weakest aligned word."""
        if not self.aligned:
            return "missing"
        x, y, sim = min(self.aligned, key=lambda t: t[2])
        if sim >= 0.96:
            return "exact"
        edits = _edits(x, y)
        if sim >= 0.8 or edits <= 1:
            return "close"
        if sim >= 0.7 or (edits == 2 and min(len(x), len(y)) >= 6):
            return "fuzzy"
        return "different"


def compare_names(a: list[str], b: list[str]) -> NameComparison:
    """Align name tokens regardless of order: best one-to-one pairing by similarity."""
    if not a or not b:
        return NameComparison([], 0)
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    scored = sorted(((_sim(x, y), i, j) for i, x in enumerate(short) for j, y in enumerate(long_)), reverse=True)
    used_i: set[int] = set()
    used_j: set[int] = set()
    aligned = []
    for s, i, j in scored:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        aligned.append((short[i], long_[j], s))
    return NameComparison(aligned, len(long_) - len(short))


def compare_dates(a: Profile, b: Profile) -> str:
    """exact | swapped | near | year | same_year_other_day | other_year | missing."""
    if a.birth_date and b.birth_date:
        x, y = a.birth_date, b.birth_date
        if x == y:
            return "exact"
        if x.year == y.year and x.day == y.month and x.month == y.day:
            return "swapped"
        if abs((x - y).days) <= 1 or _one_digit_apart(x, y):
            return "near"
        return "same_year_other_day" if x.year == y.year else "other_year"
    if a.birth_year and b.birth_year:
        return "year" if a.birth_year == b.birth_year else "other_year"
    return "missing"


def _one_digit_apart(x: date, y: date) -> bool:
    return Levenshtein.distance(x.isoformat(), y.isoformat()) == 1


def compare_documents(a: str, b: str) -> str:
    if not a or not b or len(a) < 5 or len(b) < 5:
        return "missing"
    if a == b:
        return "exact"
    if Levenshtein.distance(a, b) == 1:
        return "near"
    return "different"


@dataclass
class MatchResult:
    score: float
    points: float
    explanation: dict = field(default_factory=dict)

    def is_match(self, threshold: float = DEFAULT_THRESHOLD) -> bool:
        return self.score >= threshold


FrequencyFn = Callable[[str], float]


def score_pair(
    a: Profile, b: Profile, frequency: FrequencyFn | None = None, population: int = 1
) -> MatchResult:
    """Score two profiles. `frequency(stem)` is the share of the `population` whose name has that stem."""
    p = POINTS
    explanation: dict[str, dict] = {}
    names = compare_names(a.tokens, b.tokens)
    weakest = names.weakest
    points = p["bias"]
    level = names.level
    if level == "missing":
        name_pts = 0.0
    elif level == "exact":
        rarity = 1.0
        if frequency is not None:
            share = 1.0
            for x, _, _ in names.aligned:
                share *= max(frequency(stem(x)), 1e-9)
            # how many people of the population may bear this name: ≤ 0.1 → rare (1.0), ≥ 10 → common (0.0)
            expected = max(share * population, 1e-9)
            rarity = min(max(0.5 - math.log10(expected) / 2.0, 0.0), 1.0)
        name_pts = p["name_exact_min"] + rarity * (p["name_exact_max"] - p["name_exact_min"])
        if frequency is not None and expected > 10:  # a very common name: many namesakes to tell apart
            name_pts -= p["name_common_penalty"] * math.log10(expected / 10)
    else:
        name_pts = p[f"name_{level}"]
    if len(names.aligned) == 1 and level in ("exact", "close"):
        name_pts -= 2.0  # one shared name word only
    name_pts += p["name_extra_token"] * min(names.extra, 2)
    points += name_pts
    explanation["name"] = {"level": level, "similarity": round(weakest, 3), "points": round(name_pts, 2)}

    dob = compare_dates(a, b)
    dob_pts = {"exact": p["dob_exact"], "swapped": p["dob_swapped"], "near": p["dob_near"], "year": p["dob_year"],
               "same_year_other_day": p["dob_same_year_other_day"], "other_year": p["dob_other_year"],
               "missing": 0.0}[dob]
    if dob == "year" and (a.birth_date or b.birth_date):
        dob = "year_only"
    points += dob_pts
    explanation["birth_date"] = {"level": dob, "points": dob_pts}

    doc = compare_documents(a.document, b.document)
    doc_pts = {"exact": p["doc_exact"], "near": p["doc_near"], "different": p["doc_different"], "missing": 0.0}[doc]
    points += doc_pts
    explanation["document"] = {"level": doc, "points": doc_pts}

    if a.phone and b.phone and a.phone == b.phone:
        points += p["phone_exact"]
        explanation["phone"] = {"level": "exact", "points": p["phone_exact"]}

    if a.nationality and b.nationality:
        same = a.nationality == b.nationality
        nat_pts = p["nat_same"] if same else p["nat_different"]
        points += nat_pts
        explanation["nationality"] = {"level": "same" if same else "different", "points": nat_pts}

    if a.patronymic and b.patronymic:
        same = _sim(a.patronymic, b.patronymic) >= 0.8
        pat_pts = p["patronymic_same"] if same else p["patronymic_different"]
        points += pat_pts
        explanation["patronymic"] = {"level": "same" if same else "different", "points": pat_pts}

    score = 1.0 / (1.0 + math.exp(-points))
    return MatchResult(round(score, 4), round(points, 2), explanation)


# ---- blocking ---------------------------------------------------------------------------------------

def name_keys(profile: Profile) -> list[str]:
    return sorted({s[:4] for s in profile.stems if s})


def blocking_keys(profile: Profile) -> list[str]:
    """Keys under which candidate pairs meet; the prefix tells the kind.

    d: document, p: phone, b: a name prefix with the birth date (day and month in either order),
    y: two name prefixes with the birth year, t: one name prefix with the year (typo fallback, small
    blocks only), n: two name prefixes (no date; small blocks only).
    """
    keys = set()
    if len(profile.document) >= 6:
        keys.add(f"d:{profile.document}")
    if len(profile.phone) >= 9:
        keys.add(f"p:{profile.phone}")
    prefixes = name_keys(profile)
    pairs = [f"{x}:{y}" for x, y in combinations(prefixes, 2)]
    year = profile.birth_year
    if profile.birth_date:
        d = profile.birth_date
        day_month = "-".join(str(v) for v in sorted((d.month, d.day)))
        keys.update(f"b:{k}:{d.year}:{day_month}" for k in prefixes)
    if year:
        keys.update(f"y:{pair}:{year}" for pair in pairs)
        keys.update(f"t:{k}:{year}" for k in prefixes)
    keys.update(f"n:{pair}" for pair in pairs)
    return sorted(keys)


def frequency_keys(profile: Profile) -> list[str]:
    """One key per distinct name stem, counted to weigh common names down."""
    return sorted({f"f:{s}" for s in profile.stems if s})


BLOCK_CAPS = {"n": NAME_BLOCK_CAP, "t": NAME_BLOCK_CAP, "y": YEAR_BLOCK_CAP, "b": YEAR_BLOCK_CAP}


def block_cap(key: str) -> int | None:
    """The largest block of this kind still searched (None: no limit)."""
    return BLOCK_CAPS.get(key[:1])


# ---- in-memory matcher (full re-scan, evaluation, benchmark) -----------------------------------------

class Matcher:
    """Holds profiles and their blocks; finds candidate pairs and scores them."""

    def __init__(self, threshold: float = DEFAULT_THRESHOLD) -> None:
        self.threshold = threshold
        self.profiles: dict[str, Profile] = {}
        self.blocks: dict[str, list[str]] = defaultdict(list)
        self.stem_counts: Counter[str] = Counter()

    def add(self, profile: Profile) -> None:
        self.profiles[profile.record_id] = profile
        for key in blocking_keys(profile):
            self.blocks[key].append(profile.record_id)
        self.stem_counts.update({s for s in profile.stems if s})

    def extend(self, profiles: Iterable[Profile]) -> None:
        for profile in profiles:
            self.add(profile)

    def frequency(self, token_stem: str) -> float:
        return (self.stem_counts.get(token_stem, 0) + 1) / (len(self.profiles) + 1)

    def candidate_pairs(self) -> Iterator[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        for key, ids in self.blocks.items():
            cap = block_cap(key)
            if len(ids) < 2 or (cap is not None and len(ids) > cap):
                continue
            for x, y in combinations(ids, 2):
                pair = (x, y) if x < y else (y, x)
                if pair not in seen:
                    seen.add(pair)
                    yield pair

    def candidates_for(self, profile: Profile) -> set[str]:
        found: set[str] = set()
        for key in blocking_keys(profile):
            ids = self.blocks.get(key, ())
            cap = block_cap(key)
            if cap is not None and len(ids) > cap:
                continue
            found.update(ids)
        found.discard(profile.record_id)
        return found

    def score(self, a: Profile, b: Profile) -> MatchResult:
        return score_pair(a, b, self.frequency, len(self.profiles))

    def match_all(self) -> Iterator[tuple[str, str, MatchResult]]:
        """Every candidate pair at or above the threshold."""
        for x, y in self.candidate_pairs():
            result = self.score(self.profiles[x], self.profiles[y])
            if result.score >= self.threshold:
                yield x, y, result

    def match_one(self, profile: Profile) -> list[tuple[str, MatchResult]]:
        """Incremental: the new profile against the indexed ones."""
        out = []
        for other in self.candidates_for(profile):
            result = self.score(profile, self.profiles[other])
            if result.score >= self.threshold:
                out.append((other, result))
        return out
