"""The one visibility rule on every model, and searching across scripts, documents, plates and taxa."""
from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from seizures.choices import PartyRole, SharingLevel
from seizures.models import (
    Attachment,
    Case,
    CaseParty,
    Company,
    Conveyance,
    CustodyTransfer,
    Person,
    SeizedItem,
)
from species.models import Taxon, TaxonSynonym

from .conftest import ALL_CASES, ROLES, VISIBLE

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ROLES)
def test_the_rule_is_the_same_for_every_model(world, role):
    user = world.users.get(role)
    expected_cases = {world.cases[k].pk for k in VISIBLE[role]}
    for key, case in world.cases.items():
        Attachment.objects.create(case=case, file=ContentFile(b"%PDF-1.4", name=f"{key}.pdf"))
        CustodyTransfer.objects.create(case=case, transferred_at=timezone.now(), from_name="A", to_name="B")
        company = Company.objects.create(agency=case.agency, name=f"Company {key}")
        CaseParty.objects.create(case=case, company=company, role=PartyRole.CONSIGNEE)
    assert set(Case.objects.visible_to(user).values_list("pk", flat=True)) == expected_cases
    for model in (SeizedItem, CaseParty, Conveyance, Attachment, CustodyTransfer):
        assert set(model.objects.visible_to(user).values_list("case_id", flat=True)) == expected_cases, model
    assert set(Person.objects.visible_to(user)) == {world.persons[k] for k in VISIBLE[role]}
    assert {c.name for c in Company.objects.visible_to(user)} == {f"Company {k}" for k in VISIBLE[role]}


def test_inactive_users_see_nothing(world):
    analyst = world.users["analyst"]
    analyst.is_active = False
    analyst.save()
    assert not Case.objects.visible_to(analyst).exists()
    assert world.client("analyst").get("/api/v1/cases/").status_code in (401, 403)


def test_sharing_with_many_agencies_and_countries_never_duplicates_rows(world):
    case = world.cases["other_named"]
    case.shared_with_agencies.set(list(world.agencies.values()))
    case.shared_with_countries.set([a.country for a in world.agencies.values()])
    case.sharing_level = SharingLevel.REGIONAL
    case.save()
    analyst = world.users["analyst"]
    visible = Case.objects.visible_to(analyst)
    assert visible.count() == len(set(visible.values_list("pk", flat=True)))
    assert visible.filter(pk=case.pk).count() == 1


def test_a_person_in_two_cases_is_visible_through_either(world):
    person = world.persons["kz_unshared"]
    assert not Person.objects.visible_to(world.users["officer"]).filter(pk=person.pk).exists()
    CaseParty.objects.create(case=world.cases["other_national"], person=person, role=PartyRole.WITNESS)
    assert Person.objects.visible_to(world.users["officer"]).filter(pk=person.pk).exists()
    response = world.client("officer").get(f"/api/v1/persons/{person.pk}/")
    refs = {link["reference"] for link in response.json()["cases"]}
    assert refs == {world.cases["other_national"].reference}  # the hidden Kazakh case is not listed


@pytest.mark.parametrize("query", ["Токтогулов Бакыт", "Bakhyt Toktogulov", "TOKTOGULOV", "тоқтоғулов",
                                   "AC1234567", "ас 123-4567", "01KG777", "01 kg 777 xyz"])
def test_free_text_finds_persons_documents_and_plates_across_scripts(world, query):
    case = world.cases["own"]
    person = Person.objects.create(agency=case.agency, full_name="Токтогулов Бакыт",
                                   id_document_type="passport", id_document_number="AC1234567")
    CaseParty.objects.create(case=case, person=person, role=PartyRole.SUSPECT)
    Conveyance.objects.create(case=case, kind="vehicle", identifier="01 KG 777 XYZ")
    refs = {row["reference"] for row in world.client("officer").get("/api/v1/cases/", {"q": query}).json()["results"]}
    assert refs == {case.reference}
    persons = world.client("officer").get("/api/v1/persons/", {"q": query}).json()["results"]
    if not query.startswith("01"):
        assert [p["full_name"] for p in persons] == ["Токтогулов Бакыт"]


