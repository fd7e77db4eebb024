"""Turning the cells of an agency's file into values: dates, numbers, units, species and terms,
countries and persons. Each parser returns the value and a list of warnings, or raises `CellError`
with a translated message.

Sources of the word lists below:
- part words → CITES term codes: the Russian names of the CITES terms in species/data/terms.csv
  (CITES Guidelines for the preparation of annual reports, term codes; cites.md section 1), with the
  singular, plural and genitive forms officers write;
- units: the CITES unit codes in species/data/units.csv (cites.md section 2) and the Russian
  abbreviations of ГОСТ 8.417-2002 (кг, г, мг, т, л, мл, м, см) plus "шт." (pieces = number of specimens);
- country short forms: ISO 3166-1 codes plus the abbreviations of Russian and Kyrgyz official usage
  (КНР, РК, РФ, ОАЭ, США, КР...);
- vernacular species names not in the taxon list: "степная черепаха" is the usual Russian name of
  Testudo horsfieldii (Red Data Book of the Kyrgyz Republic, 2nd ed. 2006: "Среднеазиатская (степная)
  черепаха").
"""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from common.hygiene import clean_text


class CellError(ValueError):
    """A cell whose value cannot be used."""


# --- dates ----------------------------------------------------------------------------------------

_DATE_DMY = re.compile(r"^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{2}|\d{4})(?:[ T,]+(\d{1,2})[:.](\d{2})(?::(\d{2}))?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?")
_YEAR_ONLY = re.compile(r"^(\d{4})(?:\s*г\.?)?$")
EXCEL_EPOCH = datetime.datetime(1899, 12, 30)


def _two_digit_year(yy: int, today: datetime.date) -> int:
    """'19' → 2019; a two-digit year after this year's belongs to the last century ('87' → 1987)."""
    year = 2000 + yy
    return year if year <= today.year else 1900 + yy


def parse_date(value: object, *, allow_year_only: bool = False) -> tuple[datetime.datetime | int, list[str]]:
    """A day-first date (with or without time), an Excel date cell or an Excel serial number."""
    today = timezone.localdate()
    if isinstance(value, datetime.datetime):
        return value, []
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time()), []
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel serial (1900 system)
            if allow_year_only and 1900 <= value <= today.year and float(value).is_integer():
                return int(value), []
            return EXCEL_EPOCH + datetime.timedelta(days=float(value)), []
        raise CellError(_("“%(value)s” is not a date.") % {"value": value})
    text = clean_text(str(value or "")).strip().rstrip("г.").strip()
    if not text:
        raise CellError(_("The date is empty."))
    match = _DATE_DMY.match(text)
    parts = None
    if match:
        day, month, year = int(match[1]), int(match[2]), match[3]
        year = _two_digit_year(int(year), today) if len(year) == 2 else int(year)
        parts = (year, month, day, match[4], match[5], match[6])
    elif match := _DATE_ISO.match(text):
        parts = (int(match[1]), int(match[2]), int(match[3]), match[4], match[5], match[6])
    elif allow_year_only and (match := _YEAR_ONLY.match(text)):
        return int(match[1]), []
    elif re.fullmatch(r"\d{4,5}(\.\d+)?", text):
        return parse_date(float(text), allow_year_only=allow_year_only)
    if parts is None:
        raise CellError(_("“%(value)s” is not a date (write it as day.month.year).") % {"value": text})
    year, month, day, hh, mm, ss = parts
    try:
        return datetime.datetime(year, month, day, int(hh or 0), int(mm or 0), int(ss or 0)), []
    except ValueError as exc:
        raise CellError(_("The date “%(value)s” does not exist.") % {"value": text}) from exc


# --- numbers and units ----------------------------------------------------------------------------

_NUMBER = re.compile(r"^([-−–]?\s*\d[\d\s\u00a0\u202f']*(?:[.,]\d+)?)\s*(.*)$")


def parse_number(text: str) -> tuple[Decimal, str]:
    """'1 200,5 кг' → (Decimal('1200.5'), 'кг'): decimal comma, spaces or apostrophes between thousands."""
    text = clean_text(text).strip()
    match = _NUMBER.match(text)
    if not match:
        raise CellError(_("“%(value)s” is not a number.") % {"value": text})
    raw = re.sub(r"[\s\u00a0\u202f']", "", match[1]).replace("−", "-").replace("–", "-")
    if raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    try:
        return Decimal(raw), match[2].strip()
    except InvalidOperation as exc:
        raise CellError(_("“%(value)s” is not a number.") % {"value": text}) from exc


