"""Person records reduced to comparable parts: name tokens, birth date, nationality, document, phone.

Builds on `common.textnorm` (ICAO 9303 transliteration with the Kyrgyz letters, spelling-variant folding)
and adds what matching needs on top of it:

- a few Latin letters that the diacritic strip gets wrong (ş → sh, ç → ch, ı → i, ğ → g; Uzbek x → kh) and the
  Kyrgyz "ng" spelling of Ң (Жаңыл → Janyl / Jangyl);
- Kyrgyz patronymic particles (uulu, kyzy) and Russian patronymics (-ovich, -evna...) recognised and
  kept apart from the surname and given names;
- surname endings folded to a stem (-ov/-ova/-ev/-eva/-yev/-in/-ina...) so "Toktogulova" meets
  "Toktogulov" on a blocking key, while the full tokens are still compared for the score;
- a birth year written into the name ("b. 1987", "1987 г.р.") lifted out;
- the father's name after "s/o", "d/o", "son of" (Afghan, Pakistani records) as the patronymic, or as the
  name word in the surname's place; the Mongolian genitive (Батын, Даваагийн) as the father's word;
- one word for hyphenated names (Bat-Erdene) and Arabic compounds (Abdul Rahman, Sami Ullah, Gul Ahmad);
  every spelling and abbreviation of Muhammad as one word.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from common.hygiene import clean_text
from common.textnorm import VARIANT_RULES, fold, normalise_document_number, normalise_phone

from .chinese import chinese_reading, looks_chinese, uyghur_from_pinyin

# ---- Latin readings -----------------------------------------------------------------------------------
# A Latin name may have been written in any of: ICAO 9303 (passports), BGN/PCGN (maps, UN lists), GOST 7.79-B
# (x for х, c for ц, shh for щ, y' for ы, j for й), ISO 9 (ž č š ŝ for ж ч ш щ, â û for я ю, j for й), French
# (ch for ш, tch for ч, dj for дж, ou for у, gu before e/i), informal English (ee, oo, kh/h), and the national
# Latin alphabets: Kazakh (ş ç ğ q ñ ä ö ü ū ı), Kyrgyz (j for ж), Uzbek (oʻ gʻ sh ch x q, j for ж), Tajik
# (j for ҷ, x for х, q for қ, gh for ғ) and Turkmen (ž ş ç ň ä ý, j for ж). Letters whose sound is the same
# in every system are mapped once (ž → zh); letters that stand for different sounds in different systems
# (j = ж or й, x = х or кс, ch = ч or ш, c = ц or ч or дж) give several readings, and two words are compared
# reading against reading.
_LATIN_SPECIAL = str.maketrans({
    "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shch", "ş": "sh", "ș": "sh", "ç": "ch", "ğ": "g", "ǧ": "g", "ı": "y",
    "ý": "y", "ň": "ng", "ñ": "ng", "ŋ": "ng", "â": "ya", "û": "yu", "ê": "e", "è": "e", "ë": "yo", "ä": "a",
    "ö": "o", "ü": "u", "ū": "u", "ī": "i", "ō": "o", "ə": "a", "ḩ": "h", "ḥ": "h", "ţ": "ts", "ƣ": "g",
    "x": "x",
})
# Apostrophe-like marks inside a word: Uzbek oʻ gʻ (U+02BB, often typed ' ` ‘ ’), ISO 9 ʹ ʺ for ь ъ,
# GOST 7.79-B y' for ы and ` for ь, the Tajik/Arabic ʼ (ъ, glottal stop). They never separate two words.
_WORD_MARKS = re.compile(r"[ʻʼ'`‘’ʹʺ´ʿʾ]")
# Tajik and Uzbek ъ is a glottal stop (Маъруф = Ma'ruf) and ь a softness mark that Russified spellings add
# or drop (Асель/Асел): neither is a sound of its own for comparison.
_CYR_SIGNS = re.compile(r"[ъьЪЬ]")
_UZBEK_O = re.compile(r"[oO][ʻ'`‘’]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Turkmen Cyrillic Җ (the j of Turkmen Latin, Russian Дж/Ж), missing from the ICAO table
_CYR_EXTRA = str.maketrans({"җ": "ж", "Җ": "Ж"})

# (pattern, replacement) in the order applied, after lower-casing, common to every reading
_LATIN_COMMON = [
    (re.compile(r"tsch"), "ch"), (re.compile(r"sch"), "sh"), (re.compile(r"tch"), "ch"),
    (re.compile(r"gh"), "g"), (re.compile(r"gu(?=[eiy])"), "g"), (re.compile(r"shh"), "shch"),
]
_MAX_READINGS = 6


def _latin_readings(word: str) -> list[str]:
    """The spellings a Latin word may stand for, as ICAO-like Latin (before folding)."""
    word = word.lower().translate(_LATIN_SPECIAL)
    for pattern, repl in _LATIN_COMMON:
        word = pattern.sub(repl, word)
    readings = [word]

    def branch(pattern: re.Pattern, options: tuple[str, ...]) -> None:
        nonlocal readings
        if not pattern.search(readings[0]):
            return
        out = []
        for r in readings:
            for opt in options:
                alt = pattern.sub(opt, r)
                if alt not in out:
                    out.append(alt)
        readings = out[:_MAX_READINGS]

    # Latin letters of the Russian (Palladius) spelling of a Chinese syllable: CHZHAN (Чжан) is Zhang, TSZIAN
    # (Цзян) is Jiang
    branch(re.compile(r"^chzh"), ("chzh", "zh"))
    branch(re.compile(r"^tsz(?=[iy])"), ("tsz", "j"))
    branch(re.compile(r"j"), ("j", "y"))           # ж (English, French, Turkic) or й (ISO 9, GOST, German)
    branch(re.compile(r"x"), ("kh", "ks"))          # х (Uzbek, Tajik, GOST-B) or кс (English)
    branch(re.compile(r"c(?!h)"), ("ts", "ch"))     # ц (GOST-B) or ч (Tajik and Kazakh Latin)
    branch(re.compile(r"(?<![st])ch"), ("ch", "sh"))  # ч or, in French, ш
    return readings


_DIACRITIC_FREE = re.compile(r"[a-z0-9]+")
_VARIANTS = VARIANT_RULES  # the spelling folds of common.textnorm, one table for search and matching
_DOUBLES = re.compile(r"([a-z])\1+")


# Arabic name elements as Afghan, Pakistani, Iranian and Central Asian records write them:
# - Muhammad is spelt with o or u and a or e (Mohammad, Muhammed, Mukhammad, Turkmen Muhammet) and
#   abbreviated Mohd, Muhd, Md in South Asian records: all are one name;
# - "Abd al-" (servant of) assimilates its l to a following sun letter (Abdur Rahman, Abdus Salam), so
#   Abdul Rahman = Abdurrahman = Абдурахман;
# - a final -llah of Allah-names (Zabihullah, Rahmatullah) is written without its h in Russian (Забихулла)
#   and often in English (Zabihulla).
_MUHAMMAD = re.compile(r"^m[ou]k?am[ae][dt]$")
_MUHAMMAD_SHORT = {"mokd", "mukd", "md", "mkd"}
MUHAMMAD = "mukamad"
_ABDUL_SUN = re.compile(r"^abd[aeu]l(?=[rstdzn])")
_ALLAH_END = re.compile(r"(?<=[ua])lak$")


def _arabic_fold(token: str) -> str:
    if _MUHAMMAD.match(token) or token in _MUHAMMAD_SHORT:
        return MUHAMMAD
    return _ALLAH_END.sub("la", _ABDUL_SUN.sub("abdu", token))


def _canon(latin: str) -> str:
    """ICAO-like Latin → the matching alphabet (kh/h/q → k, zh/j/dzh → j, y → i, iotation, doubles; ng → n)."""
    token = "".join(_DIACRITIC_FREE.findall(fold(latin)))
    for pattern, repl in _VARIANTS:
        token = pattern.sub(repl, token)
    token = _arabic_fold(_DOUBLES.sub(r"\1", token))
    # Kyrgyz Ң is written "ng" by some, "n" by passports: fold it to n except at the word start.
    return token[:1] + token[1:].replace("ng", "n") if len(token) > 2 else token


@lru_cache(maxsize=200_000)
def word_readings(word: str) -> tuple[str, ...]:
    """All matching-alphabet readings of one written word (Cyrillic: one; Latin: one per plausible system)."""
    # Uzbek Latin oʻ is the letter ў, which Cyrillic and Russian spellings write у (Oʻktam = Ўктам = Уктам)
    word = _WORD_MARKS.sub("", _UZBEK_O.sub("u", word))
    if _CYRILLIC.search(word):
        readings = [_canon(_CYR_SIGNS.sub("", word).translate(_CYR_EXTRA))]
    else:
        readings = [_canon(r) for r in _latin_readings(word)]
        uyghur = uyghur_from_pinyin(word)
        if uyghur:
            # a Uyghur name in Chinese-passport pinyin (MAIMAITI = Mamat = Мамет): its Uyghur reading too
            readings.append(_canon(uyghur))
    out: list[str] = []
    for r in readings:
        if r and r not in out:
            out.append(r)
    return tuple(out)


def fold_name_token(token: str) -> str:
    """One name word as its primary reading (see `word_readings`); other readings joined with "|"."""
    return "|".join(word_readings(token))


def primary(token: str) -> str:
    return token.split("|", 1)[0]


def readings_of(token: str) -> list[str]:
    """A stored token's readings; a Chinese reading starts with "~"."""
    return token.split("|")


