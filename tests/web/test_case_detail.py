"""Case detail: what is shown, the buttons each role gets, and the actions that call the services."""
import pytest
from django.utils import timezone, translation
from django.utils.text import capfirst

from seizures.choices import CaseStatus, SharingLevel
from seizures.models import Case, CustodyTransfer
from seizures.services import update_case
from tests.factories import CaseFactory, PersonFactory, SeizedItemFactory, add_party

pytestmark = pytest.mark.django_db

BUTTONS = {
    "edit": "/edit/",
    "close": "/close/",
    "void": "/void/",
    "sharing": "/sharing/",
}


def _buttons(html, case):
    return {name for name, tail in BUTTONS.items() if f'/cases/{case.pk}{tail}"' in html}


@pytest.mark.parametrize("role,expected", [
    ("officer", {"edit"}),
    ("supervisor", {"edit", "close", "void", "sharing"}),
    ("analyst", set()),
    ("border_officer", set()),
])
def test_buttons_follow_the_role(client, world, role, expected):
    case = CaseFactory(agency=world["customs"], sharing_level=SharingLevel.NATIONAL)
    client.force_login(world[role])
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert _buttons(html, case) == expected


def test_detail_shows_items_parties_custody_and_history(client, world, customs_case):
    SeizedItemFactory(case=customs_case, taxon=world["snow"], term=world["liv"])
    add_party(customs_case, PersonFactory(agency=world["customs"], full_name="Asanov Marat"))
    CustodyTransfer.objects.create(case=customs_case, transferred_at=timezone.now() - timezone.timedelta(hours=1),
                                   from_name="Officer Bekov", to_name="Rescue centre Bishkek")
    update_case(world["supervisor"], customs_case, {"location_text": "Dostuk checkpoint"})
    client.force_login(world["supervisor"])
    html = client.get(f"/cases/{customs_case.pk}/").content.decode()
    for text in ("Panthera uncia", "Asanov Marat", "Rescue centre Bishkek", "Dostuk checkpoint", "supervisor"):
        assert text in html
    history = client.get(f"/cases/{customs_case.pk}/").context["history"]
    assert any(c["field"] == "location_text" for entry in history for c in entry["changes"])
    with translation.override("ru"):  # the default language, and the membership's
        label = capfirst(str(Case._meta.get_field("location_text").verbose_name))
    assert f"{label}: " in html  # the field's verbose name, not its column name


def test_history_is_not_shown_to_an_officer(client, world, customs_case):
    client.force_login(world["officer"])
    assert client.get(f"/cases/{customs_case.pk}/").context["history"] is None


def test_supervisor_closes_changes_sharing_and_voids(client, world, customs_case):
    client.force_login(world["supervisor"])
    url = f"/cases/{customs_case.pk}/"
    assert client.post(url + "close/", {"confirm": "on"}).status_code == 302
    customs_case.refresh_from_db()
    assert customs_case.status == CaseStatus.CLOSED
    assert client.post(url + "reopen/").status_code == 302
    response = client.post(url + "sharing/", {"sharing_level": "named",
                                              "shared_with_agencies": [world["border"].pk]})
    assert response.status_code == 302
    customs_case.refresh_from_db()
    assert customs_case.sharing_level == SharingLevel.NAMED
    assert list(customs_case.shared_with_agencies.all()) == [world["border"]]
    client.force_login(world["border_officer"])
    assert client.get(url).status_code == 200
    client.force_login(world["supervisor"])
    client.post(url + "void/", {"reason": ""})
    assert not Case.objects.get(pk=customs_case.pk).is_voided
    client.post(url + "void/", {"reason": "Recorded twice"})
    assert Case.objects.get(pk=customs_case.pk).is_voided


def test_officer_may_not_close_or_void(client, world, customs_case):
    client.force_login(world["officer"])
    assert client.post(f"/cases/{customs_case.pk}/close/", {"confirm": "on"}).status_code == 403
    assert client.post(f"/cases/{customs_case.pk}/void/", {"reason": "x"}).status_code == 403
    customs_case.refresh_from_db()
    assert customs_case.status == CaseStatus.OPEN and not customs_case.is_voided


def test_actions_need_post(client, world, customs_case):
    client.force_login(world["supervisor"])
    assert client.get(f"/cases/{customs_case.pk}/close/").status_code == 405


def test_quantities_follow_the_language():
    from django.utils import translation

    from web.templatetags.web_tags import quantity

    with translation.override("ru"):
        assert quantity("1.500") == "1,5"
        assert quantity("2.000") == "2"
    with translation.override("en"):
        assert quantity("1.500") == "1.5"
