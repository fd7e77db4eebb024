"""Alert e-mails: one per supervisor in their own language, an absolute link, the holding agency's contacts."""
import pytest
from django.core import mail
from django.test import override_settings

from agencies import services as agency_services
from agencies.choices import Role
from intelligence import services
from intelligence.models import Alert, Flag
from seizures.choices import SharingLevel
from tests.factories import AgencyFactory, CaseFactory, make_member

pytestmark = pytest.mark.django_db


@override_settings(INTELLIGENCE_EMAIL_ALERTS=True, SITE_URL="https://wildlife.example.kg/")
def test_each_supervisor_gets_the_alert_in_their_language_with_a_full_link_and_contacts(customs, border):
    for username, language in (("brd_ru", "ru"), ("brd_ky", "ky"), ("brd_en", "en")):
        user = make_member(border, Role.SUPERVISOR, username=username, email=f"{username}@border.kg")
        user.membership.language = language
        user.membership.save()
    flag = Flag.objects.create(kind="person", key="person:test", cross_agency=True)
    flag.cases.add(CaseFactory(agency=customs, sharing_level=SharingLevel.AGENCY))
    alert = Alert.objects.create(flag=flag, agency=border)

    assert services.email_alert(alert.pk) == 3
    messages = {m.to[0]: m for m in mail.outbox}
    link = f"https://wildlife.example.kg/intelligence/flags/{flag.pk}/"
    raised = alert.created_at.astimezone().strftime("%d.%m.%Y")
    for address in messages:
        body = messages[address].body
        assert link in body and "intel@customs.kg" in body and "+996 312 000 111" in body
    ru, ky = messages["brd_ru@border.kg"], messages["brd_ky@border.kg"]
    assert ru.subject.startswith("Оперативное оповещение") and raised in ru.body and "Войдите в систему" in ru.body
    assert ky.subject.startswith("Чалгын эскертмеси") and raised in ky.body and "системага кириңиз" in ky.body
    assert messages["brd_en@border.kg"].subject.startswith("Intelligence alert")
    assert "Sign in to see it" in messages["brd_en@border.kg"].body
    assert Alert.objects.get(pk=alert.pk).emailed_at is not None


def test_an_agency_without_contacts_is_reached_through_the_agency_above_it(customs):
    post = AgencyFactory(code="KG-CUS-OSH", name="Osh customs", parent=customs, country=customs.country)
    assert agency_services.agency_contacts(post)[:2] == ("intel@customs.kg", "+996 312 000 111")
    lonely = AgencyFactory(code="KG-XYZ", name="No contacts", country=customs.country)
    assert agency_services.agency_contacts(lonely)[:2] == ("", "")
