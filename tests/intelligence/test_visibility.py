"""Alerts without leaks: each agency sees full detail only of what it may see; others as agency contacts."""
import datetime

import pytest
from django.core import mail
from django.test import override_settings
from rest_framework.test import APIClient

from agencies.choices import Role
from intelligence import services
from intelligence.models import Alert, Flag, FlagStatus
from tests.factories import make_member

from .conftest import suspect_case

pytestmark = pytest.mark.django_db(transaction=True)

SECRET_NAME = "Токтогулов Бакыт Асанович"
SECRET_DOC = "AC1234567"


@pytest.fixture
def flagged(customs, border):
    make_member(border, Role.SUPERVISOR, username="brd_chief", email="chief@border.kg")
    case_a, a = suspect_case(customs, SECRET_NAME, birth_date=datetime.date(1987, 3, 9),
                             id_document_type="passport", id_document_number=SECRET_DOC)
    case_b, b = suspect_case(border, "BAKHYT TOKTOGULOV", birth_date=datetime.date(1987, 9, 3),
                             id_document_type="passport", id_document_number="AC 123 4567")
    return Flag.objects.get(kind="person"), case_a, case_b


def test_border_officer_sees_own_case_and_only_a_contact_for_customs(flagged, border_officer):
    flag, case_a, case_b = flagged
    [view] = services.open_alerts_for(border_officer)
    assert [c.pk for c in view.cases] == [case_b.pk]
    assert [p.full_name for p in view.persons] == ["BAKHYT TOKTOGULOV"]
    [contact] = view.counterparts
    assert (contact.agency_code, contact.email, contact.records) == ("KG-CUS", "intel@customs.kg", 2)
    assert [v.flag.pk for v in services.alerts_for_case(border_officer, case_b)] == [flag.pk]


def test_alert_page_and_api_do_not_leak_the_other_agency_details(flagged, border_officer, client):
    client.force_login(border_officer)
    with override_settings(ROOT_URLCONF="config.urls"):
        page = client.get("/intelligence/alerts/").content.decode()
        api = APIClient()
        api.force_authenticate(border_officer)
        body = api.get("/api/v1/intelligence/flags/").content.decode()
        alerts = api.get("/api/v1/intelligence/alerts/").json()
        network = api.get("/api/v1/intelligence/flags/network/").content.decode()
    for text in (page, body, network):
        assert SECRET_NAME not in text and SECRET_DOC not in text and flagged[1].reference not in text
    assert "KG-CUS" in page and "intel@customs.kg" in page and flagged[2].reference in page
    assert alerts["count"] == 1


def test_agency_without_part_in_the_flag_sees_nothing(flagged, db):
    from tests.factories import AgencyFactory

    outsider = make_member(AgencyFactory(code="KG-ECO"), Role.OFFICER, username="eco")
    assert services.open_alerts_for(outsider) == []
    assert not Flag.objects.visible_to(outsider).exists()
    api = APIClient()
    api.force_authenticate(outsider)
    with override_settings(ROOT_URLCONF="config.urls"):
        assert api.get(f"/api/v1/intelligence/flags/{flagged[0].pk}/").status_code == 404


def test_analyst_sees_the_flags_of_the_country_and_reviews_them(flagged, analyst, border_officer):
    flag = flagged[0]
    assert Flag.objects.visible_to(analyst).filter(pk=flag.pk).exists()
    api = APIClient()
    with override_settings(ROOT_URLCONF="config.urls"):
        api.force_authenticate(border_officer)
        assert api.post(f"/api/v1/intelligence/flags/{flag.pk}/review/", {"status": "confirmed"}).status_code == 403
        api.force_authenticate(analyst)
        missing = api.post(f"/api/v1/intelligence/flags/{flag.pk}/review/", {"status": "dismissed"})
        assert missing.status_code == 400
        ok = api.post(f"/api/v1/intelligence/flags/{flag.pk}/review/",
                      {"status": "dismissed", "reason": "namesakes"})
        assert ok.status_code == 200 and ok.json()["status"] == "dismissed"
        graph = api.get(f"/api/v1/intelligence/flags/{flag.pk}/network/").json()
    assert Flag.objects.get(pk=flag.pk).status == FlagStatus.DISMISSED
    assert {n["type"] for n in graph["nodes"]} >= {"person", "case"}
    assert any(e["kind"] == "same_person" for e in graph["edges"])


def test_supervisor_gets_an_email_without_details(flagged):
    assert Alert.objects.filter(emailed_at__isnull=False, agency__code="KG-BRD").count() == 1
    [message] = [m for m in mail.outbox if "chief@border.kg" in m.to]
    assert SECRET_NAME not in message.body and SECRET_DOC not in message.body
    assert f"/intelligence/flags/{flagged[0].pk}/" in message.body


def test_web_pages_render_for_an_analyst(flagged, analyst, client):
    client.force_login(analyst)
    flag = flagged[0]
    with override_settings(ROOT_URLCONF="config.urls"):
        assert client.get("/intelligence/").status_code == 200
        detail = client.get(f"/intelligence/flags/{flag.pk}/")
        assert detail.status_code == 200
        assert detail.context["can_review"] is True
        net = client.get(f"/intelligence/network/?flag={flag.pk}")
        assert net.status_code == 200 and b"<svg" in net.content
        response = client.post(f"/intelligence/flags/{flag.pk}/review/", {"status": "confirmed"})
        assert response.status_code == 302
    assert Flag.objects.get(pk=flag.pk).status == FlagStatus.CONFIRMED
