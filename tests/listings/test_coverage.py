"""Coverage of the reference taxa: species-level taxa with their parent chain, sources, national protection.

The whole reference set is checked at once: every taxon has its parent chain, a valid appendix code and a
data source; every listed taxon is answered by a listing row of its own or of the higher taxon whose entry
covers it; no row carries a placeholder date.
"""
import datetime

import pytest

from species.choices import Appendix
from species.listings import listing_on
from species.models import CitesListing, Rank, Taxon
from species.reference import load_taxa

pytestmark = pytest.mark.django_db

D = datetime.date
# The date the Appendices edition was checked against; earlier versions used it as a stand-in for unknown dates.
PLACEHOLDER = D(2025, 2, 7)
SPECIES_LEVEL = 516


def _all_taxa() -> list[Taxon]:
    """Every taxon with its listings prefetched and its parent linked in memory (no query per taxon)."""
    taxa = {t.pk: t for t in Taxon.objects.prefetch_related("listings")}
    for taxon in taxa.values():
        if taxon.parent_id:
            taxon.parent = taxa[taxon.parent_id]
    return list(taxa.values())


def _ancestors(taxon: Taxon) -> list[Taxon]:
    chain, node = [], taxon
    while node.parent_id:
        node = node.parent
        chain.append(node)
    return chain


def test_reference_taxa_have_parents_sources_and_sourced_kyrgyz_names():
    load_taxa()
    species = [t for t in _all_taxa() if t.rank in (Rank.SPECIES, Rank.SUBSPECIES)]
    assert len(species) >= SPECIES_LEVEL
    for taxon in species:
        chain = [node.rank for node in _ancestors(taxon)]
        assert Rank.GENUS in chain or taxon.rank == Rank.SUBSPECIES, taxon.scientific_name
        assert chain and chain[-1] == Rank.KINGDOM, taxon.scientific_name
        assert taxon.data_source, taxon.scientific_name
    vulture = Taxon.objects.get(scientific_name="Neophron percnopterus")
    assert vulture.common_name_ky == "Журтчу жору" and "Red Book of the Kyrgyz Republic" in vulture.data_source
    gazelle = Taxon.objects.get(scientific_name="Gazella subgutturosa")
    assert gazelle.cites_appendix == "NC" and gazelle.national_status == "RB"
    assert "national protection" in gazelle.cites_annotation
    # covered by the higher-taxon entry, with its date: Acipenseriformes spp. from 1998-04-01
    persicus = Taxon.objects.get(scientific_name="Acipenser persicus")
    assert listing_on(persicus, D(1998, 3, 31), None).appendix == "NC"
    assert listing_on(persicus, D(1998, 4, 1), None).appendix == "II"
    # Indian star tortoise: Testudinidae spp. II, then Appendix I from CoP18 (2019-11-26)
    star = Taxon.objects.get(scientific_name="Geochelone elegans")
    assert listing_on(star, D(2019, 11, 25), None).appendix == "II"
    assert listing_on(star, D(2019, 11, 26), None).appendix == "I"
    # a musk deer species takes the Moschus spp. population split
    fuscus = Taxon.objects.get(scientific_name="Moschus fuscus")
    assert listing_on(fuscus, D(2024, 6, 1), "CN").appendix == "II"
    assert listing_on(fuscus, D(2024, 6, 1), "NP").appendix == "I"
    assert listing_on(fuscus, D(2024, 6, 1), None).origin_needed


def test_every_listed_taxon_is_answered_by_its_own_rows_or_a_covering_entry():
    load_taxa()
    today = D(2026, 1, 1)
    valid = {choice.value for choice in Appendix}
    taxa = _all_taxa()
    assert len(taxa) > 1000
    for taxon in taxa:
        assert taxon.cites_appendix in valid, taxon.scientific_name
        if taxon.rank != Rank.KINGDOM:
            assert taxon.parent_id, taxon.scientific_name
        answer = listing_on(taxon, today, None)
        answers = {a.appendix for a in answer.alternatives} or {answer.appendix}
        assert taxon.cites_appendix in answers, (taxon.scientific_name, taxon.cites_appendix, answers)
        if taxon.cites_appendix == Appendix.NOT_LISTED or taxon.rank not in (Rank.SPECIES, Rank.SUBSPECIES):
            continue  # higher taxa may carry the appendix of their species for information only
        covered = bool(taxon.listings.all()) or any(a.listings.all() for a in _ancestors(taxon))
        assert covered and answer.from_history, taxon.scientific_name
        if answer.listed_under:
            assert taxon.cites_annotation.startswith(("Covered by", "Included in")) or not taxon.listings.all()
    assert not CitesListing.objects.filter(effective_from=PLACEHOLDER).exists()
    assert CitesListing.objects.filter(effective_from__isnull=True).exists()  # unknown dates stay unknown


