"""The analyst's journey in a real browser: filter the case list by species, the statistics chart, the
illegal trade report read back with openpyxl; axe-core (vendored) finds no serious or critical violation on
the analyst pages at 360 and 1366 px in Russian, Kyrgyz and English."""
from __future__ import annotations

import io
import re
import time
from pathlib import Path

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from analytics.itr import columns, header_fields
from seizures.models import Case
from tests.analytics.conftest import analyst_world  # noqa: F401  (fixture)
from tests.factories import PersonFactory, PostFactory, add_party
from tests.web.conftest import PASSWORD, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "analytics/static/vendor/axe-core-4.10.2/axe.min.js"
PAGES = ("/statistics/", "/statistics/?group_by=route", "/cases/", "/statistics/itr/", "/intelligence/network/",
         "/statistics/map/", "/statistics/links/")



def wait_until(page, expression: str, timeout: float = 15.0) -> None:
    """Poll an expression through the DevTools protocol (the page's CSP forbids the eval of wait_for_function)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)

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
    post = PostFactory(agency=w["border"], latitude="42.45", longitude="76.19")
    Case.objects.filter(pk__in=[c.pk for c in w["visible"]]).update(post=post)
    person = PersonFactory(agency=w["border"], full_name="Asanov Bakyt")
    add_party(w["visible"][0], person)
    add_party(w["visible"][1], person)
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

    page.click("nav a[href='/statistics/map/']")
    assert page.locator("figure.chart svg circle.map-point").count() == 1
    assert page.locator("figure.chart svg path.map-flow").count() == 2  # KZ → KG and KG → KZ
    assert page.locator("#map-locations tbody td[data-value='3']").count() == 1

    page.goto(f"{base}/statistics/links/?destination_country=KZ")
    wait_until(page, "window.linkChart && window.linkChart.nodes().length > 0")
    before = page.evaluate("window.linkChart.nodes('[type = \"case\"]').length")
    assert before == 1
    page.click(f"button[data-expand='person:{person.pk}']")
    wait_until(page, "window.linkChart.nodes('[type = \"case\"]').length === 2")
    assert "expand=person" in page.get_attribute("#link-chart-exports a[data-export]", "href")
    page.uncheck("#flag-status-filter input[value='none']")
    # both cases have no flag: unchecking "no flag" hides them (the class the filter sets)
    wait_until(page, "window.linkChart.nodes('[type = \"case\"].hidden-by-filter').length === 2")
    wait_until(page, "window.linkChart.nodes('[type = \"case\"]:visible').length === 0")

    year = timezone.localtime(w["visible"][0].occurred_at).year
    page.goto(f"{base}/statistics/itr/")
    page.select_option("#id_year", str(year))
    with page.expect_download() as download:
        page.click("form.card button[type=submit]")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = list(book["ITR"].iter_rows(values_only=True))
    header = {r[0]: r[1] for r in rows[:len(header_fields())]}
    headings = list(rows[len(header_fields()) + 1])
    expected = sum(c.items.count() for c in w["visible"] if timezone.localtime(c.occurred_at).year == year)
    assert header["Number of seizure records"] == expected == len(rows) - len(header_fields()) - 2
    assert headings == [c.heading for c in columns()]


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