_YEAR_IN_NAME = re.compile(r"(?:\b(?:b|born|dob|р|род|г\.?\s*р)\.?\s*)?\b(19\d\d|20[0-2]\d)\b(?:\s*г\.?\s*р\.?)?",
                           re.IGNORECASE)

# Patronymic particles: Kyrgyz uulu "son of" / kyzy "daughter of", Kazakh ұлы / қызы, Uzbek oʻgʻli / qizi,
# Turkmen ogly / gyzy, Azeri oğlu / qızı, as they read after folding. "X uulu" names a person by the father
# X; agencies write it as a separate word, hyphenated, run on (Асанбекуулу), or drop it, or Russify X into
# a surname (Асанбеков). The particle carries no identity of its own, so it is dropped and X kept.
PARTICLES_MALE = {"ulu", "uli", "ugli", "ogli", "ogl", "oglu", "ugl", "uglu"}
PARTICLES_FEMALE = {"kizi", "kisi", "gizi", "kiz"}
PARTICLES = PARTICLES_MALE | PARTICLES_FEMALE
_RUN_ON_PARTICLE = re.compile(r"^(.{3,}?)(ulu|uli|ugli|ogli|oglu|kizi|gizi)$")
# Arabic article al-/el-/ul-/ad-/as-... (Al Falasi, Alfalasi, аль-Фаласи): written apart, hyphenated or
# joined. A separate article is joined to the next word, so all three forms give one token.
# The sun-letter forms (ad-, ar-, as-, ash-, at-, az-) are the same article assimilated to the next sound.
_GULY = ("guly", "guli", "kuly", "kuli", "гулы", "гули", "кулы", "кули")
_JOINING_ARTICLES = {"al", "el", "ul", "ad", "ar", "as", "ash", "at", "az"}
_PATRONYMIC_END = re.compile(r"(ovick|evick|ick|ovic|evic|ovna|evna|icna|ickna)$")
# Surname endings: Russian -ov/-ev/-in (m.), -ova/-eva/-ina (f.); the Tajik -zoda/-zade "born of" that since
# 2007 replaces -ov in Tajik surnames (Рахимов → Раҳимзода), and Uzbek/Tajik -i / -iy forms. All are folded
# to the stem for blocking and for comparing stems.
_SURNAME_END = re.compile(r"(zoda|zade|zod|ova|eva|ov|ev|ina|in|aja|ij|ai|a)$")
# Tajik -зода written -зада (Russian writes the Tajik о as а: Раҳимзода → Рахимзада) is the same suffix, but
# Kyrgyz and Kazakh women's names end in -зада too (Айзада, Нурзада, Гүлзада: "noble girl"), built on a short
# first element (ай, нур, гүл, бек). A Tajik -зода surname is built on a whole given name (Раҳим, Назар,
# Саид, Ҷӯра): -зада is taken for the suffix only after four letters or more.
_ZADA_END = re.compile(r"(?<=[a-z]{4})zada$")
# A Russian patronymic (Асанбекович, Асанбековна) is the father's name with -ович/-овна, as "Асанбек уулу"
# is with the Kyrgyz particle and the surname Асанбеков with -ов: in a name of two words (the patronymic
# not split off as a third) its stem is the father's name, so it meets "Асанбек уулу" and "Асанбеков".
_PATRONYMIC_STEM_END = re.compile(r"(ovick|evick|ovna|evna)$")
# A Mongolian is named by the father's name in the genitive: -ын/-ийн after a consonant (Батын, Доржийн:
# folded -in, which the surname endings strip), -гийн after a vowel (Даваагийн, Davaagiin = Даваа).
_MONGOLIAN_GENITIVE = re.compile(r"(?<=[a-z]{3}[aeiou])gin$")
# The genitive as written marks the father's word of a two-word Mongolian name, so that "Батбаярын Энхбаяр"
# (Энхбаяр, son of Батбаяр) and "Энхбаярын Батбаяр" are told apart like "X uulu Y" and "Y uulu X". The long
# endings -ийн/-гийн/-iin/-giin are Mongolian only; the short -ын/-yn also ends Turkic words (Алтын "gold"),
# so it counts only on a Mongolian record.
_GENITIVE_LONG = re.compile(r"(ийн|iin)$", re.IGNORECASE)
_GENITIVE_SHORT = re.compile(r"(ын|yn)$", re.IGNORECASE)


