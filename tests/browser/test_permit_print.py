"""The printed permit's QR code must survive the print layout: Chromium renders the print page (print media,
A4-like width), and zxing-cpp must find and decode the whole code in the screenshot."""
from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from permits.models import Permit
from permits.signing import check_code, decode_image, qr_code, sign_permit
from tests.browser.test_officer_journey import sign_in
from tests.web.conftest import world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_printed_permit_qr_decodes_from_a_screenshot(live_server, world, new_page, artifacts):  # noqa: F811
    today = timezone.localdate()
    permit = Permit.objects.create(
        document_type="export", number="KG-2026-0777", issuing_country=world["kg"],
        exporter_name="Sunkar Falcons LLC", importer_name="Desert Hawks Trading",
        valid_from=today - datetime.timedelta(days=10), valid_until=today + datetime.timedelta(days=170),
    )
    sign_permit(permit)

    page = new_page(width=794, height=1123)  # A4 at 96 dpi
    sign_in(page, live_server.url, "officer")
    page.goto(f"{live_server.url}/permits/{permit.pk}/print/")
    page.emulate_media(media="print")
    svg = page.locator(".qr svg")
    assert svg.get_attribute("viewBox"), "the QR SVG needs a viewBox to scale without cropping"
    box = svg.bounding_box()
    assert box and abs(box["width"] - box["height"]) < 2  # the whole square symbol, not a cropped corner

    shot = page.screenshot(full_page=True)
    (artifacts / "permit-print.png").write_bytes(shot)
    texts = decode_image(shot)
    assert len(texts) == 1 and texts[0].startswith(qr_code(permit).split(":")[0] + ":")
    check = check_code(texts[0])
    assert check.valid and check.permit == permit
