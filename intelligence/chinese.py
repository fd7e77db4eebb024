"""Chinese names between Hanyu Pinyin and the Russian (Palladius) system.

Chinese names reach agencies in two spellings of the same syllables: pinyin on the passport (Zhang Jianguo)
and the Palladius Cyrillic of Russian-language documents (Чжан Цзяньго). Both are regular syllable systems,
so a word is read syllable by syllable and brought to pinyin. The syllable table is built from the two
systems' rules (initials × finals), not from a list of names:

- initials: b б, p п, m м, f ф, d д, t т, n н, l л, g г, k к, h х, zh чж, ch ч, sh ш, r ж, z цз, c ц, s с,
  and before i/ü the palatal j цз, q ц, x с;
- finals: a а, ai ай, an ань, ang ан, ao ао, e э, ei эй, en энь, eng эн, er эр, o о, ou оу, ong ун, i и
  (ы after z c s), ia я, ian янь, iang ян, iao яо, ie е, in инь, ing ин, iong юн, iu ю, u у, ua уа, uai уай,
  uan уань, uang уан, ui уй, un унь, uo о, ü/u after j q x юй, üe юэ, üan юань, ün юнь;
- no initial: y- and w- forms (yi и, ya я, you ю, yu юй, wei вэй, wang ван, wu у ...).

Distinct syllables stay distinct: Zhou (Чжоу) ≠ Zhu (Чжу), Xu (Сюй) ≠ Hu (Ху); the comparison in
`intelligence.matching` treats two different pinyin syllables as different names, not as a one-letter typo.
Split or joined given names (Jian-Guo, Jian Guo, Jianguo) read to the same syllables, so they are compared
joined.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

_INITIALS = {
    "b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л", "g": "г", "k": "к",
    "h": "х", "zh": "чж", "ch": "ч", "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с",
}
_PALATAL = {"j": "цз", "q": "ц", "x": "с"}
_FINALS = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь", "eng": "эн",
    "o": "о", "ou": "оу", "ong": "ун", "u": "у", "ua": "уа", "uai": "уай", "uan": "уань", "uang": "уан",
    "ui": "уй", "un": "унь", "uo": "о",
}
_I_FINALS = {
    "i": "и", "ia": "я", "ian": "янь", "iang": "ян", "iao": "яо", "ie": "е", "in": "инь", "ing": "ин",
    "iong": "юн", "iu": "ю",
}
_U_FINALS = {"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}
_ZERO = {
    "a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй", "en": "энь", "eng": "эн",
    "er": "эр", "o": "о", "ou": "оу", "yi": "и", "ya": "я", "yao": "яо", "ye": "е", "you": "ю", "yan": "янь",
    "yin": "инь", "yang": "ян", "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань",
    "yun": "юнь", "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь",
    "wang": "ван", "weng": "вэн",
}


def _syllables() -> dict[str, str]:
    table = dict(_ZERO)
    for ini, cyr in _INITIALS.items():
        for fin, fcyr in _FINALS.items():
            if (fin == "uo") == (ini in ("b", "p", "m", "f")) and fin in ("o", "uo"):
                continue  # bo po mo fo, but duo guo zhuo (all written -о in Palladius)
            table.setdefault(ini + fin, cyr + fcyr)
        if ini in ("z", "c", "s"):
            table[ini + "i"] = cyr + "ы"
        elif ini in ("zh", "ch", "sh", "r"):
            table[ini + "i"] = cyr + "и"
        if ini in ("b", "p", "m", "d", "t", "n", "l"):
            for fin, fcyr in _I_FINALS.items():
                table[ini + fin] = cyr + fcyr
        if ini in ("n", "l"):
            table[ini + "v"] = cyr + "юй"
            table[ini + "ve"] = cyr + "юэ"
    for ini, cyr in _PALATAL.items():
        for fin, fcyr in _I_FINALS.items():
            table[ini + fin] = cyr + fcyr
        for fin, fcyr in _U_FINALS.items():
            table[ini + fin] = cyr + fcyr
    # Palladius writes ж for r and "жэнь" for ren; the table above has it. Finals after consonants: the
    # ICAO-style "-ang/-eng" of pinyin are -ан/-эн in Palladius, -an/-en are -ань/-энь.
    return table


PINYIN = _syllables()
PALLADIUS = {}
for _py, _cy in PINYIN.items():
    PALLADIUS.setdefault(_cy, _py)
# Palladius writes hui as хуэй (Хуэйминь), not хуй; both spellings are read back as hui.
PALLADIUS["хуэй"] = "hui"
_MAX_PY = max(map(len, PINYIN))
_MAX_CY = max(map(len, PALLADIUS))


def _segment(word: str, table: dict[str, str], longest: int) -> list[str] | None:
    """Split a word into table syllables (longest first, with back-tracking); None when it does not split."""
    @cache
    def walk(i: int) -> tuple[str, ...] | None:
        if i == len(word):
            return ()
        for n in range(min(longest, len(word) - i), 0, -1):
            piece = word[i:i + n]
            if piece in table:
                rest = walk(i + n)
                if rest is not None:
                    return (piece, *rest)
        return None

    found = walk(0)
    return list(found) if found is not None and len(found) <= 4 else None


_CYR = re.compile(r"[а-яё]")


@lru_cache(maxsize=100_000)
def chinese_reading(word: str) -> str:
    """The pinyin syllables of a Chinese name word in pinyin or Palladius, joined ("" if it is not one)."""
    w = re.sub(r"[^a-zа-яёü]", "", word.lower().replace("ü", "v").replace("ь", "ь"))
    if not w:
        return ""
    if _CYR.search(w):
        parts = _segment(w, PALLADIUS, _MAX_CY)
        return "".join(PALLADIUS[p] for p in parts) if parts else ""
    parts = _segment(w, PINYIN, _MAX_PY)
    return "".join(parts) if parts else ""


@lru_cache(maxsize=100_000)
def pinyin_syllables(reading: str) -> tuple[str, ...]:
    """A pinyin reading ("jianguo") split into its syllables (jian, guo); () when it does not split."""
    parts = _segment(reading, PINYIN, _MAX_PY)
    return tuple(parts) if parts else ()


# Spellings that only Chinese syllables have: pinyin zh/x/q/c + vowel, -ao/-ou/-ei/-ui/-iu/-uo/-ng, and
# Palladius чж/цз/сю/ся/нь/ао/оу/эй. A word without them (Li, Na, Асан) is read in the ordinary way.
# Palladius ц before я/ю (Цян = Qiang, Цюань = Quan) is pinyin q, which Russian words seldom spell.
_CHINESE_MARK = re.compile(r"zh|x[iu]|q[iu]|c[aeiou]|ao|ou|ei|ui|iu|uo|ng$|чж|цз|ц[яю]|сю|ся|сянь|нь$|ао|оу|эй|ы$")


def looks_chinese(words: list[str], nationality: str = "") -> bool:
    """A name is read as Chinese when every word is made of Chinese syllables and the record says CN or
    one word has a spelling only Chinese syllables have."""
    if not words or len(words) > 4:
        return False
    readings = [chinese_reading(w) for w in words]
    if not all(readings):
        return False
    if nationality == "CN":
        return True
    return any(_CHINESE_MARK.search(w.lower()) for w in words)


# ---- Uyghur names in the pinyin of Chinese passports ----------------------------------------------------
# A Chinese passport writes a Uyghur name in the pinyin of the Chinese characters that transcribe it, by
# fixed rules: every consonant cluster and final consonant gets a vowel, since Chinese syllables end in a
# vowel, n or ng (Mamat 买买提 MAIMAITI, Alim ALIMU, Yusuf YUSUFU, Tohti TUOHETI); the front vowel ä/e is
# written ai (Mämät MAIMAITI, Ähmät AIHEMAITI); a syllable-final r is the er syllable (Erkin AIERKEN, Tursun
# TUERXUN, Akbar AIKEBAER, Sabir SABIER); s before u and i is x (TUERXUN), -jan is -jiang (Ahmatjan
# AIHEMAITIJIANG), a final -un may be -ong (Turgun TUERGONG). Undone, the word reads as the Uyghur Latin
# and Cyrillic records spell it.
_PINYIN_UYGHUR_SIGNS = re.compile(r"(?:ti|mu|fu|pu|bu|ke|jiang|gong)$|[aiu]er(?![aeiou])|^abudu|^aihe|ai.*ai")
_PINYIN_UYGHUR_RULES = [
    (re.compile(r"^abudu"), "abdu"),
    (re.compile(r"tijiang$"), "tjan"), (re.compile(r"jiang$"), "jan"),
    (re.compile(r"gong$"), "gun"),
    (re.compile(r"(?<=[bcdfghjklmnpqrstvwxz])(?:i|u|e)$"), ""),
    (re.compile(r"^aier"), "er"),
    (re.compile(r"^aihe"), "ah"),
    (re.compile(r"ai"), "a"),
    (re.compile(r"uo"), "o"),
    (re.compile(r"(?<=[aiu])er(?![aeiou])"), "r"),
    (re.compile(r"(?<=[aeiou])he(?=[bcdfgjklmnpqrstvwxz])"), "h"),
    (re.compile(r"(?<=[aeiou][bdfgklmnpst])e(?=[bdfgklmnpst][aeiou])"), ""),
    (re.compile(r"x(?=[ui])"), "s"),
]


@lru_cache(maxsize=50_000)
def uyghur_from_pinyin(word: str) -> str:
    """The Uyghur Latin spelling a Chinese-passport pinyin word stands for ("" when it shows no sign of it):
    AIERKEN → erkin-like "erken", MAIMAITI → "mamat", TUERXUN → "tursun", AIHEMAITIJIANG → "ahmatjan"."""
    w = word.lower()
    if len(w) < 5 or not w.isascii() or not w.isalpha() or not _PINYIN_UYGHUR_SIGNS.search(w):
        return ""
    for pattern, repl in _PINYIN_UYGHUR_RULES:
        w = pattern.sub(repl, w)
    return w if w != word.lower() and len(w) >= 3 else ""
