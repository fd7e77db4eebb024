"""The officers' journey in a real browser: sign in in Russian, record a seizure with two items (one live),
a suspect and a photo, find it by the suspect's name typed in Latin; who else sees it; the permit check;
the layout at 360 px. Screenshots of the main screens go to test-artifacts/."""
from __future__ import annotations

import datetime
import io
import re

import pytest
from django.utils import timezone, translation
from PIL import Image

from permits.models import Permit
from permits.services import VerificationStatus
from seizures.models import Attachment, Case
from tests.web.conftest import PASSWORD, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ru(text: str) -> str:
    with translation.override("ru"):
        return translation.gettext(text)


def sign_in(page, base: str, username: str, language: str | None = None) -> None:
    page.goto(f"{base}/accounts/login/")
    if language:
        page.select_option("#id_language", language)
        page.wait_for_selector(f'html[lang="{language}"]')
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/$"))


def choose_species(page, row: int, typed: str, scientific: str) -> None:
    page.fill(f"#id_items-{row}-taxon_label", typed)
    option = page.locator(f"fieldset:has(#id_items-{row}-taxon_label) button[data-taxon]", has_text=scientific)
    option.first.click()
    assert page.input_value(f"#id_items-{row}-taxon") != ""


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def photo_file(tmp_path):
    path = tmp_path / "falcons.png"
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (120, 90, 40)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_officer_records_a_seizure_and_others_see_it_by_their_rights(
    live_server, world, new_page, artifacts, tmp_path,  # noqa: F811
):
    base = live_server.url
    today = timezone.localdate()
    Permit.objects.create(
        document_type="export", number="KZ-2025-0042", issuing_country=world["kz"], exporter_name="Altyn LLP",
        valid_from=today - datetime.timedelta(days=200), valid_until=today - datetime.timedelta(days=20),
    )

    # An officer signs in, in Russian.
    page = new_page()
    sign_in(page, base, "officer", language="ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert ru("New seizure") in page.content()
    page.screenshot(path=str(artifacts / "home-ru.png"), full_page=True)

    # Records a seizure: a live falcon and saiga horns, a suspect, a photo; seen by the agency only.
    page.click(f"nav >> text={ru('New seizure')}")
    page.wait_for_selector("#case-form")
    page.fill("#id_occurred_at", (timezone.localtime() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("#id_detection_method", "xray")
    page.select_option("#id_transport_mode", "road")
    page.fill("#id_location_text", "Торугарт")
    page.select_option("#id_sharing_level", "agency")

    page.click("[data-add-row=items]")
    choose_species(page, 0, "Ител", "Falco cherrug")
    page.select_option("#id_items-0-term", str(world["liv"].pk))
    page.fill("#id_items-0-quantity", "2")
    page.fill("#id_items-0-live_count", "2")
    page.fill("#id_items-0-permit_number_as_written", "KZ 2025 0042")
    page.locator("#id_items-0-permit_number_as_written").blur()
    with translation.override("ru"):
        expired = str(VerificationStatus.EXPIRED.label)
    page.wait_for_selector(f"fieldset:has(#id_items-0-permit_number_as_written) .permit-result >> text={expired}")

    page.click("[data-add-row=items]")
    # keyboard only: type, arrow down to the suggestion, Enter
    page.fill("#id_items-1-taxon_label", "saiga")
    page.wait_for_selector("fieldset:has(#id_items-1-taxon_label) button[data-taxon]")
    page.focus("#id_items-1-taxon_label")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert page.input_value("#id_items-1-taxon") == str(world["saiga"].pk)
    page.select_option("#id_items-1-term", str(world["hor"].pk))
    assert page.input_value("#id_items-1-unit") == str(world["kil"].pk)  # the term suggests its unit
    page.fill("#id_items-1-quantity", "1,5".replace(",", "."))

    page.click("[data-add-row=parties]")
    page.fill("#id_parties-0-full_name", "Токтогулов Бакыт")
    page.select_option("#id_parties-0-role", "suspect")
    page.fill("#id_parties-0-nationality", "KG")

    page.click("[data-add-row=photos]")
    page.set_input_files("#id_photos-0-file", str(photo_file(tmp_path)))
    page.screenshot(path=str(artifacts / "new-seizure-ru.png"), full_page=True)
    page.click("button[name=action][value=submit]")
    page.wait_for_url(re.compile(r".*/cases/\d+/$"))
    case = Case.objects.get()
    assert case.reference in page.content()
    assert case.items.count() == 2 and case.items.filter(live_count=2).exists()
    assert case.parties.get().person.full_name == "Токтогулов Бакыт"
    assert Attachment.objects.filter(case=case).count() == 1
    page.screenshot(path=str(artifacts / "case-detail-ru.png"), full_page=True)

    # Finds it in the list by the suspect's name typed in Latin.
    page.goto(f"{base}/cases/")
    page.fill("#id_q", "Toktogulov Bakyt")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_selector(f"#case-results >> text={case.reference}")
    page.screenshot(path=str(artifacts / "case-list-ru.png"), full_page=True)

    # An officer of another agency cannot see it; an analyst can.
    other = new_page()
    sign_in(other, base, "border_officer")
    response = other.goto(f"{base}/cases/{case.pk}/")
    assert response.status == 404
    other.goto(f"{base}/cases/?q=Toktogulov")
    assert case.reference not in other.locator("#case-results").inner_text()

    analyst = new_page()
    sign_in(analyst, base, "analyst")
    response = analyst.goto(f"{base}/cases/{case.pk}/")
    assert response.status == 200 and case.reference in analyst.content()

    # The permit check shows an expired permit as expired.
    analyst.goto(f"{base}/permits/check/?number=KZ-2025-0042")
    with translation.override("ru"):
        expired_ru = str(VerificationStatus.EXPIRED.label)
    with translation.override("en"):
        expired_en = str(VerificationStatus.EXPIRED.label)
    text = analyst.locator("main").inner_text()
    assert expired_en in text or expired_ru in text
    analyst.screenshot(path=str(artifacts / "permit-check.png"), full_page=True)

    # At 360 px wide the main pages have no horizontal scroll.
    phone = new_page(width=360, height=740)
    sign_in(phone, base, "officer", language="ru")
    for name, path in [("home", "/"), ("new-seizure", "/cases/new/"), ("cases", "/cases/"),
                       ("case-detail", f"/cases/{case.pk}/"), ("species", "/species/?q=falco"),
                       ("species-detail", f"/species/{world['falcon'].pk}/"), ("permit-check", "/permits/check/")]:
        phone.goto(base + path)
        phone.screenshot(path=str(artifacts / f"360-{name}.png"), full_page=True)
        assert no_horizontal_scroll(phone), f"{path} scrolls sideways at 360 px"


def test_typed_input_survives_a_session_time_out(live_server, world, new_page):  # noqa: F811
    base = live_server.url
    page = new_page()
    sign_in(page, base, "officer", language="en")
    page.goto(f"{base}/cases/new/")
    page.fill("#id_location_text", "Irkeshtam, lorry 3")
    page.click("[data-add-row=parties]")
    page.fill("#id_parties-0-full_name", "Asanov Marat")
    page.wait_for_timeout(600)  # autosave
    page.context.clear_cookies(name="sessionid")  # the session has expired
    page.click("button[name=action][value=draft]")  # no browser-side checks on drafts
    page.wait_for_url(re.compile(r".*/accounts/login/.*"))
    page.fill("#id_username", "officer")
    page.fill("#id_password", PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_url(re.compile(r".*/cases/new/$"))
    assert page.input_value("#id_location_text") == "Irkeshtam, lorry 3"
    assert page.input_value("#id_parties-0-full_name") == "Asanov Marat"
    assert page.locator("#draft-restored").is_visible()
