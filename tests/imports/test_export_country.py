"""The import of past seizures reads the country of export/re-export (headings in three languages,
ISO codes and country names in three languages), and says which countries it does not know."""
from __future__ import annotations

import pytest
from django.utils import translation

from imports.fields import field_for_heading
from imports.services import WARNING, create_batch, run_import
from seizures.models import Case


@pytest.mark.parametrize("heading", [
    "Страна экспорта", "Страна экспорта/реэкспорта", "СТРАНА ВЫВОЗА", "Страна отправления",
    "Экспорттоочу өлкө", "экспорт өлкөсү", "Country of export/re-export", "Export country", "Exporting country",
])
def test_export_headings_name_the_export_country(heading):
    assert field_for_heading(heading) == "export_country"


def test_origin_and_export_headings_stay_apart():
    assert field_for_heading("Страна происхождения") == "origin_country"
    assert field_for_heading("Country of origin") == "origin_country"
    assert field_for_heading("Export permit") is None  # a permit number is not a country


CSV = (
    "Номер дела;Дата изъятия;Наименование;Продукция;Кол-во;Страна происхождения;Страна экспорта;"
    "Страна назначения\n"
    "E-1;12.03.2021;Балобан;живые;2;Монголия;РК;ОАЭ\n"
    "E-2;13.03.2021;рога сайги;;4;;KAZ;Китай\n"
    "E-3;14.03.2021;рога сайги;;3;;Kazakhstan;Китай\n"
    "E-4;15.03.2021;рога сайги;;1;;Кытай;\n"
    "E-5;16.03.2021;рога сайги;;1;;Атлантида;Китай\n"
    "E-6;17.03.2021;рога сайги;;5;;;Китай\n"
)


@pytest.mark.django_db
def test_import_writes_export_country_and_warns_of_unknown_ones(supervisor, customs):
    data = CSV.encode()
    with translation.override("en"):
        batch = create_batch(supervisor, customs, data, "export.csv", skip_invalid=False)
        analysis = run_import(batch, data)
    assert batch.mapping["export_country"] == "Страна экспорта"
    export = dict(Case.objects.filter(agency=customs).values_list("agency_case_number", "export_country__iso2"))
    # a short form, ISO alpha-3, an English name, a Kyrgyz name; unknown and empty cells leave it empty
    assert export == {"E-1": "KZ", "E-2": "KZ", "E-3": "KZ", "E-4": "CN", "E-5": None, "E-6": None}
    first = Case.objects.get(agency=customs, agency_case_number="E-1")
    assert (first.origin_country.iso2, first.destination_country.iso2) == ("MN", "AE")
    rows = {r["case_number"]: r for r in analysis.report()}
    unknown = rows["E-5"]
    assert unknown["status"] == WARNING
    assert [m["text"] for m in unknown["messages"]] == ["The country “Атлантида” is not known. Left empty."]
    assert "Страна экспорта" in unknown["messages"][0]["column"]
    assert rows["E-6"]["messages"] == [] and rows["E-2"]["messages"] == []


@pytest.mark.django_db
def test_unknown_export_country_message_in_russian(supervisor, customs):
    data = CSV.encode()
    with translation.override("ru"):
        batch = create_batch(supervisor, customs, data, "export.csv", skip_invalid=False)
        analysis = run_import(batch, data, dry_run=True)
    message = next(r for r in analysis.report() if r["case_number"] == "E-5")["messages"][0]["text"]
    assert "Атлантида" in message and "not known" not in message
