"""The statistics page: only visible cases, totals equal to their items, per-unit quantities, valid SVG."""
from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.urls import reverse

from analytics.charts import coord
from seizures.models import Case, SeizedItem

from .conftest import PASSWORD

COORD_ATTRS = ("x", "y", "x1", "y1", "x2", "y2", "width", "height", "cx", "cy", "r", "stroke-width")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def signed_in(client, user, language="en"):
    client.login(username=user.username, password=PASSWORD)
    client.cookies["django_language"] = language
    return client


def chart_of(html: str) -> ET.Element:
    svg = re.search(r"<svg xmlns=.*?</svg>", html, re.S).group(0)
    return ET.fromstring(svg)


def assert_numeric_coordinates(root: ET.Element) -> int:
    checked = 0
    for element in root.iter():
        for name in COORD_ATTRS:
            if name in element.attrib:
                assert NUMBER.match(element.attrib[name]), (element.tag, name, element.attrib[name])
                checked += 1
        if "d" in element.attrib:
            assert re.fullmatch(r"[MC0-9. \-]+", element.attrib["d"]), element.attrib["d"]
        if "viewBox" in element.attrib:
            assert all(NUMBER.match(v) for v in element.attrib["viewBox"].split())
    return checked


def test_coord_is_locale_independent():
    assert coord(1440.0) == "1440"
    assert coord(12.345) == "12.3"
    assert coord(2) == "2" and "," not in coord(0.25)


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
@pytest.mark.parametrize("group_by", ["month", "route", "species", "agency"])
def test_charts_have_numeric_coordinates_in_every_language(client, analyst_world, language, group_by):
    signed_in(client, analyst_world["analyst"], language)
    response = client.get(reverse("analytics:statistics"), {"group_by": group_by})
    assert response.status_code == 200
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert assert_numeric_coordinates(chart_of(html)) > 3
    svg = client.get(reverse("analytics:statistics_svg"), {"group_by": group_by})
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert assert_numeric_coordinates(ET.fromstring(svg.content)) > 3


def test_large_counts_use_grouping_in_text_not_in_coordinates(client, analyst_world):
    from analytics import charts

    svg = charts.ranked_bars([charts.Point("A", 1234567)], "t", lambda v: f"{v:,}".replace(",", "\u00a0"))
    assert_numeric_coordinates(ET.fromstring(svg))
    assert "1\u00a0234\u00a0567" in svg


def test_officers_may_not_open_statistics(client, analyst_world):
    signed_in(client, analyst_world["officer"])
    assert client.get(reverse("analytics:statistics")).status_code == 403
    assert client.get(reverse("analytics:statistics_csv")).status_code == 403


def test_menu_shows_statistics_to_analysts_only(client, analyst_world):
    signed_in(client, analyst_world["analyst"])
    assert reverse("analytics:statistics") in client.get(reverse("web:home")).content.decode()
    client.logout()
    signed_in(client, analyst_world["officer"])
    assert reverse("analytics:statistics") not in client.get(reverse("web:home")).content.decode()


def csv_rows(client, **params):
    response = client.get(reverse("analytics:statistics_csv"), params)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.content.decode())))


@pytest.mark.parametrize("group_by", ["month", "year", "route", "species", "term", "agency", "appendix"])
def test_csv_totals_equal_the_visible_cases_items(client, analyst_world, group_by):
    analyst = analyst_world["analyst"]
    signed_in(client, analyst)
    rows = csv_rows(client, group_by=group_by)
    items = SeizedItem.objects.filter(case__in=Case.objects.visible_to(analyst).filter(is_voided=False))
    assert analyst_world["hidden"] not in Case.objects.visible_to(analyst)
    expected: dict[str, Decimal] = {}
    for item in items.select_related("unit"):
        unit = item.unit.code if item.unit else ""
        expected[unit] = expected.get(unit, Decimal(0)) + item.quantity
    got: dict[str, Decimal] = {}
    for row in rows:
        got[row["unit"]] = got.get(row["unit"], Decimal(0)) + Decimal(row["quantity"])
    assert got == expected  # per unit; kilograms and grams never added together
    assert Decimal("99") not in got.values()  # the hidden case's 99 kg are not counted
    by_group: dict[str, int] = {}
    for row in rows:
        by_group[row["key"]] = int(row["items"])
    assert sum(by_group.values()) == items.count()


def test_filters_narrow_the_statistics(client, analyst_world):
    signed_in(client, analyst_world["analyst"])
    rows = csv_rows(client, group_by="origin", origin_country="KZ")
    assert {r["key"] for r in rows} == {"KZ"}
    assert sum({r["key"]: int(r["cases"]) for r in rows}.values()) == 2


def test_table_shows_quantities_per_unit_and_translated_labels(client, analyst_world):
    signed_in(client, analyst_world["analyst"], "ru")
    html = client.get(reverse("analytics:statistics"), {"group_by": "species"}).content.decode()
    assert 'data-unit="KIL"' in html and 'data-unit="GRM"' in html
    assert "Статистика" in html
    assert 'id="statistics-table"' in html