def _is_genitive(word: str, nationality: str) -> bool:
    return len(word) > 5 and bool(_GENITIVE_LONG.search(word) or (nationality == "MN" and _GENITIVE_SHORT.search(word)))


@lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """Surname stem without Russian or Tajik endings: toktogulova → toktogul, rakimzoda → rakim; ≥ 3 letters."""
    token = primary(token)
    if token.startswith("~"):
        return token
    if len(token) > 7 and _PATRONYMIC_STEM_END.search(token):
        return _PATRONYMIC_STEM_END.sub("", token)
    if token.endswith("zada"):
        return _ZADA_END.sub("", token) if _ZADA_END.search(token) else token
    if _MONGOLIAN_GENITIVE.search(token):
        return stem(token[:-3])
    stripped = _SURNAME_END.sub("", token)
    return stripped if len(stripped) >= 3 else token


def is_patronymic(token: str) -> bool:
    return len(token) > 5 and bool(_PATRONYMIC_END.search(primary(token)))


@dataclass
class NameParts:
    """Folded name tokens: `tokens` are surname and given names, `patronymic` a father's-name token,
    `initials` the first letters written for given names or patronymic (Токтогулов Б. А.)."""

    tokens: list[str] = field(default_factory=list)
    patronymic: str = ""
    year_in_name: int | None = None
    initials: list[str] = field(default_factory=list)
    # the token that "uulu/kyzy" (ұлы, oʻgʻli...) marks as the father's name; it stays in `tokens` too,
    # as agencies that drop the particle or Russify it into a surname (Асанбеков) write it as a name word
    father: str = ""


