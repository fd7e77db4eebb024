"""Repeat-suspect matching: blocking keys, pair scoring with an explanation, and an in-memory matcher.

Scoring is a Fellegi–Sunter-style sum of evidence (log-odds points) per field, with a term-frequency
adjustment on names (a shared common name is weak evidence, a shared rare name strong), then turned
into a 0–1 score. A pair is flagged when the score reaches the threshold (settings.INTELLIGENCE_MATCH_THRESHOLD,
default `DEFAULT_THRESHOLD`).

Blocking keeps the work linear: candidate pairs share a document number, a phone, a name prefix with the
birth date, or (in small blocks only) two name prefixes, the whole name, or one of the typo-tolerant keys
(see `blocking_keys`); oversized blocks (very common names) are skipped because a common name alone never
decides a match. (Two prefixes with the year and one prefix with the year found no true pair that the
typo-tolerant keys miss, so they were dropped.)
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property, lru_cache
from itertools import combinations
from pathlib import Path

from rapidfuzz.distance import OSA, Levenshtein

from .chinese import pinyin_syllables
from .normalize import MUHAMMAD, Profile, document_kind, primary, readings_of, stem, word_readings

DEFAULT_THRESHOLD = 0.5
NAME_BLOCK_CAP = 40  # name-pair, typo-with-year and initial blocks larger than this are skipped
YEAR_BLOCK_CAP = 400  # a name prefix with the whole birth date
TYPO_BLOCK_CAP = 12  # typo-tolerant keys without a date: only tiny blocks, so pairs stay near linear
# log-odds ceiling of a contested name (two holders) without agreeing evidence, and of contradicting dates
CONTESTED_MAX_POINTS = -2.0
SIGNATURE_BLOCK_CAP = 30  # records of one whole name (all stems): beyond this a name alone decides nothing

_VOWELS = re.compile(r"[aeiou]+")
# Vowel changes of Russified spellings: Kyrgyz/Kazakh ө written о, ё or е, ү written у or ю (both fold to
# u), Kazakh ұ/ү confused, and the Uzbek/Tajik о that Russian writes а (Тошкент/Ташкент, Ғофур/Гафур).
_RUSSIFIED = {frozenset(p) for p in ("oe", "oa", "ou", "ue", "ui")}
# Short vowels of Arabic and Persian names, which Latin spellings render freely (Ahmad/Ahmed,
# Hossein/Husain, Mehdi/Mahdi): one such change inside the word, never at its start (Asan and Esen, Aidar
# and Eldar are other names).
_SHORT_VOWELS = {frozenset(p) for p in ("ae", "ie")}
# Russian writes the h of Arabic, Persian and Turkic names as г (Гусейн = Hussain, Ибрагим = Ibrahim,
# Гасан = Hasan), and Turkmen Latin g at a word's start as к (Gurbanguly = Курбангулы): one g/k change.
_G_FOR_H = frozenset("gk")


def _russified_variant(a: str, b: str) -> bool:
    """Same consonants in the same order (g and k counted alike once), the vowels differing only by
    Russified changes or one short-vowel change of an Arabic or Persian name."""
    if len(a) != len(b) or len(a) < 4:
        return False
    diffs = [(i, frozenset((x, y))) for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    if not 0 < len(diffs) <= 3:
        return False
    short = g_for_h = 0
    for i, d in diffs:
        if d in _RUSSIFIED:
            continue
        if d in _SHORT_VOWELS and i > 0:
            short += 1
        elif d == _G_FOR_H:
            g_for_h += 1
        else:
            return False
    return short <= 1 and g_for_h <= 1


# Turkish and Turkmen records typed without the national letters write ş as s (Şahin = Sahin, Шахин),
# while every other spelling has sh (folded sk): a word that agrees once each sh is read as s
_SH = re.compile(r"sk")


def _ascii_variant(a: str, b: str) -> bool:
    return len(a) >= 4 and ("sk" in a) != ("sk" in b) and _SH.sub("s", a) == _SH.sub("s", b)


_ZODA = ("zoda", "zade", "zada")


# Hasan (حسن) and Husayn (حسين), the Prophet's two grandsons, are two names, the pair given to twin brothers
# across the Muslim world: Uzbek Ҳасан / Ҳусан, Tajik Ҳасан / Ҳусейн, Turkish Hasan / Hüseyin, Urdu Hasan /
# Husain. One vowel apart as folded (kasan, kusan), they are not a typo of each other, nor are their
# surnames (Хасанов, Хусанов). Folded forms: х/h/kh read k, г (Гасан, Гусейн) g.
_HASAN = frozenset({"kasan", "gasan"})
_HUSAYN = frozenset({"kusan", "kusain", "kusein", "kosein", "gusein", "gusain", "kusen"})


def _twin_names(a: str, b: str) -> bool:
    forms_a, forms_b = {a, stem(a)}, {b, stem(b)}
    return bool((forms_a & _HASAN and forms_b & _HUSAYN) or (forms_a & _HUSAYN and forms_b & _HASAN))


def _sim_one(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if _twin_names(a, b):
        return 0.5
    whole = OSA.normalized_similarity(a, b)
    if _russified_variant(a, b) or _ascii_variant(a, b):
        whole = max(whole, 0.93)
    sa, sb = stem(a), stem(b)
    if sa == sb or (len(b) >= 4 and sa == b and a.endswith(_ZODA)) or (len(a) >= 4 and sb == a and b.endswith(_ZODA)):
        # the bare root of a Tajik surname (Ҳусейн, Шариф) against its -зода or -ов form: one family name,
        # even when the root itself ends like a surname ending (Husein: -in) and its own stem is shorter
        return max(whole, 0.97)
    return max(whole, OSA.normalized_similarity(sa, sb) - 0.03)


def _pinyin_latin(syllables: str) -> str:
    return syllables.replace("x", "s").replace("q", "ch")


@lru_cache(maxsize=500_000)
def _sim(a: str, b: str) -> float:
    """Best similarity over the two tokens' readings. Two Chinese readings are compared as syllables: equal
    or different (Zhou ≠ Zhu), never as a near spelling."""
    if a == b:
        return 1.0
    ra, rb = readings_of(a), readings_of(b)
    ca = [r for r in ra if r.startswith("~")]
    cb = [r for r in rb if r.startswith("~")]
    if ca and cb:
        return 1.0 if set(ca) & set(cb) else 0.3
    latin_a = [r for r in ra if not r.startswith("~")]
    latin_b = [r for r in rb if not r.startswith("~")]
    if ca != cb:
        # a Chinese word on one record only (Чжан of Чжан Вэйянь against ZHANG of ZHANG VEIYAN, a name whose
        # other word's typo kept it from reading as pinyin): its pinyin as the other record's Latin spells it
        # (pinyin x and q are the palatal s and ch, not the x of other Latin spellings: Xu is Сюй, not Ху)
        latin_a += [r for x in ca for r in word_readings(_pinyin_latin(x[1:])) if r not in latin_a]
        latin_b += [r for y in cb for r in word_readings(_pinyin_latin(y[1:])) if r not in latin_b]
    best = 0.0
    for i, x in enumerate(latin_a):
        for j, y in enumerate(latin_b):
            value = _sim_one(x, y) - (0.01 if i or j else 0.0)  # a secondary reading is a little weaker
            best = max(best, value)
    return best


def _spelling_variant(a: str, b: str) -> bool:
    """Any two readings are a Russified, short-vowel, g/h or s/sh variant of each other (see `_sim_one`)."""
    return any(_russified_variant(x, y) or _ascii_variant(x, y) for x in readings_of(a) for y in readings_of(b)
               if not x.startswith("~") and not y.startswith("~"))


# Second elements of Central Asian compound names as their stems show them: -али, -бек, -бай, -кул, -жан/-жон,
# -мурод, -назар, -хан (Токтосуналиев → toktosunal, Сарсенбаев → sarsenba once -ев is stripped)
_NAME_ELEMENTS = {"al", "ali", "ba", "bai", "bek", "kul", "jan", "jon", "murod", "murat", "nazar", "kan"}


def _element_added(a: str, b: str) -> bool:
    """One stem is the other with a whole second element added (Токтосун-али-ев and Токтосунов, Бекмухамбет-
    жан-ов and Бекмухамбетов): Central Asian names are compounds of a root and -али, -бек, -бай, -жан, -кул,
    and the two are names of different families, not a typo (a typo adds one letter)."""
    sa, sb = stem(primary(a)), stem(primary(b))
    short, long_ = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(short) >= 4 and long_.startswith(short) and long_[len(short):] in _NAME_ELEMENTS


def _edits(a: str, b: str) -> int:
    a, b = primary(a), primary(b)
    return min(OSA.distance(a, b), OSA.distance(stem(a), stem(b)))


@dataclass
class NameComparison:
    aligned: list[tuple[str, str, float]]
    extra: int
    initials: str = ""  # "agree" | "differ" | "" (an initial compared with an unaligned full name)
    surname_misplaced: bool = False  # see `_compare_names`
    chinese: bool = False  # both names read as Chinese syllables
    chinese_slip: bool = False  # a date or document agrees: one letter off in one syllable is a slip (`pair_features`)

    @property
    def weakest(self) -> float:
        return min((s for _, _, s in self.aligned), default=0.0)

    @cached_property
    def level(self) -> str:
        """exact | close | fuzzy | different | missing, judged on the weakest aligned word.

        A single edit is a typo in a word of five letters or more, but a different name in a short one
        (Ali/Alu, Li/Lu)."""
        if not self.aligned:
            return "missing"
        x, y, sim = min(self.aligned, key=lambda t: t[2])
        if sim >= 0.96:
            return "exact"
        if any(r.startswith("~") for r in readings_of(x)) and any(r.startswith("~") for r in readings_of(y)):
            if self.chinese_slip and self._syllable_slip(x, y):
                return "fuzzy"
            return "different"
        if _element_added(x, y) or any(_twin_names(u, v) for u in readings_of(x) for v in readings_of(y)):
            return "different"
        edits = _edits(x, y)
        shortest = min(len(primary(x)), len(primary(y)))
        if sim >= 0.85 or (edits <= 1 and shortest >= 5):
            return "close"
        if sim >= 0.7 or (edits == 2 and shortest >= 6):
            return "fuzzy"
        px, py = primary(x), primary(y)
        if (edits == 2 and shortest >= 5 and len(self.aligned) >= 2 and px[0] == py[0] and px[-1] == py[-1]
                and sorted(s for _, _, s in self.aligned)[1] >= 0.96):
            # two typos inside a word of five letters (Мырст for Мурат: first and last letters kept) while the
            # other words agree exactly: weak agreement, for the date or document to decide. A changed ending
            # is another name (Айзада, Айзат)
            return "fuzzy"
        return "different"

    def _syllable_slip(self, x: str, y: str) -> bool:
        """One letter apart in a pinyin word of four letters or more (Sheng, Zheng), the other words equal;
        short syllables one letter apart (Zhou, Zhu; Wang, Wan) stay different names."""
        if len(self.aligned) < 2 or sorted(s for _, _, s in self.aligned)[1] < 0.96:
            return False
        px = [r[1:] for r in readings_of(x) if r.startswith("~")]
        py = [r[1:] for r in readings_of(y) if r.startswith("~")]
        return any(min(len(u), len(v)) >= 4 and Levenshtein.distance(u, v) <= 1 for u in px for v in py)

    @cached_property
    def features(self) -> dict[str, float]:
        """The name's evidence features that do not depend on the population (`pair_features` adds the
        rarity, holders and frequent-variant features)."""
        f: dict[str, float] = {}
        level = self.level
        strong = level == "exact" or (level == "close" and self.long_single_edit)
        if level != "missing":
            # one edit in a word of 7+ letters is a typo, nearly as strong as exact (its own weight)
            f["name_close_long" if strong and level == "close" else f"name_{level}"] = 1.0
        if level in ("exact", "close"):
            # how much of the name agrees: the whole name of three words or more (surname, given name and
            # patronymic or the father's name of "X uulu"), or a single word against an initial or nothing
            if len(self.aligned) >= 3 and self.extra == 0:
                f["name_full"] = 1.0
            elif len(self.aligned) == 1 and self.initials != "agree":
                f["name_one_word"] = 1.0
        if self.extra:
            f["name_extra_word"] = float(min(self.extra, 2))
            if self.chinese:
                # a Chinese name is one surname syllable and a given name of one or two: a syllable more
                # is another given name (Huang Yan ≠ Huang Xiaoyan), not a middle name left out
                f["name_extra_chinese"] = 1.0
        if level in ("close", "fuzzy"):
            # how far the weakest word is from the other (0.8 similarity is 0), and whether every other
            # word agrees exactly: one damaged word in a name whose other words agree (Fruk Mirzomurodzoda,
            # Faruk Mirzomurodov) is a typo more often than another person. A "different" word stays a
            # flat contradiction: twins share surname and birth date and differ in the given name only.
            f["name_weakest_similarity"] = round((self.weakest - 0.8) * 10.0, 1)
            if len(self.aligned) >= 2 and sorted(s for _, _, s in self.aligned)[1] >= 0.96:
                f["name_others_exact"] = 1.0
        if _roles_swapped(self.aligned) or self.surname_misplaced:
            # Central Asian surnames are the father's name with -ов/-ев/-зода: "Өскөн Нурланов" (Өскөн,
            # son of Нурлан) and "Өскөнов Нурлан" (Нурлан, son of Өскөн) are a son and his father
            f["name_roles_swapped"] = 1.0
        if _sexes_differ(self.aligned):
            # a Russian-style surname agrees with its bearer's sex: Максатова and Максатов are sister and
            # brother (or wife and husband), and clerks do not change the ending
            f["name_sex_differs"] = 1.0
        if self.initials:
            f[f"initials_{self.initials}"] = 1.0
        return f

    @cached_property
    def long_single_edit(self) -> bool:
        """The weakest word differs by one edit and is long (≥ 7 letters): nearly as strong as exact."""
        if not self.aligned:
            return False
        x, y, _ = min(self.aligned, key=lambda t: t[2])
        return _edits(x, y) <= 1 and min(len(primary(x)), len(primary(y))) >= 7


def _joined_variants(tokens: list[str]) -> list[list[str]]:
    """The token list and, for each neighbouring pair, the list with the pair written as one word
    (Jian Guo = Jianguo, Abdu Rakhman = Abdurakhman), in both orders."""
    out = [tokens]
    for i in range(len(tokens) - 1):
        x, y = tokens[i], tokens[i + 1]
        # the syllables of a Chinese given name keep their order whichever side the surname is written on:
        # Zhi Jun is Zhijun, never Junzhi (another name), so two pinyin syllables join in their order only
        orders = ((x, y),) if _chinese([x, y]) else ((x, y), (y, x))
        for first, second in orders:
            joined = "|".join(
                [primary(first) + primary(second)]
                + [f"~{a[1:]}{b[1:]}" for a in readings_of(first) for b in readings_of(second)
                   if a.startswith("~") and b.startswith("~")][:1]
            )
            out.append(tokens[:i] + [joined] + tokens[i + 2:])
    return out


def _align(a: list[str], b: list[str]) -> NameComparison:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1:
        best = max(((_sim(short[0], y), y) for y in long_), key=lambda t: t[0])
        return NameComparison([(short[0], best[1], best[0])], len(long_) - 1)
    scored = [(_sim(x, y), i, j) for i, x in enumerate(short) for j, y in enumerate(long_)]
    scored.sort(reverse=True)
    used_i: set[int] = set()
    used_j: set[int] = set()
    aligned = []
    for s, i, j in scored:
        if i in used_i or j in used_j:
            continue
        used_i.add(i)
        used_j.add(j)
        aligned.append((short[i], long_[j], s))
        if len(aligned) == len(short):
            break
    return NameComparison(aligned, len(long_) - len(short))


def _equal_words(names: NameComparison) -> int:
    return sum(1 for _, _, s in names.aligned if s >= 0.96)


def compare_names(a: list[str], b: list[str], initials_a: list[str] = (), initials_b: list[str] = ()
                  ) -> NameComparison:
    """See `_compare_names`; cached on the token lists (repeated spellings are common)."""
    return _compare_names(tuple(a), tuple(b), tuple(initials_a), tuple(initials_b))


@lru_cache(maxsize=200_000)
def _compare_names(a: tuple[str, ...], b: tuple[str, ...], initials_a: tuple[str, ...] = (),
                   initials_b: tuple[str, ...] = ()) -> NameComparison:
    """Align name tokens regardless of order: best one-to-one pairing by similarity; when the word counts
    differ, also with two neighbouring words of the longer name written as one."""
    if not a or not b:
        return NameComparison([], 0)
    a, b = list(a), list(b)
    chinese = _chinese(a) and _chinese(b)
    best = _align(a, b)
    if len(a) != len(b):
        longer, shorter = (a, b) if len(a) > len(b) else (b, a)
        for variant in _joined_variants(longer)[1:]:
            candidate = _align(variant, shorter)
            if (len(candidate.aligned), candidate.weakest) > (len(best.aligned), best.weakest) or (
                    candidate.weakest > best.weakest + 0.05 and len(candidate.aligned) >= len(best.aligned)) or (
                    # a Chinese given name split or joined (Bin-Yan, Binyan) is one name, whatever the surname
                    chinese and candidate.weakest >= best.weakest and len(candidate.aligned) >= len(best.aligned)
                    and (_equal_words(candidate), -candidate.extra) > (_equal_words(best), -best.extra)):
                best = candidate
    best.chinese = chinese
    if best.extra:
        # Muhammad before a South Asian given name (Muhammad Imran) is a devotional name that records write,
        # abbreviate or leave out: left over unaligned it is no extra word
        used = {t for pair in best.aligned for t in pair[:2]}
        best.extra -= sum(1 for t in (a if len(a) > len(b) else b) if t not in used and primary(t) == MUHAMMAD)
    # initials (Токтогулов Б. А.) against the full names the other side has and this side lacks
    for mine, theirs in ((initials_a, b), (initials_b, a)):
        if not mine:
            continue
        used = {t for pair in best.aligned for t in pair[:2]}
        unaligned = [t for t in theirs if t not in used]
        if unaligned:
            # initials are written in the order of the words they stand for (Токтогулов Б. А. = Бакыт
            # Асанович): the first is the given name's, the next the patronymic's, so the given name the
            # other record spells out must begin with the first initial (Egorov M. I. is not Egorov Igor).
            # A digraph initial (Zh., Sh., Ch., Yu.; Ж., Ш., Ч., Ю. fold to the same letters) must begin the
            # word in full: Sh. is Sherzod, not Sergei.
            best.initials = "agree" if _initial_begins(mine[0], unaligned) else "differ"
            # "Нурланова Ж." is a surname with an initial: its one full word is the surname, so it cannot be
            # the given name of "Жаксылыков Нурлан" (Nurlan's daughter is Нурланова) when the other record's
            # surname, the word with the -ов/-ова ending, is left over for the initial
            if len(best.aligned) == 1:
                x, y, _ = best.aligned[0]
                mine_word = x if x not in theirs else y
                if _ending(mine_word)[0] and any(_ending(t)[0] for t in unaligned) and not _ending(
                        y if mine_word == x else x)[0]:
                    best.surname_misplaced = True
    if initials_a and initials_b and not best.initials and len(a) == len(b):
        # both records abbreviate the same given name (Жумабеков Ж. А. = Zhumabekov Zh. A.): the initials
        # agree when the first stands for the same letters, a one-letter one for the start of a digraph
        x, y = initials_a[0], initials_b[0]
        best.initials = "agree" if x.startswith(y) or y.startswith(x) else "differ"
    return best


# Word-initial vowels that Russified spellings change: Ө written О or Е, Ә written А or Е, Uzbek/Tajik О
# written А (Ү written У or Ю folds to u either way)
_RUSSIFIED_INITIAL = {frozenset(p) for p in ("oe", "ae", "oa")}


def _initial_begins(initial: str, words: list[str]) -> bool:
    """The initial begins one of the words. A vowel initial also stands for its Russified vowels: Өскөн is
    written Оскон or Ескен, so his initial is О. or Е., as the word's own first vowel may be."""
    for token in words:
        for r in readings_of(token):
            if r.startswith("~"):
                continue
            if r.startswith(initial) or (len(initial) == 1 and frozenset((initial, r[:1])) in _RUSSIFIED_INITIAL):
                return True
    return False


