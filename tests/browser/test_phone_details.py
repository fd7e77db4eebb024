"""At 360 px, in Kyrgyz: tap targets of at least 44 px, the form checked with the page's own messages and the
first error focused, and the permit-check lines readable without sideways scrolling."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.forms import Field
from django.utils import timezone, translation

from permits.models import Permit, PermitLine
from tests.factories import PurposeFactory, SourceFactory
from tests.web.conftest import world  # noqa: F401  (fixture)

from .test_officer_journey import no_horizontal_scroll, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TARGETS = [".brand", ".userbox a", ".userbox .linkbtn", "#lang-select", "nav a", "label.row-remove"]
SIZES = """(selector) => Array.from(document.querySelectorAll(selector))
  .filter((el) => el.offsetParent !== null)
  .map((el) => { const r = el.getBoundingClientRect();
                 return [el.textContent.trim().slice(0, 20), r.width, r.height]; })"""


def test_phone_targets_own_validation_messages_and_permit_lines(live_server, world, new_page):  # noqa: F811
    base = live_server.url
    today = timezone.localdate()
    permit = Permit.objects.create(document_type="export", number="KZ-2025-0077", issuing_country=world["kz"],
                                   valid_from=today - datetime.timedelta(days=10),
                                   valid_until=today + datetime.timedelta(days=100))
    PermitLine.objects.create(permit=permit, taxon=world["saiga"], term=world["hor"], quantity=Decimal("12"),
                              unit=world["kil"], source=SourceFactory(), purpose=PurposeFactory())
    page = new_page(width=360, height=740)
    sign_in(page, base, "officer", language="ky")
    page.goto(f"{base}/cases/new/")

    for selector in TARGETS:
        sizes = page.evaluate(SIZES, selector)
        assert sizes, f"nothing visible for {selector}"
        for text, width, height in sizes:
            assert height >= 44 and width >= 44, f"{selector} {text!r} is {width:.0f}×{height:.0f} px"

    # Submitting with required fields empty: the page's Kyrgyz message, the first field focused and in view.
    page.click("button[name=action][value=submit]")
    page.wait_for_selector(".js-error")
    assert page.url.endswith("/cases/new/")
    with translation.override("ky"):
        required = str(Field.default_error_messages["required"])
    assert required != "This field is required."
    first = page.locator(".js-error").first
    assert first.inner_text() == required
    focused = page.evaluate("""() => { const el = document.activeElement; const r = el.getBoundingClientRect();
        return [el.getAttribute('aria-invalid'), r.top >= 0 && r.bottom <= window.innerHeight,
                document.querySelector('[aria-invalid=true]') === el]; }""")
    assert focused == ["true", True, True]

    # The permit check: the same country type-ahead as the case form, the lines stacked with names.
    page.goto(f"{base}/permits/check/")
    assert page.get_attribute("#id_country", "list") == "countries-list"
    assert page.locator("datalist#countries-list option[value=KZ]").count() == 1
    page.fill("#id_number", "KZ-2025-0077")
    page.fill("#id_country", "KZ")
    page.click("main form button[type=submit]")
    page.wait_for_selector("table[data-permit-lines]")
    assert no_horizontal_scroll(page)
    cells = page.evaluate("""() => Array.from(document.querySelectorAll('table[data-permit-lines] td'))
        .map((td) => [getComputedStyle(td, '::before').content, td.getBoundingClientRect().width])""")
    assert all(label not in ("none", "normal", '""') and width > 300 for label, width in cells)
    text = page.locator("table[data-permit-lines]").inner_text()
    assert "horns" in text and "kilograms" in text and "HOR" not in text and "KIL" not in text