_WORD_SPLIT = re.compile(r"[^\w'ʻʼ`‘’ʹʺ´ʿʾ.]+|\.(?!\w)|(?<=\.)")
_INITIAL = re.compile(r"^\w{1,2}\.$|^\w$")


def _split_words(text: str) -> list[tuple[str, bool]]:
    """Words with a flag "is an initial" (one letter, or one letter and a dot: Б., Zh.)."""
    out = []
    for raw in re.split(r"[\s,;:()\[\]/\\\-–—_]+", text):
        if not raw:
            continue
        pieces = [x for x in re.split(r"(?<=\.)", raw) if x]
        for piece in pieces:
            is_initial = bool(_INITIAL.match(piece)) and not piece.isdigit()
            word = piece.strip(".")
            if word and is_initial and piece.endswith("."):
                out.append((word + ".", True))
            elif word:
                out.append((word if not is_initial else word + ("." if piece.endswith(".") else ""), is_initial))
    return out


# "X s/o Y" (son of), "d/o" (daughter of), "w/o" (wife of), "son of", "ibn", "bint": Afghan, Pakistani and
# Arab records name a person by the father (or husband) after the name. The relative's name is the person's
# patronymic when the own name has two words or more (a given and a family name); with a given name alone
# it stands in the surname's place, as "X uulu" does, and is kept as a name word marked as the father's.
_FATHER_MARK = re.compile(r"\s(?:[sdw]\s*/\s*o|son\s+of|daughter\s+of|wife\s+of)\.?\s", re.IGNORECASE)
# Arabic bin/ibn (son of), bint (daughter of): the name chain of the Gulf is given name, father, grandfather,
# family name (al-...), with the connector or without it (Салим ибн Рашед аль-Харби = Salem Rashed Rashid Al
# Harbi). Dropped, the chain keeps its order, so the father's word stays in the father's place
_ARABIC_CONNECTORS = {"bin", "ibn", "bint", "binti"}
# A hyphen inside a name joins the parts of one name (Mongolian Bat-Erdene = Батэрдэнэ, Abdul-Rahman),
# except before a particle (Асанбек-уулу) or after an article (аль-Фаласи), and in Chinese names (Jian-Guo
# is two syllables, compared as such).
_HYPHENATED = re.compile(r"(\w+)-(?=(\w+))")
# Arabic elements that never stand alone: "Abd al-" before the name it governs, "-ullah"/"-uddin" after it
_ABD_HEADS = {"abd", "abdu", "abdul", "abdel", "abdal", "abdur", "abdus", "abduz", "abdun", "abdud", "abdut"}
# (the tails as written, not folded: folded "ula" is also Julia, Iuliia)
_ALLAH_TAILS = {"ullah", "ulla", "ullo", "ulloh", "allah", "ollah", "uddin", "uldin", "улла", "уллах", "улло",
                "уллоҳ", "уддин"}


