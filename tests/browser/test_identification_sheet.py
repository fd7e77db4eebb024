"""From a case item to its identification sheet and back, in a real browser, without losing the form."""
from __future__ import annotations

import pytest

from identification.models import QuizAttempt
from seizures.models import Case
from tests.browser.test_officer_journey import choose_species, sign_in
from tests.web.conftest import world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_item_sheet_opens_over_the_form_and_the_form_is_kept(live_server, world, new_page):  # noqa: F811
    base = live_server.url
    page = new_page(width=390, height=844)  # a phone
    sign_in(page, base, "officer", language="en")
    page.goto(f"{base}/cases/new/")
    page.wait_for_selector("#case-form")
    page.fill("#id_location_text", "Torugart")
    page.click("[data-add-row=items]")
    choose_species(page, 0, "saiga", "Saiga tatarica")
    page.select_option("#id_items-0-term", str(world["hor"].pk))
    page.fill("#id_items-0-quantity", "12")

    page.click("fieldset:has(#id_items-0-taxon_label) [data-open-sheet]")
    dialog = page.locator("#sheet-dialog")
    dialog.locator('[data-sheet="saiga-tatarica-horns"]').wait_for()
    assert dialog.locator("[data-sheet]").first.get_attribute("data-sheet") == "saiga-tatarica-horns"  # HOR first
    assert dialog.locator("[data-appendix]").first.get_attribute("data-appendix") == "II"
    assert dialog.locator('[data-document="export"]').count() >= 1  # from the rules engine
    assert page.url.endswith("/cases/new/")
    dialog.locator("[data-close-sheet]").first.click()
    assert not dialog.is_visible()

    assert page.input_value("#id_location_text") == "Torugart"
    assert page.input_value("#id_items-0-taxon") == str(world["saiga"].pk)
    assert page.input_value("#id_items-0-quantity") == "12"
    assert Case.objects.count() == 0  # nothing was submitted on the way

    # The ID practice on the same phone: one column, nothing wider than the screen, a round is graded.
    page.goto(f"{base}/identification/practice/")
    page.locator("form.quiz label.choice").first.click()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.click("form.quiz button[type=submit]")
    page.wait_for_selector("[data-score]")
    assert QuizAttempt.objects.filter(user=world["officer"]).count() == 1
