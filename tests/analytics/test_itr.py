"""The CITES illegal trade report: one row per item of the visible cases of the year, left-out items listed;
headings, their order and the header lines exactly as in the data files, which say where each comes from."""
from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from analytics.itr import COLUMNS_FILE, HEADER_FILE, KNOWN_KEYS, columns, header_fields, unrecorded_columns
from seizures.choices import TransportMode
from seizures.models import Case, SeizedItem
from species.choices import Appendix
from tests.factories import SeizedItemFactory, TaxonFactory

from .test_statistics import signed_in


def workbook(client, year):
    response = client.get(reverse("analytics:itr"), {"year": year, "share": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def data_file(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def split_sheet(book):
    """ITR sheet → (header label → value, heading row, data rows)."""
    rows = list(book["ITR"].iter_rows(values_only=True))
    blank = rows.index((None,) * len(rows[0]))
    header = {r[0]: r[1] for r in rows[:blank]}
    return header, list(rows[blank + 1]), rows[blank + 2:]


def validation_blocks(book):
    """Validation sheet → (items left out, columns written empty), the two blocks split by the empty row."""
    rows = list(book["Validation"].iter_rows(values_only=True))
    blank = next(i for i, r in enumerate(rows) if not any(r))
    return rows[1:blank], rows[blank + 2:]


def test_data_files_give_every_heading_its_translations_and_source():
    rows = data_file(COLUMNS_FILE)
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys))
    assert [c.key for c in columns()] == keys and [c.heading for c in columns()] == [r["heading"] for r in rows]
    for row in rows + data_file(HEADER_FILE):
        assert row["source"].strip() and row["wording"] in {"template", "copy", "own"}, row
        label = row.get("heading") or row["label"]
        ru, ky = row.get("heading_ru") or row["label_ru"], row.get("heading_ky") or row["label_ky"]
        assert label.isascii() and ru and ky and not ru.isascii() and not ky.isascii(), row
    # every column is filled by the export or known to be unrecorded; required columns are filled
    assert set(keys) <= set(KNOWN_KEYS) | set(unrecorded_columns())
    assert {r["key"] for r in rows if r["required"] == "yes"} <= set(KNOWN_KEYS)
    assert {"reason_for_seizure", "law_charged"} <= set(keys)
    assert [h.key for h in header_fields()] == ["party", "year", "agency", "contact", "share_data",
                                                "date_prepared", "record_count"]


def test_itr_rows_equal_the_visible_listed_items_of_the_year(client, analyst_world):
    w = analyst_world
    year = timezone.localtime(w["visible"][0].occurred_at).year
    not_listed = TaxonFactory(scientific_name="Ovis vignei", cites_appendix=Appendix.NOT_LISTED)
    SeizedItemFactory(case=w["visible"][0], taxon=not_listed, term=w["hor"], quantity=Decimal("3"), unit=w["kil"])
    Case.objects.filter(pk=w["visible"][0].pk).update(export_country=w["kz"])
    valued = w["visible"][0].items.filter(taxon=w["falcon"]).first()
    SeizedItem.objects.filter(pk=valued.pk).update(estimated_value=Decimal("1500.00"), currency="KGS")
    signed_in(client, w["analyst"])
    header, headings, rows = split_sheet(workbook(client, year))
    # the header lines and the heading row, in the data files' words and order
    assert list(header) == [r["label"] for r in data_file(HEADER_FILE)]
    assert headings == [r["heading"] for r in data_file(COLUMNS_FILE)]
    assert header["Party"] == "Kyrgyzstan" and header["Year"] == year
    assert header["Data may be shared with ICCWC partners"] == "Yes"
    assert header["Agency preparing the report"] == w["analyst"].membership.agency.name
    assert header["Number of seizure records"] == len(rows)
    data = [dict(zip([c.key for c in columns()], r, strict=True)) for r in rows]
    items = SeizedItem.objects.filter(case__in=Case.objects.visible_to(w["analyst"]).filter(
        is_voided=False, occurred_at__year=year)).exclude(taxon=not_listed)
    assert len(data) == items.count() > 0
    assert sorted(Decimal(str(r["quantity"])) for r in data) == sorted(i.quantity for i in items)
    assert {r["term"] for r in data} <= {"LIV", "HOR"} and {r["unit"] for r in data} <= {"", "KIL", "GRM", None}
    assert all(r["case_reference"] != w["hidden"].reference for r in data)
    exported = {r["export_country"] or "" for r in data if r["case_reference"] == w["visible"][0].reference}
    assert exported == {"KZ"}
    assert {r["estimated_value"] for r in data} - {None, ""} == {"1500.00 KGS"}
    assert {r["reason_for_seizure"] for r in data} == {None} and {r["law_charged"] for r in data} == {None}
    assert "Panthera uncia" not in {r["taxon"] for r in data}  # the hidden Kazakh case
    left, empty_columns = validation_blocks(workbook(client, year))
    assert [(r[2], "CITES" in r[3]) for r in left] == [("Ovis vignei", True)]
    assert left[0][4].endswith(reverse("seizures:case_detail", args=[w["visible"][0].pk]))
    assert [r[0] for r in empty_columns] == ["Reason for seizure", "Law under which charges were brought"]


@pytest.mark.django_db
def test_russian_user_gets_the_report_in_english_and_the_notes_in_russian(client, analyst_world):
    w = analyst_world
    year = timezone.localtime(w["visible"][0].occurred_at).year
    Case.objects.filter(pk=w["visible"][0].pk).update(transport_mode=TransportMode.AIR)
    signed_in(client, w["analyst"], "ru")
    book = workbook(client, year)
    header, headings, rows = split_sheet(book)
    assert headings == [c.heading for c in columns()] and header["Party"] == "Kyrgyzstan"
    modes = {r[[c.key for c in columns()].index("transport_mode")] for r in rows}
    assert "Air" in modes and "Road" in modes
    _left, empty_columns = validation_blocks(book)
    assert [r[1] for r in empty_columns] == ["Причина изъятия", "Закон, по которому предъявлено обвинение"]
    assert all(r[2] and not r[2].isascii() for r in empty_columns)


def test_itr_year_page_and_bad_year(client, analyst_world):
    signed_in(client, analyst_world["analyst"])
    assert b'name="year"' in client.get(reverse("analytics:itr")).content
    assert client.get(reverse("analytics:itr"), {"year": "20x5"}).status_code == 302
    left, _empty = validation_blocks(workbook(client, 1999))
    assert left == []


def test_itr_is_for_analysts_and_supervisors(client, analyst_world):
    signed_in(client, analyst_world["officer"])
    assert client.get(reverse("analytics:itr"), {"year": 2025}).status_code == 403