def _join_hyphen(match: re.Match) -> str:
    first, second = (primary(fold_name_token(w)) for w in match.groups())
    if first in PARTICLES or second in PARTICLES or first in _JOINING_ARTICLES or second in _JOINING_ARTICLES:
        return match.group(0)
    return match.group(1)


# Afghan and Pakistani compound given names begin with Gul (flower), Noor/Nur (light), Mir (prince), Shah:
# Gul Ahmad = Gulahmad = Гуль Ахмад is one name, and another than Ahmad. Turkish and Kazakh Nur and Gül are
# given names of their own (Ayşe Nur Yılmaz, Gül Kaya), so the words are joined only on an Afghan, Pakistani
# or Iranian record, or one of no nationality with a family name besides (three words or more).
_COMPOUND_HEADS = {"gul", "nur", "nor", "mir", "sak"}  # Noor folds to nor (double letters first)
_COMPOUND_NATIONS = {"AF", "PK", "IR"}


def _join_arabic_elements(tokens: list[str], nationality: str = "") -> list[str]:
    compounds = nationality in _COMPOUND_NATIONS or (not nationality and len(tokens) >= 3)
    out: list[str] = []
    for token in tokens:
        head = primary(out[-1]) if out else ""
        if head in _ABD_HEADS or (compounds and head in _COMPOUND_HEADS):
            head = {"nor": "nur"}.get(head, head)
            out[-1] = "|".join(dict.fromkeys(_canon(head + r) for r in readings_of(token) if not r.startswith("~")))
        else:
            out.append(token)
    return out


def parse_name(*parts: str, nationality: str = "") -> NameParts:
    """See `_parse_words`; a father's name after "s/o", "son of"... becomes the patronymic or a name word."""
    text = clean_text(" ".join(p for p in parts if p))
    mark = _FATHER_MARK.search(f" {text} ")
    if not mark:
        return _parse_words(text, nationality)
    padded = f" {text} "
    own = _parse_words(padded[: mark.start()], nationality)
    father = _parse_words(padded[mark.end():], nationality)
    own.year_in_name = own.year_in_name or father.year_in_name
    relatives = [t for t in father.tokens if primary(t) != MUHAMMAD] or father.tokens
    if not relatives:
        return own
    if len(own.tokens) >= 2:
        own.patronymic = own.patronymic or "".join(primary(t) for t in relatives)
    else:
        own.tokens += relatives
        own.father = relatives[-1]
    return own