#: Unit words (lower case, without dots) → CITES unit code; "" = number of specimens.
UNIT_WORDS = {
    "шт": "", "штук": "", "штука": "", "штуки": "", "экз": "", "экземпляр": "", "экземпляров": "",
    "экземпляра": "", "особь": "", "особей": "", "особи": "", "гол": "", "голов": "", "головы": "",
    "даана": "", "дана": "", "баш": "", "pcs": "", "pc": "", "specimens": "", "specimen": "", "no": "",
    "кг": "KIL", "килограмм": "KIL", "килограммов": "KIL", "килограмма": "KIL", "kg": "KIL", "kil": "KIL",
    "г": "GRM", "гр": "GRM", "грамм": "GRM", "граммов": "GRM", "грамма": "GRM", "g": "GRM", "grm": "GRM",
    "мг": "MGM", "mg": "MGM", "т": "TON", "тонн": "TON", "тонна": "TON", "t": "TON",
    "л": "LTR", "литр": "LTR", "литров": "LTR", "литра": "LTR", "l": "LTR", "ltr": "LTR",
    "мл": "MLT", "ml": "MLT", "м": "MTR", "m": "MTR", "см": "CTM", "cm": "CTM", "м2": "SQM", "кв м": "SQM",
    "пара": "PAI", "пары": "PAI", "пар": "PAI", "жуп": "PAI", "pairs": "PAI", "pair": "PAI",
    "набор": "SET", "наборов": "SET", "комплект": "SET", "комплекта": "SET", "set": "SET", "sets": "SET",
    "коробка": "BOX", "коробки": "BOX", "коробок": "BOX", "мешок": "BAG", "мешка": "BAG", "мешков": "BAG",
    "бутылка": "BOT", "бутылки": "BOT", "бутылок": "BOT", "банка": "CAN", "банки": "CAN", "банок": "CAN",
}


def unit_code_for(word: str) -> str | None:
    """The CITES unit code of a unit word ('кг.' → 'KIL', 'шт.' → '' (specimens)); None when unknown."""
    key = " ".join(re.sub(r"[.\s]+", " ", (word or "").lower().replace("ё", "е")).split())
    if not key:
        return None
    if key in UNIT_WORDS:
        return UNIT_WORDS[key]
    upper = key.upper()
    return upper if re.fullmatch(r"[A-Z]{3}", upper) else None


# --- the name index -------------------------------------------------------------------------------

def _word_key(text: str) -> list[str]:
    return re.findall(r"[a-zа-яәөүңғқұһі0-9]+", (text or "").lower().replace("ё", "е"))


def stem(word: str) -> str:
    """A crude stem that lets Russian case endings meet: 'сайги', 'сайгак' → 'сайг'; 'осетра' → 'осет'."""
    return word[:4] if len(word) <= 6 else word[:5]


def stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _word_key(text) if len(w) >= 3 or w.isdigit())


#: Part words (stems as `stem` makes them) → CITES term code.
PART_WORDS = {
    "рог": "HOR", "рога": "HOR", "рогов": "HOR", "мүйүз": "HOR", "horn": "HOR", "horns": "HOR",
    "шкура": "SKI", "шкуры": "SKI", "шкур": "SKI", "шкурка": "SKI", "шкурки": "SKI", "тери": "SKI",
    "терилер": "SKI", "skin": "SKI", "skins": "SKI",
    "живой": "LIV", "живые": "LIV", "живая": "LIV", "живых": "LIV", "живое": "LIV", "тирүү": "LIV",
    "live": "LIV", "alive": "LIV",
    "икра": "CAV", "икры": "CAV", "увылдырык": "CAV", "caviar": "CAV",
    "мясо": "MEA", "мяса": "MEA", "эт": "MEA", "meat": "MEA",
    "перья": "FEA", "перо": "FEA", "feathers": "FEA",
    "яйца": "EGG", "яйцо": "EGG", "яиц": "EGG", "жумуртка": "EGG", "eggs": "EGG",
    "кость": "BON", "кости": "BON", "костей": "BON", "сөөк": "BON", "bones": "BON",
    "тушка": "BOD", "тушки": "BOD", "тушек": "BOD", "туша": "BOD", "труп": "BOD", "чучело": "BOD",
    "чучела": "BOD", "body": "BOD", "bodies": "BOD",
    "череп": "SKU", "черепа": "SKU", "skull": "SKU", "skulls": "SKU",
    "когти": "CLA", "коготь": "CLA", "claws": "CLA", "клыки": "TEE", "зубы": "TEE", "teeth": "TEE",
    "лапы": "FOO", "хвост": "TAI", "хвосты": "TAI", "желчь": "GAL", "мускус": "MUS", "трофей": "TRO",
    "трофеи": "TRO", "trophy": "TRO", "trophies": "TRO", "голова": "HEA", "головы": "HEA",
}

#: Vernacular names not (yet) among the taxon names, with their source in the module docstring.
VERNACULAR_ALIASES = {
    "степная черепаха": "Testudo horsfieldii",
}