def compare_dates(a: Profile, b: Profile) -> str:
    """exact | swapped | near | year | year_near | same_year_other_day | other_year | missing.

    A year one off (a year written from an age, or a 31 Dec / 1 Jan slip) is weak agreement, not a
    contradiction."""
    if a.birth_date and b.birth_date:
        x, y = a.birth_date, b.birth_date
        if x == y:
            return "exact"
        if x.year == y.year and x.day == y.month and x.month == y.day:
            return "swapped"
        if abs((x - y).days) <= 1:
            return "near"  # a day apart (31 December and 1 January, a date written around midnight)
        if (x.month, x.day) == (1, 1) or (y.month, y.day) == (1, 1):
            # 1 January stands for "day and month unknown" in Soviet-era and Central Asian passports and
            # in the Afghan tazkira: against a full date it says only the year. Checked before the clerk's
            # slips: such a date carries its four year digits only, so 1964-01-01 and 1969-01-01 are two
            # estimated years five apart, not a full date with one digit mistyped, and 1956-09-01 against
            # 1956-01-01 agrees on the year alone
            if x.year == y.year:
                return "year"
            return "year_near" if abs(x.year - y.year) == 1 else "other_year"
        if _one_digit_apart(x, y):
            return "near"
        if x.year == y.year:
            return "same_year_other_day"
        return "year_near" if abs(x.year - y.year) == 1 and (x.month, x.day) == (y.month, y.day) else "other_year"
    if a.birth_year and b.birth_year:
        if a.birth_year == b.birth_year:
            return "year"
        return "year_near" if abs(a.birth_year - b.birth_year) == 1 else "other_year"
    return "missing"


