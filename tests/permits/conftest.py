"""Fixtures for the permits area: code lists, a small taxonomy, countries, a signed permit."""
import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from agencies.choices import AgencyKind
from permits.choices import DocumentType
from permits.services import register_permit
from species.choices import Appendix, Rank
from tests.factories import (
    AgencyFactory,
    CountryFactory,
    PurposeFactory,
    SourceFactory,
    TaxonFactory,
    TermFactory,
    UnitFactory,
    make_member,
)

TODAY = datetime.date(2026, 6, 1)


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English messages: run in English whatever the default language."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def codes(db):
    kil = UnitFactory(code="KIL", name="kilograms", is_mass=True, to_base=Decimal("1"))
    grm = UnitFactory(code="GRM", name="grams", is_mass=True, to_base=Decimal("0.001"))
    ltr = UnitFactory(code="LTR", name="litres", is_mass=False, to_base=Decimal("1"))
    terms = {c: TermFactory(code=c, name=c.lower(), is_live=(c == "LIV")) for c in
             ("LIV", "HOR", "TRO", "SKI", "CAV", "EGG")}
    tro = terms["TRO"]
    tro.restrict_units = True
    tro.save()
    tro.allowed_units.set([kil])
    sources = {c: SourceFactory(code=c, name=c) for c in "WCDAOIUFRX"}
    purposes = {c: PurposeFactory(code=c, name=c) for c in "TPSHZQBE"}
    return SimpleNamespace(kil=kil, grm=grm, ltr=ltr, terms=terms, sources=sources, purposes=purposes)


@pytest.fixture
def taxa(db):
    falconidae = TaxonFactory(scientific_name="Falconidae", rank=Rank.FAMILY, family="Falconidae",
                              genus="", cites_appendix=Appendix.II)
    falco = TaxonFactory(scientific_name="Falco", rank=Rank.GENUS, parent=falconidae, genus="Falco",
                         cites_appendix=Appendix.II)
    cherrug = TaxonFactory(scientific_name="Falco cherrug", parent=falco, genus="Falco",
                           cites_appendix=Appendix.II)
    peregrinus = TaxonFactory(scientific_name="Falco peregrinus", parent=falco, genus="Falco",
                              cites_appendix=Appendix.I)
    uncia = TaxonFactory(scientific_name="Panthera uncia", class_name="Mammalia", order="Carnivora",
                         family="Felidae", genus="Panthera", cites_appendix=Appendix.I)
    ovis = TaxonFactory(scientific_name="Ovis ammon", class_name="Mammalia", order="Artiodactyla",
                        family="Bovidae", genus="Ovis", cites_appendix=Appendix.II)
    polii = TaxonFactory(scientific_name="Ovis ammon polii", rank=Rank.SUBSPECIES, parent=ovis,
                         class_name="Mammalia", genus="Ovis", cites_appendix=Appendix.II)
    musk = TaxonFactory(scientific_name="Moschus moschiferus", class_name="Mammalia", genus="Moschus",
                        cites_appendix=Appendix.II)
    walrus = TaxonFactory(scientific_name="Odobenus rosmarus", class_name="Mammalia", genus="Odobenus",
                          cites_appendix=Appendix.III, cites_listing_party="CA")
    sparrow = TaxonFactory(scientific_name="Passer montanus", genus="Passer", cites_appendix=Appendix.NOT_LISTED)
    return SimpleNamespace(falconidae=falconidae, falco=falco, cherrug=cherrug, peregrinus=peregrinus,
                           uncia=uncia, ovis=ovis, polii=polii, musk=musk, walrus=walrus, sparrow=sparrow)


@pytest.fixture
def countries(db):
    return SimpleNamespace(
        kg=CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan"),
        kz=CountryFactory(iso2="KZ", iso3="KAZ", name="Kazakhstan"),
        ae=CountryFactory(iso2="AE", iso3="ARE", name="United Arab Emirates"),
        ca=CountryFactory(iso2="CA", iso3="CAN", name="Canada"),
        cn=CountryFactory(iso2="CN", iso3="CHN", name="China"),
    )


@pytest.fixture
def cites_ma_user(countries):
    agency = AgencyFactory(code="KG-MNR", kind=AgencyKind.CITES_MA, country=countries.kg)
    return make_member(agency, username="ma_officer")


@pytest.fixture
def customs_user(countries):
    agency = AgencyFactory(code="KG-CUS", kind=AgencyKind.CUSTOMS, country=countries.kg)
    return make_member(agency, username="customs_officer")


@pytest.fixture
def make_permit(codes, taxa, countries):
    def make(number="KG-2026-0001", lines=None, **fields):
        lines = lines or [
            {"taxon": taxa.cherrug, "term": codes.terms["LIV"], "quantity": Decimal("2"), "unit": None,
             "source": codes.sources["C"], "purpose": codes.purposes["T"]},
        ]
        data = {
            "document_type": DocumentType.EXPORT,
            "number": number,
            "issuing_country": countries.kg,
            "exporter_name": "Sunkar Falcons LLC",
            "importer_name": "Desert Hawks Trading",
            "country_of_export": countries.kg,
            "country_of_import": countries.ae,
            "valid_from": TODAY - datetime.timedelta(days=30),
            "valid_until": TODAY + datetime.timedelta(days=150),
            "security_stamp_number": "KG 004521",
        }
        data.update(fields)
        return register_permit(lines=lines, **data)

    return make


@pytest.fixture
def kilo_permit(make_permit, codes, taxa):
    """An export permit for 10 kg of Argali trophies (KIL)."""
    return make_permit(
        number="KG-2026-0100",
        lines=[{"taxon": taxa.ovis, "term": codes.terms["TRO"], "quantity": Decimal("10"), "unit": codes.kil,
                "source": codes.sources["W"], "purpose": codes.purposes["H"]}],
    )
