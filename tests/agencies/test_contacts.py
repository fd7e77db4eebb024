"""Agency contacts: published ones with their source, kept when an administrator has entered others, and
reached through an agency administrator or the agency above when an agency records none."""
import pytest
from django.core import mail
from django.test import override_settings

from agencies import services
from agencies.choices import Role
from agencies.models import Agency
from agencies.reference import load_agencies, load_countries
from intelligence import services as intelligence_services
from intelligence.models import Alert, Flag
from seizures.choices import SharingLevel
from tests.factories import AgencyFactory, CaseFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    load_countries()
    load_agencies()


def test_every_kyrgyz_reference_agency_has_a_published_contact_with_its_source(reference):
    for agency in Agency.objects.filter(country__iso2="KG"):
        assert agency.email or agency.phone or agency.website, agency.code
        assert "read 2026-" in agency.contact_source and "http" in agency.contact_source, agency.code
    customs = Agency.objects.get(code="KG-CUS")
    assert (customs.email, customs.phone) == ("papers@customs.gov.kg", "+996 312 51-18-99")
    for agency in Agency.objects.exclude(country__iso2="KG"):  # none found: nothing is made up
        assert not (agency.email or agency.phone or agency.website or agency.contact_source)


def test_a_reload_keeps_the_contacts_an_administrator_entered(reference):
    Agency.objects.filter(code="KG-CUS").update(email="duty@customs.kg", phone="+996 312 000 222", website="",
                                                contact_source="")
    load_agencies()
    customs = Agency.objects.get(code="KG-CUS")
    assert (customs.email, customs.phone, customs.website) == ("duty@customs.kg", "+996 312 000 222", "")


def test_an_agency_without_contacts_is_reached_through_its_administrator_then_the_agency_above(reference):
    parent = Agency.objects.get(code="KG-ECO")
    branch = AgencyFactory(code="KG-ECO-OSH", name="Osh eco-police", parent=parent, country=parent.country)
    assert services.agency_contacts(branch) == ("", "+996 312 54-05-79", "https://mnr.gov.kg/")
    make_member(branch, Role.AGENCY_ADMIN, username="osh_admin", email="", is_active=True)
    gone = make_member(branch, Role.AGENCY_ADMIN, username="osh_old", email="old@eco.kg")
    gone.is_active = False
    gone.save()
    assert services.agency_contacts(branch)[0] == ""
    make_member(branch, Role.AGENCY_ADMIN, username="osh_admin2", email="admin@osh-eco.kg")
    assert services.agency_contacts(branch) == ("admin@osh-eco.kg", "", "")


@override_settings(INTELLIGENCE_EMAIL_ALERTS=True, SITE_URL="https://wildlife.example.kg/")
def test_the_alert_names_the_holding_agency_s_published_contacts(reference):
    customs, border = Agency.objects.get(code="KG-CUS"), Agency.objects.get(code="KG-BGS")
    make_member(border, Role.SUPERVISOR, username="brd_sup", email="sup@border.kg")
    flag = Flag.objects.create(kind="person", key="person:contacts", cross_agency=True)
    flag.cases.add(CaseFactory(agency=customs, sharing_level=SharingLevel.AGENCY))
    alert = Alert.objects.create(flag=flag, agency=border)
    assert intelligence_services.email_alert(alert.pk) == 1
    body = mail.outbox[0].body
    assert "papers@customs.gov.kg · +996 312 51-18-99 · https://www.customs.gov.kg/" in body
    assert "no contact recorded" not in body
