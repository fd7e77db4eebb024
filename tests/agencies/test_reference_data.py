"""The agencies reference data: ISO countries in three languages, the agencies and posts of the shared spec."""
import pytest
from django.apps import apps
from django.forms.models import model_to_dict

from agencies.models import Agency, Country, Post
from agencies.reference import load_agencies, load_countries

# The shared agencies spec: code -> (kind, country).
AGENCIES = {
    "KG-CUS": ("customs", "KG"),
    "KG-BGS": ("border", "KG"),
    "KG-MVD": ("police", "KG"),
    "KG-ECO": ("eco_police", "KG"),
    "KG-MNR": ("cites_ma", "KG"),
    "KG-GPO": ("prosecutor", "KG"),
    "KZ-CUS": ("customs", "KZ"),
    "UZ-CUS": ("customs", "UZ"),
    "TJ-CUS": ("customs", "TJ"),
}
# code -> (kind, neighbouring country or None); the agency is the first two parts of the code.
POSTS = {
    "KG-CUS-FRU": ("airport", None),
    "KG-CUS-OSS": ("airport", None),
    "KG-CUS-IRK": ("road", "CN"),
    "KG-CUS-TOR": ("road", "CN"),
    "KG-CUS-DOS": ("road", "UZ"),
    "KG-CUS-AKZ": ("road", "KZ"),
    "KG-CUS-AKT": ("road", "KZ"),
    "KG-CUS-KRM": ("road", "TJ"),
    "KG-CUS-BPO": ("post_office", None),
    "KG-CUS-KSU": ("road", "UZ"),
    "KG-BGS-FRU": ("airport", None),
    "KG-BGS-IRK": ("road", "CN"),
    "KG-BGS-TOR": ("road", "CN"),
    "KG-BGS-DOS": ("road", "UZ"),
    "KG-BGS-AKZ": ("road", "KZ"),
    "KG-BGS-KRM": ("road", "TJ"),
    "KG-BGS-BDB": ("road", "TJ"),
    "KG-MVD-OSB": ("market", None),
    "KG-MVD-DOR": ("market", None),
    "KG-MVD-KSM": ("market", None),
    "KG-MVD-OSH": ("office", None),
    "KG-ECO-BSK": ("office", None),
    "KG-ECO-IKL": ("office", None),
    "KG-ECO-NRN": ("office", None),
    "KZ-CUS-ALA": ("airport", None),
    "KZ-CUS-KRG": ("road", "CN"),
    "KZ-CUS-KRD": ("road", "KG"),
    "UZ-CUS-TAS": ("airport", None),
    "UZ-CUS-DST": ("road", "KG"),
    "TJ-CUS-DYU": ("airport", None),
    "TJ-CUS-KZA": ("road", "CN"),
}
# Countries that matter most here: their Kyrgyz names must be real Kyrgyz (no Latin letters).
KEY_COUNTRIES = (
    "KG KZ UZ TJ TM CN RU TR AE AF PK IN IR MN AZ GE SA US DE FR GB IT NL BE PL TH VN LA MY ID SG HK KH MM PH "
    "NG CM CD CG GA CI GH KE TZ UG MZ ZA BW NA ZW ZM AO"
).split()


@pytest.fixture
def loaded(db):
    load_countries()
    load_agencies()


def _snapshot() -> dict:
    snap = {m.__name__: [model_to_dict(o) for o in m.objects.order_by("pk")] for m in (Country, Agency, Post)}
    snap["history"] = {m.__name__: m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical")}
    return snap


def test_all_iso_countries_with_three_names(loaded):
    assert Country.objects.count() >= 249
    for country in Country.objects.all():
        country.full_clean(validate_unique=False)
        assert country.name_en and country.name_ru and country.name_ky, country.iso2
    kg = Country.objects.get(iso2="KG")
    assert (kg.iso3, kg.name_en, kg.name_ru, kg.name_ky) == ("KGZ", "Kyrgyzstan", "Кыргызстан", "Кыргызстан")
    assert Country.objects.get(iso2="TR").name_ky == "Түркия"
    assert Country.objects.get(iso2="CN").name_ky == "Кытай"


def test_key_countries_have_kyrgyz_names(loaded):
    for iso2 in KEY_COUNTRIES:
        name = Country.objects.get(iso2=iso2).name_ky
        assert name and not any("a" <= ch.lower() <= "z" for ch in name), iso2


def test_agencies_of_the_spec(loaded):
    assert set(Agency.objects.values_list("code", flat=True)) >= set(AGENCIES)
    for code, (kind, country) in AGENCIES.items():
        agency = Agency.objects.get(code=code)
        agency.full_clean(validate_unique=False)
        assert (agency.kind, agency.country.iso2) == (kind, country), code
        assert agency.name_en and agency.name_ru and agency.name_ky, code
        assert bool(agency.email or agency.phone or agency.website) == bool(agency.contact_source), code
    customs = Agency.objects.get(code="KG-CUS")
    assert customs.name_ky == "Кыргыз Республикасынын Финансы министрлигине караштуу Мамлекеттик бажы кызматы"
    assert customs.name_en == "State Customs Service under the Ministry of Finance of the Kyrgyz Republic"


def test_posts_of_the_spec(loaded):
    assert set(Post.objects.values_list("code", flat=True)) >= set(POSTS)
    for code, (kind, neighbour) in POSTS.items():
        post = Post.objects.select_related("agency", "neighbour_country").get(code=code)
        post.full_clean(validate_unique=False)
        assert post.agency.code == code.rsplit("-", 1)[0], code
        assert post.kind == kind and post.country_id == post.agency.country_id, code
        assert post.is_border_crossing == bool(neighbour), code
        assert (post.neighbour_country.iso2 if post.neighbour_country else None) == neighbour, code
        assert post.name_en and post.name_ru and post.name_ky, code
        assert 35 < post.latitude < 46 and 65 < post.longitude < 82, code
    assert Post.objects.get(code="KG-CUS-IRK").name_ky == "Эркечтам"


def test_loading_twice_changes_nothing(loaded):
    before = _snapshot()
    for counts in [*load_countries().values(), *load_agencies().values()]:
        assert counts["created"] == 0 and counts["updated"] == 0, counts
    assert _snapshot() == before


def test_reload_keeps_local_contact_details(loaded):
    agency = Agency.objects.get(code="KG-ECO")
    agency.email = "duty@eco.example.kg"
    agency.name_ru = "Изменено"
    agency.save()
    assert load_agencies()["agencies"]["updated"] == 1
    agency.refresh_from_db()
    assert agency.email == "duty@eco.example.kg"
    assert agency.name_ru.startswith("Служба экологического")