def _one_digit_apart(x: date, y: date) -> bool:
    return Levenshtein.distance(x.isoformat(), y.isoformat()) == 1


def compare_documents(a: str, b: str, kind_a: str = "", kind_b: str = "") -> str:
    """exact | near | different | missing. Two documents of different kinds (a passport and a personal
    number, an ID card and a passport) say nothing about each other: a person holds several."""
    if not a or not b or len(a) < 5 or len(b) < 5:
        return "missing"
    if a == b:
        return "exact"
    kind_a, kind_b = kind_a or document_kind(a), kind_b or document_kind(b)
    # a personal number's format is unmistakable, so a number of no such format (a passport, an ID card)
    # against a personal number is another kind of document even when no type was recorded
    if kind_a != kind_b:
        return "missing"
    if Levenshtein.distance(a, b) == 1:
        return "near"
    sa, sb = _SERIES.match(a).group(), _SERIES.match(b).group()
    if sa != sb and not (len(sa) == len(sb) == 2 and len(a) == len(b) and "ID" not in (sa, sb)):
        # another series letters (AC and ID, N and none, EA and G): a passport against an ID card, or the
        # passports of two countries; a person holds several, so the numbers say nothing about each other.
        # Two series of one format (two letters and as many digits: Uzbek AA, AB, AC, FA; Kyrgyz AN, AC;
        # Chinese EA, EB) are successive issues of one country's passport, and a person holds one valid
        # passport at a time: a different number there is another passport, as within one series (the
        # fitted weight, not a rule, so a renewed passport with an agreeing date still links)
        return "missing"
    return "different"


