"""A draft may be saved with what the officer knows so far; submitting it needs every required field."""
import pytest

from seizures.choices import CaseStatus
from seizures.models import Case
from tests.web.conftest import case_post_data

pytestmark = pytest.mark.django_db


def test_a_draft_saves_without_detection_method_and_transport_mode(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, detection_method="", transport_mode="", action="draft")
    response = client.post("/cases/new/", data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.status == CaseStatus.DRAFT
    assert case.detection_method == "" and case.transport_mode == ""
    assert case.items.count() == 2


def test_submitting_without_them_is_refused_and_keeps_the_input(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, detection_method="", transport_mode="", action="submit")
    response = client.post("/cases/new/", data)
    assert response.status_code == 400
    assert not Case.objects.exists()
    page = response.content.decode()
    assert "Токтогулов Бакыт" in page and "01KG123ABC" in page


def test_a_draft_is_submitted_once_complete(client, world):
    client.force_login(world["officer"])
    client.post("/cases/new/", case_post_data(world, detection_method="", transport_mode="", action="draft"))
    case = Case.objects.get()
    edit = f"/cases/{case.pk}/edit/"
    items = [{"id": str(i.pk)} for i in case.items.order_by("id")]
    data = case_post_data(world, action="submit")
    data.update({"items-INITIAL_FORMS": "2", "items-0-id": items[0]["id"], "items-1-id": items[1]["id"],
                 "parties-INITIAL_FORMS": "0", "conveyances-INITIAL_FORMS": "0"})
    incomplete = client.post(edit, {**data, "detection_method": ""})
    assert incomplete.status_code == 400
    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and case.detection_method == "xray"
