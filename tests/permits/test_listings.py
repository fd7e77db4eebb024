import datetime

from species.choices import Appendix, ListingChange
from species.listings import appendix_on, is_within, listing_on
from species.models import CitesListing


def test_falls_back_to_current_appendix(taxa):
    assert appendix_on(taxa.uncia, datetime.date(2000, 1, 1)) == "I"


def test_history_replayed(taxa):
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.II, effective_from=datetime.date(1979, 6, 28))
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.I, effective_from=datetime.date(2010, 1, 1))
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.I, change_type=ListingChange.DELETION,
                                effective_from=datetime.date(2020, 1, 1))
    assert appendix_on(taxa.musk, datetime.date(1970, 1, 1)) == "NC"
    assert appendix_on(taxa.musk, datetime.date(1990, 1, 1)) == "II"
    assert appendix_on(taxa.musk, datetime.date(2015, 1, 1)) == "I"
    assert appendix_on(taxa.musk, datetime.date(2021, 1, 1)) == "NC"


def test_deletion_first_means_listed_before(taxa):
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.II, change_type=ListingChange.DELETION,
                                effective_from=datetime.date(2020, 1, 1))
    CitesListing.objects.create(taxon=taxa.musk, appendix=Appendix.I, effective_from=datetime.date(2020, 1, 1))
    assert appendix_on(taxa.musk, datetime.date(2019, 12, 31)) == "II"
    assert appendix_on(taxa.musk, datetime.date(2020, 1, 1)) == "I"


def test_app_iii_party_and_ancestor_history(taxa):
    CitesListing.objects.create(taxon=taxa.walrus, appendix=Appendix.III, party="CA",
                                effective_from=datetime.date(1975, 7, 1), annotation="#1")
    listing = listing_on(taxa.walrus, datetime.date(2000, 1, 1))
    assert (listing.appendix, listing.party, listing.annotation) == ("III", "CA", "#1")
    # A listing of the genus covers its species when it agrees with the species' current appendix.
    CitesListing.objects.create(taxon=taxa.falco, appendix=Appendix.II, effective_from=datetime.date(1979, 6, 28))
    assert appendix_on(taxa.cherrug, datetime.date(1978, 1, 1)) == "NC"
    assert appendix_on(taxa.cherrug, datetime.date(1990, 1, 1)) == "II"
    # Falco peregrinus is App I now: the genus history does not speak for it.
    assert appendix_on(taxa.peregrinus, datetime.date(1978, 1, 1)) == "I"


def test_is_within(taxa):
    assert is_within(taxa.cherrug, taxa.falconidae)
    assert is_within(taxa.cherrug, taxa.cherrug)
    assert is_within(taxa.polii, taxa.ovis)
    assert not is_within(taxa.ovis, taxa.polii)
    assert not is_within(taxa.uncia, taxa.falco)
    # Denormalised columns when the parent chain is missing.
    assert is_within(taxa.uncia, type(taxa.uncia)(scientific_name="Felidae", rank="family"))