_SERIES = re.compile(r"[A-Z]*")


@dataclass
class MatchResult:
    score: float
    points: float
    levels: dict = field(default_factory=dict, repr=False)
    features: dict = field(default_factory=dict, repr=False)

    def is_match(self, threshold: float = DEFAULT_THRESHOLD) -> bool:
        return self.score >= threshold

    @cached_property
    def explanation(self) -> dict:
        """Each field's agreement level and the points it gave (built when asked: most pairs never are)."""
        weights = fitted_weights()
        by_field = dict.fromkeys(self.levels, 0.0)
        for name, value in self.features.items():
            by_field[_field_of(name)] += weights.get(name, 0.0) * value
        out = {key: dict(detail) for key, detail in self.levels.items()}
        for key, detail in out.items():
            detail["points"] = round(by_field[key], 2)
        return out


FrequencyFn = Callable[[str], float]

WEIGHTS_FILE = Path(__file__).resolve().parent / "data" / "match_weights.json"

# Which explanation field each evidence feature belongs to (the flag page shows points per field).
_FIELD_OF = {"name": "name", "initials": "name", "dob": "birth_date", "doc": "document", "phone": "phone",
             "nat": "nationality", "patronymic": "patronymic"}
_NEIGHBOURS = frozenset({"KZ", "KG", "UZ", "TJ", "TM", "CN", "RU", "AF", "MN"})
_AGREEING_DATES = ("exact", "swapped", "near", "year", "year_only")


_FIELD_CACHE: dict[str, str] = {}


def _field_of(feature: str) -> str:
    field_ = _FIELD_CACHE.get(feature)
    if field_ is None:
        field_ = _FIELD_CACHE[feature] = _FIELD_OF[feature.split("_", 1)[0]]
    return field_


@lru_cache(maxsize=1)
def fitted_weights() -> dict[str, float]:
    """The evidence weights (log-odds points) fitted by `intelligence.fitting` and stored with their seed
    and date in `intelligence/data/match_weights.json`; the bias already carries the fitted threshold, so a
    score of 0.5 is the cut that gave the best F1 on the fitting set."""
    with open(WEIGHTS_FILE, encoding="utf-8") as fh:
        return dict(json.load(fh)["weights"])


_ANCESTOR_END = re.compile(r"(ov|ev|ova|eva|zoda|zade|(?<=[a-z]{4})zada)$")  # Айзада is a given name (see stem)
_FEMALE_END = re.compile(r"(ova|eva)$")
_MALE_END = re.compile(r"(ov|ev)$")


def _chinese(tokens: list[str]) -> bool:
    return bool(tokens) and all(any(r.startswith("~") for r in readings_of(t)) for t in tokens)


@lru_cache(maxsize=200_000)
def _ending(token: str) -> tuple[bool, str]:
    """(carries an ancestor ending, the sex its surname ending shows: "f", "m" or "")."""
    word = primary(token)
    sex = "f" if _FEMALE_END.search(word) else "m" if _MALE_END.search(word) else ""
    return bool(_ANCESTOR_END.search(word)), sex


def _roles_swapped(aligned: list[tuple[str, str, float]]) -> bool:
    """One aligned word carries the ancestor ending on the first record only, another on the second only."""
    first = second = False
    for x, y, _ in aligned:
        ex, ey = _ending(x)[0], _ending(y)[0]
        first, second = first or (ex and not ey), second or (ey and not ex)
    return first and second


def _fathers_swapped(a: Profile, b: Profile) -> bool:
    """`a` is "F uulu G" and `b` names F as the son: "F uulu G'" with G' ≠ F's son, or "Gov F"."""
    if not a.father or len(a.tokens) != 2 or len(b.tokens) != 2:
        return False
    given = a.tokens[1] if a.tokens[0] == a.father else a.tokens[0]
    if _sim(given, a.father) >= 0.9:
        return False  # named after his father (Бауыржан Бауыржанұлы): the two roles read the same either way
    if b.father:
        return _sim(a.father, b.father) < 0.8
    for surname, name in (b.tokens, b.tokens[::-1]):
        if (_ending(surname)[0] and not _ending(name)[0] and _sim(surname, given) >= 0.9
                and _sim(name, a.father) >= 0.9):
            return True
    return False