@dataclass
class SpeciesMatch:
    taxon: object | None
    term_code: str | None
    warnings: list[str] = field(default_factory=list)


def split_part(text: str) -> tuple[str, str | None]:
    """'рога сайги' → ('сайги', 'HOR'); the part word is removed from the name."""
    words = (text or "").split()
    kept, term = [], None
    for word in words:
        code = PART_WORDS.get(re.sub(r"[^\wәөүң]", "", word.lower().replace("ё", "е")))
        if code and term is None:
            term = code
        else:
            kept.append(word)
    return " ".join(kept), term


class NameIndex:
    """Every name of every active taxon (scientific, synonyms, English, Russian, Kyrgyz names, the words in
    brackets), by exact lower-case name and by stem set, loaded once for a whole file."""

    RANK_ORDER = ["species", "subspecies", "variety", "genus", "family", "order", "class", "phylum", "kingdom"]

    def __init__(self) -> None:
        from species.models import Taxon, TaxonSynonym

        self.taxa = {t.pk: t for t in Taxon.objects.filter(is_active=True)}
        self.exact: dict[str, set[int]] = {}
        self.by_stems: list[tuple[frozenset[str], int]] = []
        names: list[tuple[str, int]] = []
        for taxon in self.taxa.values():
            names.append((taxon.scientific_name, taxon.pk))
            for lang in ("en", "ru", "ky"):
                value = getattr(taxon, f"common_name_{lang}", "") or ""
                names.append((value, taxon.pk))
                for inner in re.findall(r"\(([^)]+)\)", value):
                    names.append((inner, taxon.pk))
                names.append((re.sub(r"\([^)]*\)", " ", value), taxon.pk))
        for synonym in TaxonSynonym.objects.filter(taxon__is_active=True):
            names.append((synonym.name, synonym.taxon_id))
        by_name = {t.scientific_name.lower(): t.pk for t in self.taxa.values()}
        for alias, scientific in VERNACULAR_ALIASES.items():
            if scientific.lower() in by_name:
                names.append((alias, by_name[scientific.lower()]))
        for name, pk in names:
            key = " ".join(_word_key(name))
            if not key:
                continue
            self.exact.setdefault(key, set()).add(pk)
            self.by_stems.append((stems(name), pk))
        self._cache: dict[str, SpeciesMatch] = {}

    def _best(self, pks: set[int]) -> list[int]:
        def rank(pk: int) -> int:
            r = self.taxa[pk].rank
            return self.RANK_ORDER.index(r) if r in self.RANK_ORDER else 99
        low = min(rank(pk) for pk in pks)
        return sorted(pk for pk in pks if rank(pk) == low)

    def _candidates(self, name: str) -> set[int]:
        key = " ".join(_word_key(name))
        if key in self.exact:
            return set(self.exact[key])
        wanted = stems(name)
        if not wanted:
            return set()
        same = {pk for s, pk in self.by_stems if s == wanted}
        if same:
            return same
        return {pk for s, pk in self.by_stems if wanted <= s}

    def resolve(self, text: str, part_text: str = "") -> SpeciesMatch:
        cache_key = f"{text}\x00{part_text}"
        if cache_key in self._cache:
            return self._cache[cache_key]
        result = self._resolve(text, part_text)
        self._cache[cache_key] = result
        return result

    def _resolve(self, text: str, part_text: str) -> SpeciesMatch:
        raw = clean_text(text or "").strip()
        if not raw:
            raise CellError(_("The species is empty."))
        name, term = split_part(raw)
        if part_text:
            _rest, part_term = split_part(clean_text(part_text))
            term = part_term or term
            if part_term is None:
                term = term or part_text_code(part_text)
        candidates = self._candidates(name or raw)
        if not candidates:
            candidates = self._form_search(name or raw)
        if not candidates:
            raise CellError(_("The species “%(value)s” is not in the species list.") % {"value": raw})
        best = self._best(candidates)
        if len(best) > 1:
            names = ", ".join(sorted(self.taxa[pk].scientific_name for pk in best)[:4])
            raise CellError(_("“%(value)s” fits several taxa (%(names)s); write the scientific name.")
                            % {"value": raw, "names": names})
        taxon = self.taxa[best[0]]
        warnings = []
        if taxon.rank not in ("species", "subspecies", "variety"):
            warnings.append(_("“%(value)s” was identified only to the %(rank)s %(name)s.")
                            % {"value": raw, "rank": taxon.get_rank_display().lower(), "name": taxon.scientific_name})
        return SpeciesMatch(taxon=taxon, term_code=term, warnings=warnings)

    def _form_search(self, name: str) -> set[int]:
        """The search the case form uses (species.filtersets.search_taxa), as the last resort."""
        from species.filtersets import search_taxa
        from species.models import Taxon

        if len(name.strip()) < 3:
            return set()
        return set(search_taxa(Taxon.objects.filter(is_active=True), name).values_list("pk", flat=True)[:5])


