"""Generate countries.csv from pycountry (ISO 3166-1 and the iso-codes translations).

Run once by hand, not at runtime (pycountry is not a dependency of the project):

    pip install --target /tmp/pyc pycountry
    PYTHONPATH=/tmp/pyc python agencies/data/make_countries.py > agencies/data/countries.csv

English names use pycountry's common name where it has one ("Bolivia", "Iran"...). Russian and
Kyrgyz names come from the iso-codes catalogues shipped with pycountry; OVERRIDES corrects the
Kyrgyz entries that are missing, untranslated or wrong there, and a few Russian ones to the form
used in Kyrgyzstan. A missing Kyrgyz name falls back to the Russian one.
"""
import csv
import gettext
import sys

import pycountry

# iso2: (en, ru, ky); an empty string keeps the generated value.
OVERRIDES: dict[str, tuple[str, str, str]] = {
    "KG": ("", "Кыргызстан", "Кыргызстан"),
    "CD": ("Democratic Republic of the Congo", "", "Конго Демократиялык Республикасы"),
    "CG": ("Congo", "Республика Конго", "Конго Республикасы"),
    "TR": ("Türkiye", "Турция", "Түркия"),
    "MK": ("", "", "Түндүк Македония"),
    "SZ": ("", "", "Эсватини"),
    "SG": ("", "", "Сингапур"),
    "MP": ("", "Северные Марианские острова", "Түндүк Мариана аралдары"),
    "US": ("United States", "Соединённые Штаты Америки", "Америка Кошмо Штаттары"),
    "GB": ("", "Великобритания", "Улуу Британия"),
    "LA": ("", "Лаос", "Лаос"),
    "PG": ("", "", "Папуа — Жаңы Гвинея"),
    "CZ": ("", "", "Чехия"),
    "HT": ("", "", "Гаити"),
    "MG": ("", "", "Мадагаскар"),
    "RE": ("", "", "Реюньон"),
    "GF": ("", "", "Француз Гвианасы"),
    "PF": ("", "", "Француз Полинезиясы"),
    "HU": ("", "", "Венгрия"),
    "TW": ("", "Тайвань", "Тайвань"),
    "ZA": ("", "Южно-Африканская Республика", "Түштүк Африка Республикасы"),
    "KR": ("", "Республика Корея", "Корея Республикасы"),
    "KP": ("", "КНДР", "Корея Элдик Демократиялык Республикасы"),
    "ME": ("", "", "Черногория"),
    "AE": ("", "", "Бириккен Араб Эмираттары"),
    "SA": ("", "", "Сауд Арабиясы"),
    "IR": ("", "", "Иран"),
    "AF": ("", "", "Ооганстан"),
    "CN": ("", "", "Кытай"),
    "RU": ("", "Российская Федерация", "Россия Федерациясы"),
    "VN": ("", "", "Вьетнам"),
    "CI": ("", "", "Кот-д'Ивуар"),
}


def main() -> None:
    ru = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])
    ky = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ky"])
    out = csv.writer(sys.stdout, lineterminator="\n")
    print(f"# ISO 3166-1 from pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}"
          " (iso-codes); corrections in make_countries.py", file=sys.stdout)
    out.writerow(["iso2", "iso3", "name_en", "name_ru", "name_ky"])
    rows = []
    for c in pycountry.countries:
        en = getattr(c, "common_name", None) or c.name
        name_ru = ru.gettext(c.name)
        name_ky = ky.gettext(c.name)
        if name_ky == c.name:  # untranslated
            name_ky = name_ru
        o_en, o_ru, o_ky = OVERRIDES.get(c.alpha_2, ("", "", ""))
        rows.append([c.alpha_2, c.alpha_3, o_en or en, o_ru or name_ru, o_ky or name_ky])
    for row in sorted(rows):
        out.writerow(row)


if __name__ == "__main__":
    main()