def _father_roles(a: Profile, b: Profile) -> tuple[list[str], list[str], str, str]:
    """The tokens and patronymics to compare when one record names the father with a particle and the
    other does not name him the same way (see `pair_features` for "X uulu" against a matching -ович).

    The father's word of "Нурлан уулу Адилет", "Дауренұлы Самат", "Рустам Шухрат ўғли" is the patronymic's
    role, not a name of the man himself:
    - against a Russian-style patronymic of another name (Рустамов Шухрат Улугбекович: father Улугбек),
      the father's word is that record's patronymic and the two differ: it must not stand in for the
      given name Шухрат (Мирзаев Рустам Шухрат ўғли is Рустам, son of Шухрат);
    - against a surname in -ов/-ев that is not the father's name and no patronymic (Адилет Бакытбеков,
      Сейтов Самат), the surname is the grandfather's or another ancestor's name made a surname, which the
      "uulu" form does not carry: the father's word is left out rather than read as a contradicting
      surname, so the given names alone are compared (the surname stays an extra word)."""
    tokens_a, tokens_b, patronymic_a, patronymic_b = a.tokens, b.tokens, a.patronymic, b.patronymic
    for mine, other, swap in ((a, b, False), (b, a, True)):
        if not mine.father or other.father or len(mine.tokens) < 2 or len(other.tokens) < 2:
            continue
        own = [t for t in mine.tokens if t != mine.father]
        if not own or len(own) == len(mine.tokens):
            continue
        if other.patronymic:
            if _sim(mine.father, other.patronymic) >= 0.8:
                continue
            mine_tokens, mine_patronymic = own, mine.father
        else:
            surnames = [t for t in other.tokens if _ending(t)[0]]
            # the other's surname is this record's given name with -ов (Элдияров against Элдияр): his son
            # or father, which `_fathers_swapped` tells; unless this record carries that surname too
            swapped = any(_sim(surname, t) >= 0.8 and not any(_sim(surname, u) >= 0.96 for u in own if _ending(u)[0])
                          for surname in surnames for t in own if not _ending(t)[0])
            if swapped or any(_sim(t, mine.father) >= 0.8 for t in other.tokens):
                continue
            mine_tokens, mine_patronymic = own, mine.patronymic
        if swap:
            tokens_b, patronymic_b = mine_tokens, mine_patronymic
        else:
            tokens_a, patronymic_a = mine_tokens, mine_patronymic
        break
    return tokens_a, tokens_b, patronymic_a, patronymic_b


def _father_misplaced(a: Profile, b: Profile, names: NameComparison) -> bool:
    """Both records name a father ("X uulu", "Xұлы", "X o'g'li") and one record's father is the other's own
    name: "Мирлан уулу Т." (Т., son of Мирлан) is the son of "Мирлан Толонбек уулу" (Мирлан, son of
    Толонбек), "GABITULY A." the son of "ASKHATULY GABIT", not the man himself."""
    if not a.father or not b.father:
        return False
    for x, y, sim in names.aligned:
        if sim < 0.9:
            continue
        mine, theirs = (x, y) if x in a.tokens and y in b.tokens else (y, x)
        if (mine == a.father) != (theirs == b.father):
            return True
    return False


def _father_for_self(mine: Profile, other: Profile, mine_tokens: list[str], names: NameComparison) -> bool:
    """`mine` names a father with a particle ("Рахимов Джамшид Фаррух угли", "Тёлеуов Ербол Аскарұлы",
    "Азамат уулу К.") and the other record, which names no father, has that father's name as its own
    given name (Рахимов Фаррух) while the man's own given name (Джамшид, Ербол, К.) is nowhere in it.

    A record leaves out the patronymic often, the bearer's own given name never: the shorter record names
    the father (or a namesake of his), not the son. The particle marks that word as another man's name, so
    the two agree on the surname and on the father only, as a father and son do."""
    if not mine.father or other.father or mine.father not in mine_tokens:
        return False
    partner = None
    aligned_words: set[str] = set()
    for x, y, sim in names.aligned:
        aligned_words.update((x, y))
        if sim >= 0.8 and mine.father in (x, y):
            partner = y if x == mine.father else x
    if partner is None:
        return False
    own = [t for t in mine_tokens if t != mine.father and not _ending(t)[0]]
    if any(t not in aligned_words for t in own):
        return True  # the own given name has no counterpart (an extra word of this record)
    if not own and mine.initials:
        # "Азамат уулу К.": the initial is the man's own given name; the other record has no such word (a
        # surname, Жапаров against "Нурбек уулу Ж.", is not the given name the initial stands for)
        unaligned = [t for t in other.tokens if t not in aligned_words and not _ending(t)[0]]
        return not any(primary(t).startswith(i) for i in mine.initials for t in unaligned)
    return False


def _family_article(token: str) -> bool:
    return primary(token).startswith("al") and len(primary(token)) >= 5


def _arab_given_misplaced(a: list[str], b: list[str], names: NameComparison) -> bool:
    """Two Arab name chains (given name, father, grandfather, al-family) whose given names are not aligned.

    A shorter chain leaves out the father or grandfather, never the given name: "Hamad Al Kuwari" is not
    "Maryam (bint) Hamad Al Kuwari", whose father he may be. The given name is the first word that is not the
    family name (the family may be written first: Al Mazrouei Abdullah)."""
    if not names.aligned:
        return False
    chains = []
    for tokens in (a, b):
        if len(tokens) < 2 or not (_family_article(tokens[-1]) or _family_article(tokens[0])):
            return False
        chains.append([t for t in tokens if not _family_article(t)])
    if not chains[0] or not chains[1]:
        return False
    given_a, given_b = chains[0][0], chains[1][0]
    for x, y, sim in names.aligned:
        if sim < 0.8:
            continue
        for mine, theirs in ((given_a, given_b), (given_b, given_a)):
            partner = y if x == mine else x if y == mine else None
            if partner is not None and partner != theirs:
                return True
    return False


def _sexes_differ(aligned: list[tuple[str, str, float]]) -> bool:
    return any({_ending(x)[1], _ending(y)[1]} == {"f", "m"} for x, y, _ in aligned)


def name_rarity(names: NameComparison, frequency: FrequencyFn | None, population: int) -> float:
    """−log10 of how many people of the population may bear this name by chance (the product of its
    words' shares, as if the words were chosen independently), kept within [−2, 2].

    A surname, given name and patronymic that are each rare make a name that one person in a country
    holds: agreement on it is strong evidence. A common one (Асанов Бакыт) is held by many, so agreement
    says little: 2 means "one in a hundred such populations", −2 "a hundred people here". Without a
    frequency table (a pair scored on its own) the name counts as moderately rare (1)."""
    if frequency is None:
        return 1.0
    share = 1.0
    for x, _, _ in names.aligned:
        share *= max(frequency(stem(x)), 1e-9)
    return min(max(-math.log10(max(share * population, 1e-9)), -2.0), 2.0)


