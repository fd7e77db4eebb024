"""Recording the evidence custody chain from the case page."""
import pytest
from django.utils import timezone

from agencies.choices import Role
from seizures.choices import CaseStatus
from seizures.models import CustodyTransfer
from tests.factories import SeizedItemFactory, make_member

pytestmark = pytest.mark.django_db


def _post(client, case, **extra):
    when = (timezone.localtime() - timezone.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"transferred_at": when, "from_name": "Asanov A.", "from_organisation": "Customs",
            "to_name": "Bekova N.", "to_organisation": "Bishkek rescue centre", "location": "Torugart",
            "purpose": "veterinary care", **extra}
    return client.post(f"/cases/{case.pk}/custody/", data)


def test_officer_of_the_owning_agency_records_a_transfer_shown_in_the_chain(client, world, customs_case):
    item = SeizedItemFactory(case=customs_case)
    client.force_login(world["officer"])
    page = client.get(f"/cases/{customs_case.pk}/").content.decode()
    assert f"/cases/{customs_case.pk}/custody/" in page
    response = _post(client, customs_case, item=str(item.pk))
    assert response.status_code == 302
    transfer = CustodyTransfer.objects.get()
    assert transfer.item == item and transfer.recorded_by == world["officer"]
    assert "Bekova N." in client.get(f"/cases/{customs_case.pk}/").content.decode()


def test_custody_is_still_recorded_after_the_case_is_closed(client, world, customs_case):
    customs_case.status = CaseStatus.CLOSED
    customs_case.save()
    client.force_login(world["officer"])
    assert _post(client, customs_case).status_code == 302
    assert CustodyTransfer.objects.count() == 1


def test_analysts_and_other_agencies_cannot_record(client, world, customs_case):
    analyst = make_member(customs_case.agency, Role.ANALYST)
    client.force_login(analyst)
    assert f"/cases/{customs_case.pk}/custody/" not in client.get(f"/cases/{customs_case.pk}/").content.decode()
    assert _post(client, customs_case).status_code == 403
    client.force_login(world["border_officer"])  # cannot even see the unshared case
    assert _post(client, customs_case).status_code == 404
    assert CustodyTransfer.objects.count() == 0


def test_future_dates_and_items_of_other_cases_are_refused(client, world, customs_case):
    other_item = SeizedItemFactory()
    client.force_login(world["officer"])
    future = (timezone.localtime() + timezone.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    _post(client, customs_case, transferred_at=future)
    _post(client, customs_case, item=str(other_item.pk))
    assert CustodyTransfer.objects.count() == 0