def _parse_words(text: str, nationality: str = "") -> NameParts:
    """Split a written name (any script, any order, any transliteration) into folded tokens.

    "Токтогулов Бакыт Асанович" → tokens [toktogulov, bakit], patronymic asan
    "Azamat Nurlan uulu"        → tokens [azamat, nurlan], patronymic ""  (X uulu is a surname)
    "Токтогулов Б. А."          → tokens [toktogulov], initials [b, a]
    """
    year = None
    match = _YEAR_IN_NAME.search(text)
    if match:
        year = int(match.group(1))
        text = text[: match.start()] + " " + text[match.end():]
    words = [(w, ini) for w, ini in _split_words(text) if not w.isdigit()]
    result = NameParts(year_in_name=year)
    chinese = looks_chinese([w for w, _ in words], nationality)
    if "-" in text and not chinese:
        words = [(w, ini) for w, ini in _split_words(_HYPHENATED.sub(_join_hyphen, text)) if not w.isdigit()]
    pending_article = ""
    n_words = len(words)
    for word, is_initial in words:
        if is_initial and (chinese and "." not in word):
            is_initial = False  # У (Wu), И (Yi): one-letter Chinese syllables, not initials
        if is_initial:
            # the initial as the letters it folds to: Ж. = Zh. = j, Ш. = Sh. = sk, Ч. = Ch. = ck, Ю. = Yu. = u,
            # Я. = Ya. = a; a one-letter initial stands for the first letter only, a digraph (Sh., Ш.) for
            # two, so Sh. is not Sergei even though both fold to a word beginning with s
            letter = primary(fold_name_token(word.rstrip(".")))
            if letter:
                result.initials.append(letter[:2])
            continue
        token = fold_name_token(word)
        first = primary(token)
        if not first:
            continue
        if word.lower() in _ALLAH_TAILS and result.tokens and not chinese:
            result.tokens[-1] = _canon(primary(result.tokens[-1]) + first)  # Sami Ullah = Samiullah
            continue
        if first in _ARABIC_CONNECTORS and not chinese and result.tokens:
            continue
        if first in PARTICLES:
            if result.tokens and not result.father:
                result.father = result.tokens[-1]  # "Асанбек уулу": the word before the particle
            continue
        if first in _JOINING_ARTICLES and not chinese:
            pending_article = "al"  # el-, ul- and the sun-letter forms are spellings of the one article
            continue
        if pending_article:
            # the article is kept joined to its noun (al falasi = alfalasi = аль-фаласи → "alfalasi")
            token = "|".join(pending_article + r for r in readings_of(token) if not r.startswith("~"))
            pending_article = ""
        run_on = _RUN_ON_PARTICLE.match(first)
        # Turkmen names in -guly "servant of" (Gurbanguly, Annaguly = Курбангулы) end like a run-on ұлы
        if run_on and len(run_on.group(1)) >= 4 and not chinese and not word.lower().endswith(_GULY):
            token = run_on.group(1)
            result.father = result.father or token
        elif n_words == 2 and not chinese and _is_genitive(word, nationality):
            result.father = result.father or token  # Батын Батбаяр: Батбаяр, son of Бат
        if is_patronymic(token) and not result.patronymic and n_words > 2:
            result.patronymic = _PATRONYMIC_END.sub("", primary(token))
            continue
        if chinese:
            reading = chinese_reading(word)
            if reading:
                token = f"{token}|~{reading}"
        result.tokens.append(token)
    if pending_article:
        result.tokens.append(pending_article)
    if not chinese and len(result.tokens) > 1:
        result.tokens = _join_arabic_elements(result.tokens, nationality)
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
    initials: list[str] = field(default_factory=list)
    document_kind: str = ""
    father: str = ""  # the token "X uulu/kyzy" marks as the father's name (see `NameParts.father`)

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
    document_type: str = "",
    phone: str = "",
    agency: str = "",
) -> Profile:
    """Normalise one person record. Separate name fields win over the full name when given."""
    nat = (nationality or "").upper()
    name = (parse_name(surname, given_names, nationality=nat) if (surname or given_names)
            else parse_name(full_name, nationality=nat))
    if not name.tokens:
        name = parse_name(full_name, nationality=nat)
    patr = name.patronymic
    if patronymic:
        folded = primary(fold_name_token(patronymic.split()[0])) if patronymic.split() else ""
        patr = _PATRONYMIC_END.sub("", folded) if folded not in PARTICLES else ""
    document = normalise_document_number(document_number)
    if birth_date is None:
        birth_date = birth_date_from_document(document)
    year = birth_date.year if birth_date else (birth_year or name.year_in_name or birth_year_from_document(document))
    return Profile(
        record_id=str(record_id),
        tokens=name.tokens,
        initials=name.initials,
        patronymic=patr,
        birth_date=birth_date,
        birth_year=year,
        nationality=(nationality or "").upper(),
        document=document,
        document_kind=_kind_of(document, document_type),
        father=name.father,
        phone=normalise_phone(phone),
        agency=agency,
    )


