"""Coverage of the reference taxa: species-level taxa with their parent chain, sources, national protection."""
import datetime

import pytest

from species.listings import listing_on
from species.models import Rank, Taxon
from species.reference import load_taxa

pytestmark = pytest.mark.django_db


def test_reference_taxa_have_parents_sources_and_sourced_kyrgyz_names():
    load_taxa()
    species = Taxon.objects.filter(rank__in=[Rank.SPECIES, Rank.SUBSPECIES])
    assert species.count() >= 210
    for taxon in species.select_related("parent"):
        chain, node = [], taxon
        while node.parent_id:
            node = node.parent
            chain.append(node.rank)
        assert Rank.GENUS in chain or taxon.rank == Rank.SUBSPECIES, taxon.scientific_name
        assert taxon.data_source, taxon.scientific_name
    vulture = Taxon.objects.get(scientific_name="Neophron percnopterus")
    assert vulture.common_name_ky == "Журтчу жору" and "Red Book of the Kyrgyz Republic" in vulture.data_source
    gazelle = Taxon.objects.get(scientific_name="Gazella subgutturosa")
    assert gazelle.cites_appendix == "NC" and gazelle.national_status == "RB"
    assert "national protection" in gazelle.cites_annotation
    # covered by the higher-taxon entry, with its date: Acipenseriformes spp. from 1998-04-01
    persicus = Taxon.objects.get(scientific_name="Acipenser persicus")
    assert listing_on(persicus, datetime.date(1998, 3, 31), None).appendix == "NC"
    assert listing_on(persicus, datetime.date(1998, 4, 1), None).appendix == "II"
    # Indian star tortoise: Testudinidae spp. II, then Appendix I from CoP18 (2019-11-26)
    star = Taxon.objects.get(scientific_name="Geochelone elegans")
    assert listing_on(star, datetime.date(2019, 11, 25), None).appendix == "II"
    assert listing_on(star, datetime.date(2019, 11, 26), None).appendix == "I"
    # a musk deer species takes the Moschus spp. population split
    fuscus = Taxon.objects.get(scientific_name="Moschus fuscus")
    assert listing_on(fuscus, datetime.date(2024, 6, 1), "CN").appendix == "II"
    assert listing_on(fuscus, datetime.date(2024, 6, 1), "NP").appendix == "I"
    assert listing_on(fuscus, datetime.date(2024, 6, 1), None).origin_needed
