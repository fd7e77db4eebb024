"""Fixtures of the web-interface tests: two agencies of Kyrgyzstan, one of Kazakhstan, a user per role,
a few taxa, terms and units, and a helper that posts the case form."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone, translation

from agencies.choices import Role
from species.choices import Appendix
from tests.factories import AgencyFactory, CaseFactory, TaxonFactory, TermFactory, UnitFactory, make_member

PASSWORD = "pass-1234-word"


@pytest.fixture(autouse=True)
def reset_language():
    """Pages rendered in Russian or Kyrgyz leave that language active in the thread: reset it afterwards."""
    yield
    translation.deactivate()


@pytest.fixture
def world(db, kg, kz):
    """Agencies, users, reference data. Returns a simple namespace dict."""
    customs = AgencyFactory(code="KG-CUS", country=kg, name="State Customs Service", short_name="Customs")
    border = AgencyFactory(code="KG-BGS", country=kg, name="Border Service", short_name="Border")
    kz_customs = AgencyFactory(code="KZ-CUS", country=kz, name="Kazakh Customs", short_name="KZ Customs")
    kil = UnitFactory(code="KIL", name="kilograms")
    UnitFactory(code="GRM", name="grams", to_base=Decimal("0.001"))
    liv = TermFactory(code="LIV", name="live", is_live=True)
    hor = TermFactory(code="HOR", name="horns", is_live=False, default_unit=kil)
    falcon = TaxonFactory(
        scientific_name="Falco cherrug", common_name_en="Saker falcon", common_name_ru="Балобан",
        common_name_ky="Ителги", cites_appendix=Appendix.II,
    )
    saiga = TaxonFactory(
        scientific_name="Saiga tatarica", common_name_en="Saiga antelope", common_name_ru="Сайгак",
        common_name_ky="Акбөкөн", cites_appendix=Appendix.II, class_name="Mammalia",
    )
    snow = TaxonFactory(
        scientific_name="Panthera uncia", common_name_en="Snow leopard", common_name_ru="Снежный барс",
        common_name_ky="Илбирс", cites_appendix=Appendix.I, class_name="Mammalia",
    )
    users = {
        "officer": make_member(customs, Role.OFFICER, username="officer"),
        "supervisor": make_member(customs, Role.SUPERVISOR, username="supervisor"),
        "analyst": make_member(border, Role.ANALYST, username="analyst"),
        "border_officer": make_member(border, Role.OFFICER, username="border_officer"),
        "kz_officer": make_member(kz_customs, Role.OFFICER, username="kz_officer"),
        "agency_admin": make_member(customs, Role.AGENCY_ADMIN, username="agency_admin", is_staff=True),
    }
    return {
        "customs": customs, "border": border, "kz_customs": kz_customs, "kg": kg, "kz": kz,
        "liv": liv, "hor": hor, "kil": kil, "falcon": falcon, "saiga": saiga, "snow": snow, **users,
    }


@pytest.fixture
def customs_case(world):
    """An open case of Customs, shared with no one (agency only)."""
    return CaseFactory(agency=world["customs"], recorded_by=world["officer"],
                       occurred_at=timezone.now() - timezone.timedelta(days=1))


def management(prefix: str, total: int, initial: int = 0) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def case_post_data(world, **overrides) -> dict:
    """A valid new-case POST: one live falcon, horns of saiga, a suspect, a vehicle."""
    when = timezone.localtime() - timezone.timedelta(hours=2)
    data = {
        "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
        "detection_method": "xray", "transport_mode": "road", "concealment": "none",
        "location_text": "Torugart", "origin_country": "KZ", "transit_countries": "", "destination_country": "KZ",
        "description": "Two falcons in boxes", "sharing_level": "agency", "shared_with_countries": "",
        **management("items", 2), **management("parties", 1), **management("conveyances", 1),
        **management("photos", 0),
        "items-0-taxon": str(world["falcon"].pk), "items-0-taxon_label": "Falco cherrug",
        "items-0-term": str(world["liv"].pk), "items-0-quantity": "2", "items-0-unit": "",
        "items-0-live_count": "2", "items-0-disposition": "evidence",
        "items-1-taxon": str(world["saiga"].pk), "items-1-taxon_label": "Saiga tatarica",
        "items-1-term": str(world["hor"].pk), "items-1-quantity": "1.5", "items-1-unit": str(world["kil"].pk),
        "items-1-disposition": "evidence",
        "parties-0-kind": "person", "parties-0-role": "suspect", "parties-0-full_name": "Токтогулов Бакыт",
        "parties-0-id_document_type": "passport", "parties-0-id_document_number": "AC1234567",
        "parties-0-nationality": "KG",
        "conveyances-0-kind": "vehicle", "conveyances-0-identifier": "01KG123ABC",
        "action": "submit",
    }
    data.update(overrides)
    return data
