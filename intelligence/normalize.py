"""Person records reduced to comparable parts: name tokens, birth date, nationality, document, phone.

Builds on `common.textnorm` (ICAO 9303 transliteration with the Kyrgyz letters, spelling-variant folding)
and adds what matching needs on top of it:

- a few Latin letters that the diacritic strip gets wrong (ş → sh, ç → ch, ı → i, ğ → g; Uzbek x → kh) and the
  Kyrgyz "ng" spelling of Ң (Жаңыл → Janyl / Jangyl);
- Kyrgyz patronymic particles (uulu, kyzy) and Russian patronymics (-ovich, -evna...) recognised and
  kept apart from the surname and given names;
- surname endings folded to a stem (-ov/-ova/-ev/-eva/-yev/-in/-ina...) so "Toktogulova" meets
  "Toktogulov" on a blocking key, while the full tokens are still compared for the score;
- a birth year written into the name ("b. 1987", "1987 г.р.") lifted out.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from common.textnorm import fold, fold_token, normalise_document_number, normalise_phone

_LATIN_EXTRA = str.maketrans(
    {"ş": "sh", "Ş": "SH", "ç": "ch", "Ç": "CH", "ı": "i", "ğ": "g", "Ğ": "G", "x": "kh", "X": "KH"}
)
_YEAR_IN_NAME = re.compile(r"(?:\b(?:b|born|dob|р|род|г\.?\s*р)\.?\s*)?\b(19\d\d|20[0-2]\d)\b(?:\s*г\.?\s*р\.?)?",
                           re.IGNORECASE)
PARTICLES_MALE = {"uulu", "ulu", "uly", "ugli", "ogli", "ogly", "oglu"}
PARTICLES_FEMALE = {"kizi", "kyzy", "kisi", "kyzi", "qizi"}
PARTICLES = PARTICLES_MALE | PARTICLES_FEMALE
_PATRONYMIC_END = re.compile(r"(ovick|evick|ick|ovic|evic|ovna|evna|icna|ickna)$")
_SURNAME_END = re.compile(r"(ova|eva|ov|ev|ina|in|aja|ij|ai|a)$")


def fold_name_token(token: str) -> str:
    """One name word in the matching alphabet (see `common.textnorm.fold_token`), with ng → n."""
    folded = fold_token(token.translate(_LATIN_EXTRA))
    # Kyrgyz Ң is written "ng" by some; fold it to n except at the word start.
    return folded[:1] + folded[1:].replace("ng", "n") if len(folded) > 2 else folded


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Surname stem without Russian endings: toktogulova → toktogul; kept ≥ 3 letters."""
    stripped = _SURNAME_END.sub("", token)
    return stripped if len(stripped) >= 3 else token


def is_patronymic(token: str) -> bool:
    return len(token) > 5 and bool(_PATRONYMIC_END.search(token))


@dataclass
class NameParts:
    """Folded name tokens: `tokens` are surname and given names, `patronymic` a father's-name token."""

    tokens: list[str] = field(default_factory=list)
    patronymic: str = ""
    year_in_name: int | None = None


def parse_name(*parts: str) -> NameParts:
    """Split a written name (any script, any order) into folded tokens.

    "Токтогулов Бакыт Асанович" → tokens [toktogulov, bakit], patronymic asan
    "Azamat Nurlan uulu"        → tokens [azamat, nurlan], patronymic ""  (X uulu is a surname)
    """
    text = " ".join(p for p in parts if p).translate(_LATIN_EXTRA)
    year = None
    match = _YEAR_IN_NAME.search(text)
    if match:
        year = int(match.group(1))
        text = text[: match.start()] + " " + text[match.end():]
    words = fold(text).split()
    result = NameParts(year_in_name=year)
    for word in words:
        if word.isdigit() or len(word) == 1:
            continue
        token = fold_name_token(word)
        if not token or token in PARTICLES:
            continue
        if is_patronymic(token) and not result.patronymic and len(words) > 2:
            result.patronymic = _PATRONYMIC_END.sub("", token)
            continue
        result.tokens.append(token)
    return result


@dataclass
class Profile:
    """A person record ready for blocking and scoring."""

    record_id: str
    tokens: list[str]
    patronymic: str = ""
    birth_date: date | None = None
    birth_year: int | None = None
    nationality: str = ""
    document: str = ""
    phone: str = ""
    agency: str = ""

    @property
    def stems(self) -> list[str]:
        return [stem(t) for t in self.tokens]


def make_profile(
    record_id: str,
    full_name: str,
    *,
    surname: str = "",
    given_names: str = "",
    patronymic: str = "",
    birth_date: date | None = None,
    birth_year: int | None = None,
    nationality: str = "",
    document_number: str = "",
    phone: str = "",
    agency: str = "",
) -> Profile:
    """Normalise one person record. Separate name fields win over the full name when given."""
    name = parse_name(surname, given_names) if (surname or given_names) else parse_name(full_name)
    if not name.tokens:
        name = parse_name(full_name)
    patr = name.patronymic
    if patronymic:
        folded = fold_name_token(patronymic.split()[0]) if patronymic.split() else ""
        patr = _PATRONYMIC_END.sub("", folded) if folded not in PARTICLES else ""
    year = birth_date.year if birth_date else (birth_year or name.year_in_name)
    return Profile(
        record_id=str(record_id),
        tokens=name.tokens,
        patronymic=patr,
        birth_date=birth_date,
        birth_year=year,
        nationality=(nationality or "").upper(),
        document=normalise_document_number(document_number),
        phone=normalise_phone(phone),
        agency=agency,
    )