def pair_features(
    a: Profile, b: Profile, frequency: FrequencyFn | None = None, population: int = 1,
    contested: int = 0, holders: int = 1,
) -> tuple[dict[str, float], dict[str, dict]]:
    """The evidence of a pair as named features (mostly 0/1) and the agreement level of each field.

    The features are what `intelligence.fitting` weighs; `score_pair` sums the weights. `holders`: how
    many indexed records bear either record's whole name (its "s:" block); `contested`: how many people at
    least hold the name (0 or False: not contested, True: two)."""
    f: dict[str, float] = {}
    levels: dict[str, dict] = {}
    tokens_a, tokens_b, patronymic_a, patronymic_b = a.tokens, b.tokens, a.patronymic, b.patronymic
    # "Асанбек уулу Нурлан" names Нурлан by his father Асанбек, as the Russian patronymic of "Токтогулов Нурлан
    # Асанбекович" does: the father's word is the patronymic there, not a surname that contradicts Токтогулов
    if a.father and b.patronymic and not b.father and len(a.tokens) > 1 and _sim(a.father, b.patronymic) >= 0.8:
        tokens_a, patronymic_a = [t for t in a.tokens if t != a.father], a.father
    elif b.father and a.patronymic and not a.father and len(b.tokens) > 1 and _sim(b.father, a.patronymic) >= 0.8:
        tokens_b, patronymic_b = [t for t in b.tokens if t != b.father], b.father
    else:
        tokens_a, tokens_b, patronymic_a, patronymic_b = _father_roles(a, b)
    names = compare_names(tokens_a, tokens_b, a.initials, b.initials)
    dob = compare_dates(a, b)
    doc = compare_documents(a.document, b.document, a.document_kind, b.document_kind)
    if names.level == "different" and names.chinese and (dob in ("exact", "swapped", "near") or doc == "exact"):
        # one letter off in one Chinese syllable makes another name (Sheng, Zheng; Wang, Wan), so alone it is
        # a different name; with the same birth date or document and the other syllables equal it is a slip
        # of the record (SHENG BINYAN, Zheng Bin-Yan): weak agreement, for the date to carry
        names = replace(names, chinese_slip=True)
    level = names.level
    f.update(names.features)
    if level == "exact" or (level == "close" and names.long_single_edit):
        f["name_rarity"] = name_rarity(names, frequency, population)
        # a name held by several records is held, as often as not, by several people: the more holders,
        # the less the name alone says (log2: 2 holders 1, 4 holders 2 ...)
        f["name_holders"] = min(math.log2(max(holders, 1)), 4.0)
    x, y, _ = min(names.aligned, key=lambda t: t[2]) if names.aligned else ("", "", 0.0)
    if level in ("close", "fuzzy") and frequency is not None and not _spelling_variant(x, y):
        # a typo makes a spelling that few records share; two spellings that are each frequent in the
        # population are two names one letter apart (Erlan and Erjan, Ulan and Ulap is a typo). Two
        # spellings of one name that differ only as transliterations do (vowels, g/h, s/sh: Ahmad and
        # Ahmed, Hussain and Гусейн) are both frequent because the name is, not because they are two names
        rarer = min(frequency(stem(x)), frequency(stem(y))) * population
        f["name_variant_common"] = min(max(math.log10(max(rarer, 1.0)), 0.0), 2.0)
    levels["name"] = {"level": level, "similarity": round(names.weakest, 3)}

    if dob == "year" and (a.birth_date or b.birth_date):
        dob = "year_only"
    if dob == "same_year_other_day":
        # one feature with "other year": two full dates that differ beyond the clerk's slips (swapped,
        # one day or one digit off) are two people whichever part differs. Fitted apart, the few namesakes
        # born in the same year left its weight weak (most such pairs already differ in the name)
        f["dob_other_year"] = 1.0
    elif dob != "missing":
        f[f"dob_{dob}"] = 1.0
    levels["birth_date"] = {"level": dob}

    if doc != "missing":
        f[f"doc_{doc}"] = 1.0
    levels["document"] = {"level": doc}

    phone = bool(a.phone and b.phone and a.phone == b.phone)
    if phone:
        f["phone_exact"] = 1.0
        levels["phone"] = {"level": "exact"}
    if a.nationality and b.nationality:
        same = a.nationality == b.nationality
        if not same and dob in ("exact", "swapped") and {a.nationality, b.nationality} <= _NEIGHBOURS:
            # the same full birth date and two neighbouring countries whose peoples live on both sides of the
            # border (Uyghurs of Xinjiang and Kazakhstan, Tajiks of Uzbekistan, Kazakhs of Kyrgyzstan): the
            # field is the passport's or the agency's country as often as the person's, so it contradicts
            # nothing the date confirms
            levels["nationality"] = {"level": "different"}
        else:
            f["nat_same" if same else "nat_different"] = 1.0
            levels["nationality"] = {"level": "same" if same else "different"}
    if level in ("exact", "close") and (_fathers_swapped(a, b) or _fathers_swapped(b, a)
                                        or _arab_given_misplaced(tokens_a, tokens_b, names)
                                        or _father_misplaced(a, b, names)
                                        or _father_for_self(a, b, tokens_a, names)
                                        or _father_for_self(b, a, tokens_b, names)):
        # the same two words, each record naming the other word as the father: "Нурлан уулу Асанбек"
        # (Асанбек, son of Нурлан) and "Асанбек уулу Нурлан" (Нурлан, son of Асанбек) are father and son,
        # as are "Өмүрбек уулу Элдияр" (Элдияр, son of Өмүрбек) and "Элдияров Өмүрбек" (Өмүрбек, son of
        # Элдияр: the surname is his father's name with -ов)
        f["name_roles_swapped"] = 1.0
    if patronymic_a and patronymic_b:
        same = _sim(patronymic_a, patronymic_b) >= 0.8
        f["patronymic_same" if same else "patronymic_different"] = 1.0
        levels["patronymic"] = {"level": "same" if same else "different"}

    agreeing = dob in _AGREEING_DATES or doc in ("exact", "near") or phone
    if contested and level in ("exact", "close") and not agreeing:
        # a name that several people with conflicting dates or documents hold links two records only
        # together with a date, a document or a phone
        f["name_contested"] = 1.0
        f["name_contested_people"] = math.log2(max(int(contested), 2)) - 1.0  # 2 people 0, 4 people 1
        levels["name"]["contested"] = True
    return f, levels


