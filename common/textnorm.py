"""Text normalisation for names, numbers and search across Cyrillic and Latin scripts.

Cyrillic is transliterated with the ICAO Doc 9303 (7th edition, part 3) table used in machine-readable
passports, extended with the Kyrgyz and Kazakh letters (Ң Ө Ү Ә Ғ Қ Ұ Һ І) as their passport offices write
them. `search_key` then folds the spelling variants that transliteration systems disagree on (kh/h, ts/c,
yu/iu/u, ya/ia/a, zh/j/dzh, -yev/-ev, double letters), so that "Токтогулов Бакыт", "Toktogulov Baqyt" and
"TOKTOGULOV BAKHYT" meet on the same key.
"""
from __future__ import annotations

import re
import unicodedata

ICAO_9303 = {
    "А": "A", "Б": "B", "В": "V", "Г": "G", "Д": "D", "Е": "E", "Ё": "E", "Ж": "ZH", "З": "Z", "И": "I",
    "Й": "I", "К": "K", "Л": "L", "М": "M", "Н": "N", "О": "O", "П": "P", "Р": "R", "С": "S", "Т": "T",
    "У": "U", "Ф": "F", "Х": "KH", "Ц": "TS", "Ч": "CH", "Ш": "SH", "Щ": "SHCH", "Ъ": "IE", "Ы": "Y",
    "Ь": "", "Э": "E", "Ю": "IU", "Я": "IA",
    # Ukrainian / Belarusian letters in the ICAO table
    "Є": "IE", "І": "I", "Ї": "I", "Ґ": "G", "Ў": "U",
    # Kyrgyz and Kazakh letters, as written in those countries' passports
    "Ң": "N", "Ө": "O", "Ү": "U", "Ә": "A", "Ғ": "G", "Қ": "K", "Ұ": "U", "Һ": "H",
    # Uzbek (Ў Ҳ Қ Ғ) and Tajik (Ҷ Ӯ Ӣ Ҳ Қ Ғ) letters: Ҷ is the "j" of Tajik Latin (Russian writes Дж/Ч),
    # Ӯ a long u, Ӣ a stressed final i; Ҳ a voiceless h (Russian writes Х).
    "Ҳ": "KH", "Ҷ": "J", "Ӯ": "U", "Ӣ": "I",
    # Cyrillic letters of the Turkic alphabets in older or regional use (Bashkir/Tatar-style forms on
    # Soviet-era documents): Ҫ, Ҡ, Ӊ, Ӑ, Ӗ, Ҙ, Ӝ, Ӟ
    "Ҫ": "S", "Ҡ": "K", "Ӊ": "N", "Ӑ": "A", "Ӗ": "E", "Ҙ": "Z", "Ӝ": "ZH", "Ӟ": "Z", "Ӹ": "Y", "Ӱ": "U",
}
_TABLE = {ord(k): v for k, v in ICAO_9303.items()}
_TABLE.update({ord(k.lower()): v for k, v in ICAO_9303.items()})

# Latin spelling variants folded to one form; applied in order on lower-case ASCII.
# "@" marks the zh/dzh/j sound so that the iotation rules (ya/ia → a ...) never eat it.
_VARIANTS: list[tuple[str, str]] = [
    (r"shch", "sh"),
    (r"dzh|dj|zh|j", "@"),
    (r"kh|q|h", "k"),
    (r"ts|tz", "c"),
    (r"w", "v"),
    (r"x", "ks"),
    (r"ph", "f"),
    (r"y", "i"),
    (r"([a-z@])\1+", r"\1"),
    (r"i([aeou])", r"\1"),
    (r"ou|oo", "u"),
    (r"ee", "i"),
    (r"@", "j"),
]
_VARIANT_RE = [(re.compile(p), r) for p, r in _VARIANTS]
VARIANT_RULES = _VARIANT_RE  # shared with intelligence.normalize
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_DOUBLES = re.compile(r"([a-z])\1+")


def transliterate(text: str) -> str:
    """Cyrillic → Latin (ICAO 9303, upper case); Latin letters lose their diacritics (Ö → O)."""
    text = unicodedata.normalize("NFC", text or "").translate(_TABLE)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).upper()


def fold(text: str) -> str:
    """Transliterated, lower-case, only letters, digits and single spaces."""
    return " ".join(_NON_ALNUM.sub(" ", transliterate(text).lower()).split())


def fold_token(token: str) -> str:
    """One folded word with transliteration variants merged (kh/h, yu/iu/u, -yev/-ev...)."""
    token = fold(token).replace(" ", "")
    for pattern, repl in _VARIANT_RE:
        token = pattern.sub(repl, token)
    return _DOUBLES.sub(r"\1", token)


def search_key(text: str) -> str:
    """A script- and spelling-independent key: folded tokens, sorted, joined by spaces.

    Name order does not matter: "Токтогулов Бакыт" and "Bakyt Toktogulov" share a key.
    """
    return " ".join(sorted(t for t in (fold_token(w) for w in fold(text).split()) if t))


# "№", "No.", "Nº", "N°", "#" written before a number are not part of it ("No" only with a dot, a space or
# the ordinal sign, so a Kazakh passport N12345678 keeps its letter). NFKC has already made № into "NO".
_NUMBER_SIGN = re.compile(r"^\s*(?:NO(?:\.|\s+|º|°)|N[º°]|#)\s*")
_DOC_CONFUSABLE = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_document_number(number: str) -> str:
    """Identity-document number without separators, upper case, Cyrillic look-alikes mapped, O→0 and I/L→1.

    Letters that look alike in Cyrillic and Latin (А/A, В/B, Е/E, К/K, М/M, Н/H, О/O, Р/P, С/C, Т/T, Х/X)
    are mapped to Latin first, so "АС 1234567" and "AC1234567" agree.
    """
    lookalike = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")
    raw = unicodedata.normalize("NFKC", (number or "").replace("№", "No. ")).upper().translate(lookalike)
    raw = _NUMBER_SIGN.sub("", raw)
    raw = re.sub(r"[^0-9A-Z]", "", raw)
    return raw.translate(_DOC_CONFUSABLE)


def normalise_phone(phone: str, default_country_code: str = "996") -> str:
    """Digits only, in international form: '0 555 12-34-56' → '996555123456'."""
    digits = re.sub(r"\D", "", phone or "")
    if not digits:
        return ""
    if digits.startswith("00"):
        return digits[2:]
    if digits.startswith("0") and len(digits) == 10:
        return default_country_code + digits[1:]
    return digits