def part_text_code(text: str) -> str | None:
    """A CITES term code written as such ('HOR') or a term's name in any language ('рога', 'horns')."""
    from species.models import Term

    value = clean_text(text or "").strip()
    if not value:
        return None
    if re.fullmatch(r"[A-Za-z]{3}", value) and Term.objects.filter(code=value.upper()).exists():
        return value.upper()
    q = Q()
    for lang in ("en", "ru", "ky"):
        q |= Q(**{f"name_{lang}__iexact": value}) | Q(**{f"name_{lang}__iexact": value.lower()})
    term = Term.objects.filter(q).first()
    return term.code if term else None


# --- countries ------------------------------------------------------------------------------------

#: Short forms in use (Russian, Kyrgyz, English) → ISO alpha-2.
COUNTRY_SHORT_FORMS = {
    "кнр": "CN", "китай": "CN", "кытай": "CN", "prc": "CN", "china": "CN",
    "рк": "KZ", "казахстан": "KZ", "казакстан": "KZ", "kazakhstan": "KZ",
    "рф": "RU", "россия": "RU", "орусия": "RU", "russia": "RU",
    "кр": "KG", "киргизия": "KG", "кыргызстан": "KG", "кыргызская республика": "KG",
    "оаэ": "AE", "уаэ": "AE", "uae": "AE", "бааэ": "AE",
    "сша": "US", "usa": "US", "ак": "US", "uk": "GB", "великобритания": "GB",
    "руз": "UZ", "узбекистан": "UZ", "өзбекстан": "UZ", "рт": "TJ", "таджикистан": "TJ", "тажикстан": "TJ",
    "туркмения": "TM", "иран": "IR", "турция": "TR", "түркия": "TR", "вьетнам": "VN", "корея": "KR",
    "южная корея": "KR", "гонконг": "HK", "hong kong": "HK",
}


class CountryIndex:
    def __init__(self) -> None:
        from agencies.models import Country

        self.by_key: dict[str, object] = {}
        countries = list(Country.objects.all())
        by_iso = {c.iso2: c for c in countries}
        for country in countries:
            for value in (country.iso2, country.iso3, country.name_en, country.name_ru, country.name_ky):
                if value:
                    self.by_key.setdefault(self.key(value), country)
        for short, iso in COUNTRY_SHORT_FORMS.items():
            if iso in by_iso:
                self.by_key[self.key(short)] = by_iso[iso]

    @staticmethod
    def key(text: str) -> str:
        return " ".join(re.sub(r"[^\w]+", " ", (text or "").lower().replace("ё", "е")).split())

    def resolve(self, text: object) -> object | None:
        value = clean_text(str(text or "")).strip()
        if not value:
            return None
        country = self.by_key.get(self.key(value))
        if country is None:
            raise CellError(_("The country “%(value)s” is not known.") % {"value": value})
        return country


# --- persons --------------------------------------------------------------------------------------

_INITIALS = re.compile(r"^([^\W\d_]\.)\s*([^\W\d_]\.)?$")


def split_person(text: str) -> dict[str, str]:
    """'Асанов Алмаз Токтогулович' → surname, given names, patronymic; 'Асанов А.Т.' → 'Асанов', 'А.', 'Т.'."""
    full = " ".join(clean_text(text or "").split())
    if not full:
        return {}
    words = full.split(" ")
    surname, rest = words[0], words[1:]
    given = patronymic = ""
    if len(rest) == 1 and (m := _INITIALS.match(rest[0].replace(". ", "."))):
        given, patronymic = m[1], m[2] or ""
    elif len(rest) == 1 and re.fullmatch(r"([^\W\d_]\.){2}", rest[0]):
        given, patronymic = rest[0][:2], rest[0][2:]
    elif len(rest) == 2 and all(re.fullmatch(r"[^\W\d_]\.", w) for w in rest):
        given, patronymic = rest
    elif rest:
        last = rest[-1].lower()
        patronymic_endings = ("вич", "вна", "ична", "ович", "евич", "уулу", "кызы", "углы", "кизи", "улы", "қызы")
        if len(rest) >= 2 and last.endswith(patronymic_endings):
            given, patronymic = " ".join(rest[:-1]), rest[-1]
        elif len(rest) >= 2 and rest[-1].lower() in ("уулу", "кызы", "улы", "кизи", "угли"):
            given, patronymic = " ".join(rest[:-2]) or rest[0], " ".join(rest[-2:])
        else:
            given = " ".join(rest)
    return {"full_name": full[:255], "surname": surname[:120], "given_names": given[:120],
            "patronymic": patronymic[:120]}