def score_pair(
    a: Profile, b: Profile, frequency: FrequencyFn | None = None, population: int = 1,
    contested: int = 0, holders: int = 1,
) -> MatchResult:
    """Score two profiles: the fitted weights of their evidence (`pair_features`) summed as log-odds.

    `frequency(stem)` is the share of the `population` whose name has that stem; `contested`: the name is
    held by several people whose dates or documents conflict (see `name_holders_at_least`): how many."""
    weights = fitted_weights()
    features, levels = pair_features(a, b, frequency, population, contested, holders)
    points = weights.get("bias", 0.0)
    for name, value in features.items():
        points += weights.get(name, 0.0) * value
    ceiling = rule_ceiling(features)
    if ceiling is not None:
        points = min(points, ceiling)
    score = 1.0 / (1.0 + math.exp(-points))
    return MatchResult(round(score, 4), round(points, 2), levels, features)


def rule_ceiling(features: dict[str, float]) -> float | None:
    """The most log-odds points a pair may have by rule, whatever the fitted weights (None: no ceiling).

    A contested name: a name that several people are known to hold says nothing about which of them a
    record is, so without a date, a document or a phone agreeing the pair stays well below any working
    threshold, however the few contested pairs of a fitting set happened to fall; the more people hold it,
    the lower (two people: the ceiling, four: two points under it).
    Contradicting birth dates: two dates that differ beyond a clerk's slips (swapped, one day, one digit or,
    for years alone, one year off) are two people, namesakes however rare their name; only a shared document
    or phone outweighs that (a date typed wholly wrong).
    Different fathers' names (patronymics, "s/o X") with nothing else agreeing: two people (namesakes)."""
    ceiling = None
    if "name_contested" in features:
        ceiling = CONTESTED_MAX_POINTS - 2.0 * features.get("name_contested_people", 0.0)
    if "dob_other_year" in features and not ("doc_exact" in features or "doc_near" in features
                                             or "phone_exact" in features):
        ceiling = min(ceiling, CONTESTED_MAX_POINTS) if ceiling is not None else CONTESTED_MAX_POINTS
    if "patronymic_different" in features and not any(
            k in features for k in ("doc_exact", "doc_near", "phone_exact", "dob_exact", "dob_swapped", "dob_near",
                                    "dob_year", "dob_year_only")):
        # two fathers' names that differ (Imran Khan s/o Aslam, Imran Khan s/o Akram; -ович of two names) are
        # two people unless a date, a document or a phone says the patronymic was written wrong
        ceiling = min(ceiling, CONTESTED_MAX_POINTS) if ceiling is not None else CONTESTED_MAX_POINTS
    return ceiling


# ---- blocking ---------------------------------------------------------------------------------------

def name_keys(profile: Profile) -> list[str]:
    """Four-letter prefixes of every reading's stem."""
    keys = set()
    for token in profile.tokens:
        for reading in readings_of(token):
            s = stem(reading)
            if s:
                keys.add(s[:4])
    return sorted(keys)


def _deletion_keys(profile: Profile) -> list[str]:
    """Typo-tolerant keys: each primary stem's first five letters with one of them deleted, cut to four.

    Two words that differ by one edit (a letter changed, dropped, added or two swapped) in their first
    letters share at least one such key, so a typo at the start of a name no longer hides the pair."""
    keys = set()
    for token in profile.tokens:
        keys.update(_deletion_keys_of(stem(primary(token))))
    return sorted(keys)


@lru_cache(maxsize=200_000)
def _deletion_keys_of(s: str) -> tuple[str, ...]:
    if len(s) < 4:
        return ()
    head = s[:5]
    return tuple({(head[:i] + head[i + 1:] + s[5:6])[:4] for i in range(len(head))})


def name_signature(profile: Profile) -> str:
    """The name as a set of stems (order-free): records of namesakes share it. A Chinese name is its set of
    pinyin syllables: Zhou and Zhu, Xu and Hu fold to one Latin stem but are different surnames, so their
    bearers are not counted as holders of one name."""
    syllables = chinese_syllable_key(profile)
    if syllables:
        return "~" + syllables
    return " ".join(sorted({stem(primary(t)) for t in profile.tokens if t}))


def blocking_keys(profile: Profile) -> list[str]:
    """Keys under which candidate pairs meet; the prefix tells the kind.

    d: document, p: phone, b: a name prefix with the birth date (day and month in either order),
    n: two name prefixes (no date; small blocks only), e: a typo-tolerant (one letter deleted) prefix
    with the birth year or, w: with another word's initial (no date; small blocks only),
    i: a word's stem with another word's initial (for "Токтогулов Б. А." written with initials),
    s: the whole name (all stems, order-free: the records of namesakes; its size counts the holders),
    v: one word's whole stem with another word's typo-tolerant prefix (no date needed; small blocks only),
    c: a Chinese name's pinyin syllables, order-free (pinyin or Palladius, joined or split given names),
    k: two words' consonant skeletons (vowels Russified or transliterated differently; small blocks only),
    q: one word's consonant skeleton with the whole birth date.
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
        keys.update(f"e:{k}:{year}" for k in _deletion_keys(profile))
    keys.update(f"n:{pair}" for pair in pairs)
    firsts = {primary(t)[:1] for t in profile.tokens if primary(t)}
    initials = {i[:1] for i in profile.initials}
    for n, token in enumerate(profile.tokens):
        if len(primary(token)) < 4:
            continue
        # the other words' initials (a word's own first letter says nothing: Касымалиев К. = Kubanychbek)
        others = {primary(t)[:1] for m, t in enumerate(profile.tokens) if m != n and primary(t)}
        # every reading's stem: "Ногойбаев Ө. Н." (nogoibaev) meets "Nogojbaev Omurbek" (j read as ж or й)
        stems = {stem(r) for r in readings_of(token) if not r.startswith("~")}
        keys.update(f"i:{s}:{f}" for s in stems for f in others | initials)
    # with or without a year: "Аматбеков С. А." (1983) meets "Акматбеков Самат" (no date) through the
    # deletion keys of the damaged surname and the given name's initial
    for k in _deletion_keys(profile):
        keys.update(f"w:{k}:{f}" for f in firsts | initials if not k.startswith(f))
    if profile.birth_date:
        # one word's consonant skeleton with the whole date: a surname whose vowels are Russified
        # (Tölönbayev R. S. and TELENBAEV RUSLAN, same date) shares no prefix key
        d = profile.birth_date
        keys.update(f"q:{sk}:{d.isoformat()}" for t in profile.tokens for sk in
                    {_skeleton(stem(r)) for r in readings_of(t) if not r.startswith("~")} if sk)
    signature = name_signature(profile)
    if signature:
        keys.add(f"s:{signature}")
    syllables = chinese_syllable_key(profile)
    if syllables:
        keys.add(f"c:{syllables}")
    else:
        keys.update(_skeleton_keys(profile))
    keys.update(_word_typo_keys(profile))
    return sorted(keys)


_NOT_CONSONANT = re.compile(r"[aeiou]")


@lru_cache(maxsize=200_000)
def _skeleton(word_stem: str) -> str:
    """A stem's first four consonants (vowels dropped), "" when it has fewer than three."""
    consonants = _NOT_CONSONANT.sub("", word_stem)
    return consonants[:4] if len(consonants) >= 3 else ""


