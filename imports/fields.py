"""The fields an imported row can fill, and the headings agencies use for them (Russian, Kyrgyz, English).

Headings are compared after `heading_key` (lower case, ё→е, punctuation and spaces removed), so
"Ед. изм.", "ед.изм" and "ЕД ИЗМ" are one heading. The lists were written from the column names of
agency registers as described in issue #19 and the usual abbreviations of Russian office practice.

Country of export (`export_country`): the CITES term is "country of export/re-export" (the country the
shipment left under a permit or certificate; Res. Conf. 12.3, cites.md §6). In the customs declaration
of the Eurasian Economic Union (form approved by Decision No. 257 of the Customs Union Commission,
20 May 2010) column 15 is "Страна отправления" (the country the goods were dispatched from) and
column 16 "Страна происхождения" (country of origin), so "страна отправления" is read as the country of
export, not of origin; "страна вывоза" (country of exportation) is a common synonym in customs practice.
Kyrgyz: "экспорттоочу өлкө" (exporting country), "экспорт өлкөсү", "жөнөтүүчү өлкө" (sending country).
"""
from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _

FIELDS: dict[str, object] = {
    "case_number": _("Case number"),
    "occurred_at": _("Date of seizure"),
    "species": _("Species"),
    "part": _("Part or product"),
    "quantity": _("Quantity"),
    "unit": _("Unit"),
    "origin_country": _("Country of origin"),
    "export_country": _("Country of export/re-export"),
    "destination_country": _("Country of destination"),
    "person": _("Offender (full name)"),
    "birth_date": _("Date of birth"),
    "nationality": _("Citizenship"),
    "post": _("Post"),
    "location": _("Place of seizure"),
    "notes": _("Notes"),
}
#: A row cannot be read without these.
REQUIRED_FIELDS = ("case_number", "occurred_at", "species", "quantity")

HEADINGS: dict[str, list[str]] = {
    "case_number": [
        "номер дела", "№ дела", "no дела", "номер протокола", "№ протокола", "номер", "№", "рег номер",
        "регистрационный номер", "иш номери", "иштин номери", "№ иш", "case number", "case no", "case",
        "reference", "ref",
    ],
    "occurred_at": [
        "дата изъятия", "дата", "дата задержания", "дата выявления", "дата обнаружения", "дата правонарушения",
        "алынган күнү", "кармалган күнү", "алып коюлган күнү", "күнү", "дата изьятия", "date of seizure",
        "seizure date", "date",
    ],
    "species": [
        "вид", "наименование", "наименование вида", "вид животного", "вид растения", "объект", "предмет изъятия",
        "изъято", "түр", "түрү", "аталышы", "жаныбардын түрү", "species", "taxon", "name", "scientific name",
        "description",
    ],
    "part": [
        "продукция", "вид продукции", "часть", "части", "дериват", "тип", "продукция түрү", "бөлүгү", "part",
        "product", "term", "specimen",
    ],
    "quantity": [
        "количество", "кол-во", "кол во", "колво", "объем", "вес", "саны", "көлөмү", "салмагы", "quantity",
        "qty", "amount", "count",
    ],
    "unit": [
        "ед изм", "единица измерения", "единица", "ед", "өлчөө бирдиги", "бирдиги", "unit", "units", "uom",
    ],
    "origin_country": [
        "страна происхождения", "откуда", "келип чыккан өлкө", "чыккан өлкө",
        "country of origin", "origin", "from",
    ],
    "export_country": [
        "страна экспорта", "страна экспорта реэкспорта", "страна экспорта/реэкспорта", "страна реэкспорта",
        "страна вывоза", "страна отправления", "страна экспортер",
        "экспорттоочу өлкө", "экспорттоочу олко", "экспорт өлкөсү", "экспорттоо өлкөсү", "реэкспорттоочу өлкө",
        "жөнөтүүчү өлкө", "жөнөтүлгөн өлкө", "country of export", "country of export/re-export",
        "country of re-export", "export country", "exporting country", "country exported from",
    ],
    "destination_country": [
        "страна назначения", "куда", "страна получения", "баруучу өлкө", "бара турган өлкө",
        "country of destination", "destination", "to",
    ],
    "person": [
        "фио", "ф и о", "фамилия имя отчество", "нарушитель", "правонарушитель", "задержанный", "лицо",
        "подозреваемый", "аты жөнү", "аты-жөнү", "мыйзам бузуучу", "offender", "full name", "suspect", "person",
        "name of offender",
    ],
    "birth_date": [
        "дата рождения", "год рождения", "д р", "туулган күнү", "туулган жылы", "date of birth", "birth date", "dob",
    ],
    "nationality": [
        "гражданство", "гражданин", "жарандыгы", "жарандык", "nationality", "citizenship",
    ],
    "post": [
        "пост", "таможенный пост", "пункт пропуска", "кпп", "подразделение", "бекет", "бажы бекети",
        "өткөрүү пункту", "post", "checkpoint", "border post",
    ],
    "location": [
        "место изъятия", "место", "место задержания", "алынган жер", "жери", "place", "location",
        "place of seizure",
    ],
    "notes": [
        "примечание", "примечания", "комментарий", "дополнительно", "эскертүү", "эскертме", "notes", "remarks",
        "comment", "comments",
    ],
}

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


def heading_key(text: object) -> str:
    """'Ед. изм.' → 'едизм'; 'Ф.И.О.' → 'фио'; ё → е."""
    return _NON_WORD.sub("", str(text or "").lower().replace("ё", "е"))


_EXACT = {heading_key(alias): field for field, aliases in HEADINGS.items() for alias in aliases}


def field_for_heading(text: object) -> str | None:
    """The field a heading names: an exact alias first, then the longest alias the heading starts with."""
    key = heading_key(text)
    if not key:
        return None
    if key in _EXACT:
        return _EXACT[key]
    best = None
    for alias, field in _EXACT.items():
        if len(alias) >= 4 and key.startswith(alias) and (best is None or len(alias) > len(best[0])):
            best = (alias, field)
    return best[1] if best else None


def suggest_mapping(headings: list[str]) -> dict[str, int]:
    """Field → column index, from the headings (the first column naming a field wins)."""
    mapping: dict[str, int] = {}
    for index, heading in enumerate(headings):
        field = field_for_heading(heading)
        if field and field not in mapping:
            mapping[field] = index
    return mapping
