import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from species.choices import Appendix, ListingChange, NationalStatus, Rank
from species.importers import import_species_plus
from species.listings import appendix_on
from species.models import CitesListing, Taxon, TaxonSynonym
from tests.factories import CountryFactory, TaxonFactory

DATA = Path(__file__).parent / "data"
CHANGE_DAY = datetime.date(2026, 3, 1)


@pytest.fixture
def local_musk(db):
    """A taxon already known locally, with local names and notes, listed in App II."""
    taxon = TaxonFactory(scientific_name="Moschus moschiferus", cites_appendix=Appendix.II, class_name="Mammalia",
                         common_name="Siberian musk deer", notes="Seized often at Irkeshtam",
                         national_status=NationalStatus.RED_BOOK_II)
    taxon.common_name_en = "Siberian musk deer"
    taxon.common_name_ru = "Кабарга"
    taxon.common_name_ky = "Кудай"
    taxon.save()
    return taxon


def test_listings_export(local_musk):
    CountryFactory(iso2="CA", iso3="CAN", name="Canada")
    report = import_species_plus(DATA / "cites_listings.csv", effective_date=CHANGE_DAY)
    assert report.kind == "listings" and report.errors == []
    uncia = Taxon.objects.get(scientific_name="Panthera uncia")
    assert (uncia.cites_appendix, uncia.species_plus_id, uncia.author) == ("I", 8900, "(Schreber, 1775)")
    chain = []
    node = uncia.parent
    while node:
        chain.append((node.scientific_name, node.rank))
        node = node.parent
    assert chain == [("Panthera", Rank.GENUS), ("Felidae", Rank.FAMILY), ("Carnivora", Rank.ORDER),
                     ("Mammalia", Rank.CLASS), ("Chordata", Rank.PHYLUM), ("Animalia", Rank.KINGDOM)]
    assert Taxon.objects.get(scientific_name="Felidae").order == "Carnivora"
    polii = Taxon.objects.get(scientific_name="Ovis ammon polii")
    assert polii.rank == Rank.SUBSPECIES and polii.parent.scientific_name == "Ovis ammon"
    walrus = Taxon.objects.get(scientific_name="Odobenus rosmarus")
    assert (walrus.cites_appendix, walrus.cites_listing_party) == ("III", "CA")

    # The local taxon keeps its names, notes and national status; its transfer to App I is recorded.
    musk = Taxon.objects.get(pk=local_musk.pk)
    assert (musk.common_name_en, musk.common_name_ru, musk.common_name_ky) == (
        "Siberian musk deer", "Кабарга", "Кудай")
    assert musk.notes == "Seized often at Irkeshtam" and musk.national_status == NationalStatus.RED_BOOK_II
    assert musk.cites_appendix == "I" and musk.cites_annotation == "Transferred for this test"
    changes = set(CitesListing.objects.filter(taxon=musk).values_list("appendix", "change_type", "effective_from"))
    assert changes == {("II", ListingChange.DELETION, CHANGE_DAY), ("I", ListingChange.ADDITION, CHANGE_DAY)}
    # A case from before the change keeps App II; after it, App I.
    assert appendix_on(musk, CHANGE_DAY - datetime.timedelta(days=1)) == "II"
    assert appendix_on(musk, CHANGE_DAY) == "I"


def test_import_is_idempotent(local_musk):
    import_species_plus(DATA / "cites_listings.csv", effective_date=CHANGE_DAY)
    counts = (Taxon.objects.count(), CitesListing.objects.count())
    again = import_species_plus(DATA / "cites_listings.csv", effective_date=CHANGE_DAY + datetime.timedelta(days=9))
    assert (again.created, again.updated, again.listing_changes) == (0, 0, 0)
    assert (Taxon.objects.count(), CitesListing.objects.count()) == counts


def test_checklist_index_semicolons(db):
    tortoise = TaxonFactory(scientific_name="Testudo horsfieldii", common_name="", cites_appendix=Appendix.II)
    report = import_species_plus(DATA / "checklist_index.csv")
    assert report.kind == "listings" and report.errors == []
    tortoise.refresh_from_db()
    assert tortoise.common_name_en == "Central Asian Tortoise"
    assert TaxonSynonym.objects.filter(taxon=tortoise, name="Agrionemys horsfieldii").exists()
    sturgeon = Taxon.objects.get(scientific_name="Acipenser baerii")
    assert sturgeon.cites_annotation == "Included in Acipenseriformes spp."
    assert CitesListing.objects.count() == 0  # nothing changed for the known taxon


@pytest.fixture
def clean_history(db, tmp_path):
    """The history file without its deliberately broken line 6."""
    lines = (DATA / "checklist_history.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "history.csv"
    path.write_text("".join(lines[:5] + lines[6:]), encoding="utf-8")
    return path


def test_history_with_an_error_changes_nothing(db):
    report = import_species_plus(DATA / "checklist_history.csv")
    assert report.kind == "history" and report.rows == 0
    assert any("line 6" in e and "Appendix" in e for e in report.errors)
    assert any("line 6" in e and "EffectiveAt" in e for e in report.errors)
    assert Taxon.objects.count() == 0 and CitesListing.objects.count() == 0


def test_history(clean_history):
    report = import_species_plus(clean_history)
    assert report.kind == "history" and report.errors == []
    musk = Taxon.objects.get(scientific_name="Moschus chrysogaster")
    assert musk.cites_appendix == "I"
    assert musk.cites_annotation.startswith("Populations of Afghanistan")
    assert appendix_on(musk, datetime.date(1970, 1, 1)) == "NC"
    assert appendix_on(musk, datetime.date(1990, 1, 1)) == "II"
    assert appendix_on(musk, datetime.date(2003, 2, 13)) == "I"
    walrus = Taxon.objects.get(scientific_name="Odobenus rosmarus")
    assert (walrus.cites_appendix, walrus.cites_listing_party) == ("III", "CA")
    before = CitesListing.objects.count()
    assert import_species_plus(clean_history).listing_changes == 0
    assert CitesListing.objects.count() == before == 4


def test_dry_run_and_command(clean_history, capsys):
    import_species_plus(DATA / "cites_listings.csv", dry_run=True)
    assert Taxon.objects.count() == 0
    call_command("import_species_plus", str(clean_history))
    assert "history: 4 row(s)" in capsys.readouterr().out
    assert Taxon.objects.filter(scientific_name="Moschus chrysogaster").exists()