# taxon, seizure date, origin -> appendix and the higher taxon whose entry answers (sources in species/data/README.md)
CASES = [
    # Rhodiola spp. II #2 from CoP19 (in force 2023-02-23); not listed before
    ("Rhodiola rosea", D(2023, 2, 22), None, "NC", "Rhodiola"),
    ("Rhodiola semenovii", D(2023, 2, 23), "KG", "II", "Rhodiola"),
    # transfers with their own dates: CoP13 (2005-01-12), CoP17 (2017-01-02), CoP18 (2019-11-26)
    ("Haliaeetus leucocephalus", D(2005, 1, 11), None, "I", ""),
    ("Haliaeetus leucocephalus", D(2005, 1, 12), None, "II", ""),
    ("Cacatua sulphurea", D(2005, 1, 12), "ID", "I", ""),
    ("Macaca sylvanus", D(2016, 12, 31), "MA", "II", ""),
    ("Macaca sylvanus", D(2017, 1, 2), "MA", "I", ""),
    ("Aonyx cinereus", D(2019, 11, 25), None, "II", ""),
    ("Aonyx cinereus", D(2019, 11, 26), None, "I", ""),
    ("Nautilus pompilius", D(2017, 1, 1), None, "NC", "Nautilidae"),
    ("Nautilus pompilius", D(2017, 1, 2), None, "II", "Nautilidae"),
    # Central Asian taxa added from the Species+ distribution
    ("Tetraogallus tibetanus", D(2024, 6, 1), "TJ", "I", ""),
    ("Pelecanus crispus", D(2024, 6, 1), "KZ", "I", ""),
    ("Marmota caudata", D(2024, 6, 1), "KG", "III", ""),
    ("Martes foina intermedia", D(2024, 6, 1), "KG", "III", ""),
    ("Martes foina", D(2024, 6, 1), "KG", "NC", ""),
    ("Oxyura leucocephala", D(2024, 6, 1), "UZ", "II", ""),
    # higher-taxon entries and exclusions
    ("Macaca mulatta", D(2024, 6, 1), "CN", "II", "Primates"),
    ("Melopsittacus undulatus", D(2024, 6, 1), None, "NC", ""),
    ("Aloe vera", D(2024, 6, 1), None, "NC", ""),
    ("Aloe ferox", D(2024, 6, 1), "ZA", "II", "Aloe"),
    ("Lophophora williamsii", D(2024, 6, 1), "MX", "II", "Cactaceae"),
    # population listing: Neotropical mahogany only
    ("Swietenia macrophylla", D(2024, 6, 1), "BR", "II", ""),
    ("Swietenia macrophylla", D(2024, 6, 1), "FJ", "NC", ""),
    # national protection only
    ("Malus niedzwetzkyana", D(2024, 6, 1), "KG", "NC", ""),
    ("Tulipa greigii", D(2024, 6, 1), "KG", "NC", ""),
    ("Anser indicus", D(2024, 6, 1), "KG", "NC", ""),
]


def test_added_taxa_resolve_with_their_dates_populations_and_parties():
    load_taxa()
    for name, day, origin, appendix, listed_under in CASES:
        taxon = Taxon.objects.get(scientific_name=name)
        answer = listing_on(taxon, day, origin)
        assert (answer.appendix, answer.listed_under) == (appendix, listed_under), (name, day, origin)
        assert taxon.data_source, name
    marmot = listing_on(Taxon.objects.get(scientific_name="Marmota caudata"), D(2024, 6, 1), "KG")
    assert marmot.party == "IN"
    blackbuck = CitesListing.objects.filter(taxon__scientific_name="Antilope cervicapra")
    parties = set(blackbuck.values_list("party", flat=True))
    assert parties == {"NP", "PK"}
    assert not CitesListing.objects.filter(appendix="III", party="").exists()
    for name in ("Malus niedzwetzkyana", "Tulipa greigii", "Tulipa zenaidae", "Anser indicus", "Aythya nyroca"):
        protected = Taxon.objects.get(scientific_name=name)
        assert protected.national_status == "RB" and "national protection" in protected.cites_annotation, name
        assert "Red Book of the Kyrgyz Republic" in protected.data_source, name
    duck = Taxon.objects.get(scientific_name="Oxyura leucocephala")
    assert (duck.cites_appendix, duck.national_status) == ("II", "RB4")  # CITES-listed and in the Red Book