def test_person_keys_are_stored_normalised():
    from common.textnorm import search_key

    person = Person(full_name="Өмүрбек уулу Нурлан", id_document_number="ID-0012 345")
    person.compute_keys()
    assert person.name_key == search_key("Omurbek uulu Nurlan")
    assert person.document_key == "1D0012345"


@pytest.fixture
def taxonomy(world):
    order = Taxon.objects.create(scientific_name="Falconiformes", rank="order", order="Falconiformes")
    family = Taxon.objects.create(scientific_name="Falconidae", rank="family", parent=order, order="Falconiformes",
                                  family="Falconidae")
    genus = Taxon.objects.create(scientific_name="Falco", rank="genus", parent=family, family="Falconidae",
                                 order="Falconiformes", genus="Falco")
    cherrug = Taxon.objects.create(scientific_name="Falco cherrug", rank="species", parent=genus,
                                   common_name_en="Saker falcon", common_name_ru="Балобан",
                                   common_name_ky="Ителги", cites_appendix="II")
    # imported without a parent chain: found through the denormalised columns
    peregrinus = Taxon.objects.create(scientific_name="Falco peregrinus", rank="species", genus="Falco",
                                      family="Falconidae", order="Falconiformes", cites_appendix="I")
    TaxonSynonym.objects.create(taxon=cherrug, name="Hierofalco cherrug")
    return {"order": order, "family": family, "genus": genus, "cherrug": cherrug, "peregrinus": peregrinus}


@pytest.mark.parametrize("level", ["order", "family", "genus"])
def test_taxon_filter_includes_every_taxon_below(world, taxonomy, level):
    own, other = world.cases["own"], world.cases["other_national"]
    SeizedItem.objects.create(case=own, taxon=taxonomy["cherrug"], term=world.term, quantity=1)
    SeizedItem.objects.create(case=other, taxon=taxonomy["peregrinus"], term=world.term, quantity=1)
    response = world.client("officer").get("/api/v1/cases/", {"taxon": taxonomy[level].pk})
    assert {row["reference"] for row in response.json()["results"]} == {own.reference, other.reference}
    only_cherrug = world.client("officer").get("/api/v1/cases/", {"taxon": taxonomy["cherrug"].pk}).json()
    assert [row["reference"] for row in only_cherrug["results"]] == [own.reference]


def test_appendix_filter_uses_the_listing_on_the_seizure_date(world, taxonomy):
    own = world.cases["own"]
    SeizedItem.objects.create(case=own, taxon=taxonomy["peregrinus"], term=world.term, quantity=1,
                              cites_appendix_at_seizure="II")
    refs = {r["reference"] for r in world.client("officer").get("/api/v1/cases/", {"appendix": "I"}).json()["results"]}
    assert own.reference not in refs


@pytest.mark.parametrize("query", ["cherrug", "Hierofalco", "Балобан", "ителги", "saker"])
def test_species_search_in_every_language_and_by_synonym(world, taxonomy, query):
    response = world.client("analyst").get("/api/v1/species/", {"q": query})
    assert response.status_code == 200
    names = [row["scientific_name"] for row in response.json()["results"]]
    assert names == ["Falco cherrug"]
    row = response.json()["results"][0]
    assert row["common_names"]["ru"] == "Балобан" and row["synonyms"][0]["name"] == "Hierofalco cherrug"


def test_species_within_a_higher_taxon(world, taxonomy):
    response = world.client("analyst").get("/api/v1/species/", {"within": taxonomy["genus"].pk, "rank": "species"})
    assert {r["scientific_name"] for r in response.json()["results"]} == {"Falco cherrug", "Falco peregrinus"}


def test_unknown_filter_values_are_clear_errors(world):
    response = world.client("officer").get("/api/v1/cases/", {"agency": "XX-NONE", "status": "bogus"})
    assert response.status_code == 400
    assert set(response.json()) == {"agency", "status"}


def test_all_situations_are_covered():
    assert ALL_CASES == {"own", "other_unshared", "other_named", "other_named_third", "other_national",
                         "other_regional", "kz_unshared", "kz_named_to_other", "other_draft"}
