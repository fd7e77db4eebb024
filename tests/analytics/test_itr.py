"""The CITES illegal trade report: one row per item of the visible cases of the year, left-out items listed."""
from __future__ import annotations

import io
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from analytics.itr import columns
from seizures.models import Case, SeizedItem
from species.choices import Appendix
from tests.factories import SeizedItemFactory, TaxonFactory

from .test_statistics import signed_in


def workbook(client, year):
    response = client.get(reverse("analytics:itr"), {"year": year, "share": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def test_itr_rows_equal_the_visible_listed_items_of_the_year(client, analyst_world):
    w = analyst_world
    year = timezone.localtime(w["visible"][0].occurred_at).year
    not_listed = TaxonFactory(scientific_name="Ovis vignei", cites_appendix=Appendix.NOT_LISTED)
    SeizedItemFactory(case=w["visible"][0], taxon=not_listed, term=w["hor"], quantity=Decimal("3"), unit=w["kil"])
    Case.objects.filter(pk=w["visible"][0].pk).update(export_country=w["kz"])
    signed_in(client, w["analyst"])
    book = workbook(client, year)
    sheet = book["ITR"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Party", "Kyrgyzstan") and rows[1][:2] == ("Year", year)
    assert rows[3][:2] == ("Data may be shared with ICCWC partners", "Yes")
    headings = [c.heading for c in columns()]
    at = next(i for i, r in enumerate(rows) if list(r) == headings)
    assert rows[5][:2] == ("Number of seizure records", len(rows) - at - 1)
    data = [dict(zip([c.key for c in columns()], r, strict=True)) for r in rows[at + 1:]]
    items = SeizedItem.objects.filter(case__in=Case.objects.visible_to(w["analyst"]).filter(
        is_voided=False, occurred_at__year=year)).exclude(taxon=not_listed)
    assert len(data) == items.count() > 0
    assert sorted(Decimal(str(r["quantity"])) for r in data) == sorted(i.quantity for i in items)
    assert {r["term"] for r in data} <= {"LIV", "HOR"} and {r["unit"] for r in data} <= {"", "KIL", "GRM", None}
    assert all(r["case_reference"] != w["hidden"].reference for r in data)
    exported = {r["export_country"] or "" for r in data if r["case_reference"] == w["visible"][0].reference}
    assert exported == {"KZ"}
    assert "Panthera uncia" not in {r["taxon"] for r in data}  # the hidden Kazakh case
    left = list(book["Validation"].iter_rows(values_only=True))[1:]
    assert [(r[2], "CITES" in r[3]) for r in left] == [("Ovis vignei", True)]
    assert left[0][4].endswith(reverse("seizures:case_detail", args=[w["visible"][0].pk]))


def test_itr_year_page_and_bad_year(client, analyst_world):
    signed_in(client, analyst_world["analyst"])
    assert b'name="year"' in client.get(reverse("analytics:itr")).content
    assert client.get(reverse("analytics:itr"), {"year": "20x5"}).status_code == 302
    old = workbook(client, 1999)
    assert list(old["Validation"].iter_rows(values_only=True))[1:] == []


def test_itr_is_for_analysts_and_supervisors(client, analyst_world):
    signed_in(client, analyst_world["officer"])
    assert client.get(reverse("analytics:itr"), {"year": 2025}).status_code == 403