# ---- personal numbers that encode the birth date ---------------------------------------------------------
# Kazakhstan IIN (12 digits): YYMMDD, then a digit for century and sex (1/2 → 1800s, 3/4 → 1900s,
#   5/6 → 2000s), then five more.
# Kyrgyzstan PIN (14 digits): a sex digit (1 female, 2 male), DDMMYYYY, then five more.
# Uzbekistan PINFL (14 digits): a digit for century and sex (3/4 → 1900s, 5/6 → 2000s), DDMMYY, then seven.
# United Arab Emirates ID (15 digits): 784, the year of birth, seven digits and a check digit.
# China resident identity card (18 characters): six-digit area code, YYYYMMDD, three digits and a check
#   character (0-9 or X).
_CENTURY_KZ = {"1": 1800, "2": 1800, "3": 1900, "4": 1900, "5": 2000, "6": 2000}
_CENTURY_UZ = {"3": 1900, "4": 1900, "5": 2000, "6": 2000}


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    return found if 1900 <= year <= date.today().year else None


def _personal_number(number: str) -> tuple[str, date | None]:
    n = number
    if len(n) == 18 and n[:17].isdigit() and (n[17].isdigit() or n[17] == "X"):
        born = _safe_date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
        if born:
            return "cn_resident_id", born
    if not n.isdigit():
        return "", None
    if len(n) == 12 and n[6] in _CENTURY_KZ:
        born = _safe_date(_CENTURY_KZ[n[6]] + int(n[:2]), int(n[2:4]), int(n[4:6]))
        if born:
            return "kz_iin", born
    if len(n) == 14 and n[0] in "12":
        born = _safe_date(int(n[5:9]), int(n[3:5]), int(n[1:3]))
        if born:
            return "kg_pin", born
    if len(n) == 15 and n.startswith("784") and 1900 <= int(n[3:7]) <= 2030:
        # the Emirates ID: 784 (the country), the year of birth, a serial and a check digit; the year only
        return "ae_emirates_id", None
    if len(n) == 14 and n[0] in _CENTURY_UZ:
        born = _safe_date(_CENTURY_UZ[n[0]] + int(n[5:7]), int(n[3:5]), int(n[1:3]))
        if born:
            return "uz_pinfl", born
    return "", None


def document_kind(number: str) -> str:
    """The kind a normalised document number's format shows: a personal number (kz_iin, kg_pin, uz_pinfl,
    cn_resident_id) or "document" (passport, ID card: letters and digits of no date-bearing format)."""
    if not number:
        return ""
    kind, _born = _personal_number(number)
    return kind or "document"


def birth_year_from_document(number: str) -> int | None:
    """The birth year a personal number encodes (the Emirates ID writes the year alone)."""
    kind, born = _personal_number(number) if number else ("", None)
    if born:
        return born.year
    return int(number[3:7]) if kind == "ae_emirates_id" else None


def birth_date_from_document(number: str) -> date | None:
    """The birth date a personal number encodes (None for passports and unreadable numbers)."""
    return _personal_number(number)[1] if number else None


def _kind_of(document: str, document_type: str) -> str:
    kind = document_kind(document)
    return document_type if kind == "document" and document_type else kind
