import datetime
from decimal import Decimal

import pytest

from imports.fields import suggest_mapping
from imports.parsing import CellError, CountryIndex, NameIndex, parse_date, parse_number, split_person, unit_code_for
from imports.reading import read_table

from .fixtures import CP1251_CSV, messy_xlsx


def test_dates_day_first_two_digit_years_serials_and_impossible_dates():
    assert parse_date("12.03.19")[0] == datetime.datetime(2019, 3, 12)
    assert parse_date("12.03.2019 14:30")[0] == datetime.datetime(2019, 3, 12, 14, 30)
    assert parse_date("7/11/87")[0] == datetime.datetime(1987, 11, 7)
    assert parse_date(43900)[0] == datetime.datetime(2020, 3, 10)
    assert parse_date("2019-03-12")[0] == datetime.datetime(2019, 3, 12)
    assert parse_date("1980", allow_year_only=True)[0] == 1980
    with pytest.raises(CellError):
        parse_date("31.02.2020")
    with pytest.raises(CellError):
        parse_date("весной")


def test_numbers_with_decimal_commas_thousand_spaces_and_units():
    assert parse_number("2,5 кг") == (Decimal("2.5"), "кг")
    assert parse_number("1 200") == (Decimal("1200"), "")
    assert parse_number("1\u00a0200,75") == (Decimal("1200.75"), "")
    assert parse_number("-2")[0] == Decimal("-2")
    assert parse_number("15 шт.") == (Decimal("15"), "шт.")
    assert unit_code_for("шт.") == ""
    assert unit_code_for("кг.") == "KIL"
    assert unit_code_for("г") == "GRM"
    assert unit_code_for("пары") == "PAI"
    assert unit_code_for("бочонок") is None


@pytest.mark.django_db
def test_species_as_people_write_them(reference):
    index = NameIndex()
    cases = {
        "Сайгак": ("Saiga tatarica", None), "сайга": ("Saiga tatarica", None),
        "рога сайги": ("Saiga tatarica", "HOR"), "балобан": ("Falco cherrug", None),
        "Falco cherrug": ("Falco cherrug", None), "степная черепаха": ("Testudo horsfieldii", None),
        "ирбис": ("Panthera uncia", None), "осетр русский": ("Acipenser gueldenstaedtii", None),
        "Русский осётр": ("Acipenser gueldenstaedtii", None), "шкура ирбиса": ("Panthera uncia", "SKI"),
        "Акбөкөн": ("Saiga tatarica", None), "Uncia uncia": ("Panthera uncia", None),
    }
    for text, (name, term) in cases.items():
        match = index.resolve(text)
        assert (match.taxon.scientific_name, match.term_code) == (name, term), text
    assert index.resolve("балобан", "живые").term_code == "LIV"
    assert index.resolve("осетр русский", "икра").term_code == "CAV"
    genus = index.resolve("Testudo")
    assert genus.taxon.rank == "genus" and genus.warnings
    with pytest.raises(CellError):
        index.resolve("Несуществующий зверь")


@pytest.mark.django_db
def test_countries_by_names_codes_and_short_forms(reference):
    index = CountryIndex()
    expected = {"КНР": "CN", "Китай": "CN", "РК": "KZ", "Казахстан": "KZ", "РФ": "RU", "ОАЭ": "AE", "UAE": "AE",
                "KZ": "KZ", "KGZ": "KG", "Кытай": "CN", "Kazakhstan": "KZ", "кр": "KG"}
    for text, iso in expected.items():
        assert index.resolve(text).iso2 == iso, text
    with pytest.raises(CellError):
        index.resolve("Атлантида")


def test_persons_split_into_surname_given_names_patronymic():
    assert split_person("Асанов А.Т.") == {"full_name": "Асанов А.Т.", "surname": "Асанов", "given_names": "А.",
                                            "patronymic": "Т."}
    person = split_person("Петров  Иван Сергеевич")
    assert (person["surname"], person["given_names"], person["patronymic"]) == ("Петров", "Иван", "Сергеевич")
    assert split_person("Асанов А. Т.")["patronymic"] == "Т."
    assert split_person("Zhang Wei")["given_names"] == "Wei"


def test_cp1251_csv_with_title_rows():
    table = read_table(CP1251_CSV)
    assert table.encoding == "cp1251" and table.separator == ";"
    assert table.header_row == 3
    assert table.rows[0][0] == 4  # the file's own line number
    assert len(table.rows) == 5  # empty rows dropped
    mapping = suggest_mapping(table.headings)
    assert {"case_number", "occurred_at", "species", "part", "quantity", "unit", "origin_country",
            "destination_country", "person", "birth_date", "nationality", "post", "notes"} <= set(mapping)


def test_xlsx_with_title_rows_merged_headings_and_date_cells():
    table = read_table(messy_xlsx())
    mapping = suggest_mapping(table.headings)
    assert mapping["quantity"] == 3 and mapping["unit"] == 4 and mapping["case_number"] == 0
    assert [n for n, _cells in table.rows] == [5, 6, 7]
    assert table.rows[1][1][0] == "X-100"  # merged case number fills the second item row
    assert table.rows[0][1][1] == datetime.datetime(2020, 5, 17)
