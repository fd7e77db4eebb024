"""The analyst's journey in a real browser: filter the case list by species, the statistics chart, the
illegal trade report read back with openpyxl; axe-core (vendored) finds no serious or critical violation on
the analyst pages at 360 and 1366 px in Russian, Kyrgyz and English."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from tests.analytics.conftest import analyst_world  # noqa: F401  (fixture)
from tests.web.conftest import PASSWORD, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "analytics/static/vendor/axe-core-4.10.2/axe.min.js"
PAGES = ("/statistics/", "/statistics/?group_by=route", "/cases/", "/statistics/itr/", "/intelligence/network/")


def sign_in(page, base: str, username: str, language: str | None = None) -> None:
    page.goto(f"{base}/accounts/login/")
    if language:
        page.select_option("#id_language", language)
        page.wait_for_selector(f'html[lang="{language}"]')
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))


def serious_violations(page) -> list[str]:
    page.add_script_tag(url="/static/vendor/axe-core-4.10.2/axe.min.js")  # a file: the CSP allows no inline script
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}" for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def test_analyst_walks_filters_chart_and_report(live_server, analyst_world, new_page):  # noqa: F811
    w = analyst_world
    base = live_server.url
    page = new_page(1366, 900)
    sign_in(page, base, "analyst")
    page.goto(f"{base}/cases/")
    page.fill("#id_taxon_label", "Saiga")
    page.locator("button[data-taxon]", has_text="Saiga tatarica").first.click()
    assert page.input_value("input[name=taxon]") == str(w["saiga"].pk)
    page.click("#case-filters button[type=submit]")
    page.wait_for_selector("text=3 cases found.")
    assert page.locator("td[data-label='Species'] i", has_text="Saiga tatarica").count() == 3

    page.goto(f"{base}/statistics/?group_by=species")
    assert page.locator("figure.chart svg rect[fill='#0b5c3b']").count() == 2
    assert page.locator("#statistics-table tbody tr").count() == 2

    year = timezone.localtime(w["visible"][0].occurred_at).year
    page.goto(f"{base}/statistics/itr/")
    page.select_option("#id_year", str(year))
    with page.expect_download() as download:
        page.click("form.card button[type=submit]")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(book["ITR"].iter_rows(values_only=True))
    expected = sum(c.items.count() for c in w["visible"] if timezone.localtime(c.occurred_at).year == year)
    assert rows[5][:2] == ("Number of seizure records", expected)


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_analyst_pages_pass_axe(live_server, analyst_world, new_page, language):  # noqa: F811
    base = live_server.url
    found = []
    for width in (360, 1366):
        page = new_page(width, 800)
        sign_in(page, base, "analyst", language)
        for path in PAGES:
            page.goto(f"{base}{path}")
            assert page.get_attribute("html", "lang") == language
            found += [f"{width}px {path}: {v}" for v in serious_violations(page)]
    assert found == []
