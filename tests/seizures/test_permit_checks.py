"""Permits presented with seized items: linking, quantity use, status and missing documents on the item."""
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from agencies.choices import Role
from permits.models import PermitUse
from seizures import services
from seizures.permit_checks import check_item, movement_direction
from tests.factories import AgencyFactory, make_member
from tests.permits.conftest import codes, countries, english, make_permit, taxa  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(countries):  # noqa: F811
    return make_member(AgencyFactory(code="KG-CUS", country=countries.kg), Role.OFFICER)


@pytest.fixture
def permit(make_permit, codes, taxa):  # noqa: F811
    today = timezone.localdate()
    return make_permit(
        number="KG-2026-0777",
        valid_from=today - datetime.timedelta(days=10),
        valid_until=today + datetime.timedelta(days=100),
        lines=[{"taxon": taxa.cherrug, "term": codes.terms["LIV"], "quantity": Decimal("10"), "unit": None,
                "source": codes.sources["C"], "purpose": codes.purposes["T"]}],
    )


def _record(officer, countries, codes, taxa, quantity, number="kg 2026-O777"):  # noqa: F811
    return services.create_case(
        officer,
        {"occurred_at": timezone.now() - datetime.timedelta(hours=2), "detection_method": "documentary",
         "transport_mode": "air", "origin_country": countries.kg, "destination_country": countries.ae},
        items=[{"taxon": taxa.cherrug, "term": codes.terms["LIV"], "quantity": Decimal(quantity), "live_count": 1,
                "permit_number_as_written": number}],
    )


def test_number_as_written_links_the_registered_permit_and_uses_its_line(officer, permit, countries, codes, taxa):  # noqa: F811
    case = _record(officer, countries, codes, taxa, "4")
    item = case.items.get()
    assert item.permit == permit
    line = permit.lines.get()
    line.refresh_from_db()
    assert line.quantity_used == Decimal("4")
    assert PermitUse.objects.filter(line=line, released_at__isnull=True).count() == 1


def test_editing_the_item_replaces_its_use_instead_of_adding_to_it(officer, permit, countries, codes, taxa):  # noqa: F811
    case = _record(officer, countries, codes, taxa, "4")
    item = case.items.get()
    services.update_case(officer, case, {}, items=[{
        "id": item.pk, "taxon": taxa.cherrug, "term": codes.terms["LIV"], "quantity": Decimal("6"),
        "live_count": 1, "permit_number_as_written": "KG-2026-0777"}])
    line = permit.lines.get()
    line.refresh_from_db()
    assert line.quantity_used == Decimal("6")
    assert PermitUse.objects.filter(line=line, released_at__isnull=True).count() == 1


def test_seizing_more_than_remains_still_records_the_case_and_reports_it(officer, permit, countries, codes, taxa):  # noqa: F811
    case = _record(officer, countries, codes, taxa, "15")
    line = permit.lines.get()
    line.refresh_from_db()
    assert line.quantity_used == Decimal("10")
    check = check_item(case.items.get())
    assert check.status == "used"
    assert check.needs_attention


def test_unknown_permit_number_is_reported_on_the_item(officer, permit, countries, codes, taxa):  # noqa: F811
    case = _record(officer, countries, codes, taxa, "1", number="XX-0000-1234")
    item = case.items.get()
    assert item.permit is None
    check = check_item(item)
    assert check.status == "unknown" and check.reasons


def test_items_without_documents_list_what_was_missing_or_refused(officer, countries, codes, taxa):  # noqa: F811
    case = services.create_case(
        officer,
        {"occurred_at": timezone.now() - datetime.timedelta(hours=1), "detection_method": "xray",
         "transport_mode": "road", "origin_country": countries.kg, "destination_country": countries.cn},
        items=[{"taxon": taxa.uncia, "term": codes.terms["SKI"], "quantity": Decimal("1")},
               {"taxon": taxa.cherrug, "term": codes.terms["LIV"], "quantity": Decimal("3"), "live_count": 3}],
    )
    assert movement_direction(case) == "export"
    leopard, falcons = (check_item(item) for item in case.items.order_by("id"))
    assert leopard.status == "" and "Art. III" in leopard.refused  # App. I, wild, commercial: refused outright
    assert falcons.missing and any("xport permit" in name for name in falcons.missing)
    assert not falcons.refused


def test_case_page_shows_the_document_problems(client, officer, permit, countries, codes, taxa):  # noqa: F811
    case = _record(officer, countries, codes, taxa, "15")
    client.force_login(officer)
    page = client.get(f"/cases/{case.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Documents presented" in page
    assert "KG-2026-0777" in page