def _skeleton_keys(profile: Profile) -> list[str]:
    """k: two words' consonant skeletons (order-free; no date needed; small blocks only).

    Russified and transliterated spellings change the vowels of Central Asian names, at the start as
    anywhere (Үсөнбайкулов: Usonbaikulov, Iusenbaikulov, Ysynbaikulov; Төрөбек: Torobek, Terebek), and
    together with a typo elsewhere they defeat the prefix keys of both words; the consonants stay."""
    per_word = []
    for token in profile.tokens:
        skeletons = {_skeleton(stem(r)) for r in readings_of(token) if not r.startswith("~")}
        skeletons.discard("")
        if skeletons:
            per_word.append(skeletons)
    keys = set()
    for first, second in combinations(per_word, 2):
        keys.update("k:" + ":".join(sorted((x, y))) for x in first for y in second)
    return sorted(keys)


def chinese_syllable_key(profile: Profile) -> str:
    """A Chinese name as the set of its pinyin syllables, order-free ("" unless every word reads as Chinese).

    Chinese names are written surname first or last, the given name's syllables joined, hyphenated or apart
    (Jianguo, Jian-Guo, Jian Guo) and in pinyin or Palladius (Цзяньго): the word prefixes of one spelling
    seldom meet another's, but the syllables are the same. Distinct syllables stay distinct (Zhou, Zhu)."""
    return _syllable_key(tuple(profile.tokens))


@lru_cache(maxsize=200_000)
def _syllable_key(tokens: tuple[str, ...]) -> str:
    # asked for each profile by the blocking keys and the name signature: a name's key is worked out once
    found: list[str] = []
    for token in tokens:
        if "|~" not in token and not token.startswith("~"):
            return ""  # no Chinese reading: not a Chinese name
        reading = next((r[1:] for r in readings_of(token) if r.startswith("~")), "")
        parts = pinyin_syllables(reading) if reading else ()
        if not parts:
            return ""
        found.extend(parts)
    return " ".join(sorted(found)) if len(found) >= 2 else ""


def _word_typo_keys(profile: Profile) -> list[str]:
    """v: one word's whole stem with another word's typo-tolerant (one letter deleted) prefix.

    A typo in the first letters of a word (Lamazbek for Almazbek, Nanibek for Janibek) defeats every
    prefix key of that word, and without a birth year the "e:" keys do not exist; the other word of the
    name is usually written correctly, and its whole stem with the deletion keys of the damaged word is
    specific enough (a few records per key) to search without a date."""
    tokens = [t for t in profile.tokens if primary(t)]
    keys = set()
    for i, token in enumerate(tokens):
        # every reading of the intact word (Таштанбек read from GOST "Tashtanbek" or French "Tachtanbek")
        wholes = {stem(r) for r in readings_of(token) if not r.startswith("~") and len(stem(r)) >= 3}
        for j, other in enumerate(tokens):
            if i != j:
                deletions = _deletion_keys_of(stem(primary(other)))
                keys.update(f"v:{whole}:{k}" for whole in wholes for k in deletions)
    return sorted(keys)


def frequency_keys(profile: Profile) -> list[str]:
    """One key per distinct name stem, counted to weigh common names down."""
    return sorted({f"f:{s}" for s in profile.stems if s})


def contested_names(profiles: Iterable[Profile]) -> set[str]:
    """Name signatures that several different people hold (see `name_holders_at_least`)."""
    return set(name_holders_at_least(profiles))


def name_holders_at_least(profiles: Iterable[Profile]) -> dict[str, int]:
    """For each name signature that several different people hold, the fewest people its records show.

    Birth years two or more apart belong to different people (a year one off is a slip of one person), so
    the records' years fall into groups, one person each at least; a person holds at most two documents
    of one kind (a renewed passport), so n different ones are at least n/2 people. Namesakes are common in
    Central Asia (a few dozen given names and surname roots cover most people): for such a name the name
    is no evidence of identity by itself, and the more people hold it the less any two of its records
    without a date or document are one person (one in n)."""
    years: dict[str, set[int]] = defaultdict(set)
    documents: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for profile in profiles:
        signature = name_signature(profile)
        if profile.birth_year:
            years[signature].add(profile.birth_year)
        if profile.document:
            documents[signature].add((profile.document_kind, profile.document))
    people: dict[str, int] = {}
    for sig, ys in years.items():
        groups, start = 0, None
        for year in sorted(ys):  # a group spans two neighbouring years at most
            if start is None or year - start >= 2:
                groups, start = groups + 1, year
        if groups >= 2:
            people[sig] = groups
    for sig, docs in documents.items():
        most = max(Counter(kind for kind, _ in docs).values())
        if most >= 3:
            people[sig] = max(people.get(sig, 0), (most + 1) // 2)
    return people


BLOCK_CAPS = {"n": NAME_BLOCK_CAP, "b": YEAR_BLOCK_CAP,
              "e": NAME_BLOCK_CAP, "w": TYPO_BLOCK_CAP, "i": NAME_BLOCK_CAP, "s": SIGNATURE_BLOCK_CAP,
              "v": TYPO_BLOCK_CAP, "c": SIGNATURE_BLOCK_CAP, "k": NAME_BLOCK_CAP, "q": NAME_BLOCK_CAP}


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
        self.signatures: dict[str, str] = {}
        self.holders: Counter[str] = Counter()  # records bearing each whole name
        self._frequency = self.frequency  # one bound method for all pairs
        self._contested: dict[str, int] | None = None

    def add(self, profile: Profile) -> None:
        self.profiles[profile.record_id] = profile
        signature = self.signatures[profile.record_id] = name_signature(profile)
        self.holders[signature] += 1
        for key in blocking_keys(profile):
            self.blocks[key].append(profile.record_id)
        self.stem_counts.update({s for s in profile.stems if s})
        self._contested = None

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

    def contested(self) -> dict[str, int]:
        """Contested name signatures with the fewest people holding each (`name_holders_at_least`)."""
        if self._contested is None:
            self._contested = name_holders_at_least(self.profiles.values())
        return self._contested

    def context(self, a: Profile, b: Profile) -> dict:
        """What the population says about a pair's names: frequencies, contested, holders."""
        sa = self.signatures.get(a.record_id) or name_signature(a)
        sb = self.signatures.get(b.record_id) or name_signature(b)
        contested, holders = self.contested(), self.holders
        return {"frequency": self.frequency, "population": len(self.profiles),
                "contested": max(contested.get(sa, 0), contested.get(sb, 0)),
                "holders": max(holders[sa], holders[sb])}

    def score(self, a: Profile, b: Profile) -> MatchResult:
        # the same as score_pair(a, b, **self.context(a, b)), without building the dict for every pair
        sa = self.signatures.get(a.record_id) or name_signature(a)
        sb = self.signatures.get(b.record_id) or name_signature(b)
        contested, holders = self._contested if self._contested is not None else self.contested(), self.holders
        return score_pair(a, b, self._frequency, len(self.profiles), max(contested.get(sa, 0), contested.get(sb, 0)),
                          max(holders[sa], holders[sb]))

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
