"""Truth table: (taxon, seizure date, origin) → appendix, on the reference data as loaded.

Each row names its source (keys below). Dates are the entry into force of the amendments; "undated" rows
of the 2025-02-07 Appendices count as in force on every earlier day ("date of listing unknown").
"""
import datetime

import pytest

from species.listings import listing_on
from species.models import Taxon
from species.reference import load_taxa

SOURCES = {
    "A75": "Appendices in force at the Convention's entry into force, 1975-07-01",
    "APP": "CITES Appendices valid from 2025-02-07 (Species+); no date of entry into force (undated)",
    "POP": "CITES Appendices valid from 2025-02-07: population listing named in the entry",
    "SSP": "CITES Appendices valid from 2025-02-07: subspecies named in the species' entry",
    "C1": "CoP1 amendments, in force 1977-02-04",
    "C7": "CoP7 amendments (elephant to Appendix I), in force 1990-01-18",
    "C8": "CoP8 amendments (Polyodon spathula), in force 1992-06-11",
    "C9": "CoP9 amendments (Saiga tatarica), in force 1995-02-16",
    "C10": "CoP10 amendments: elephant BW NA ZW to II 1997-09-18; Acipenseriformes spp. 1998-04-01",
    "C11": "CoP11 amendments (elephant ZA to II), in force 2000-07-19",
    "C17": "CoP17 amendments (Manis spp. and Psittacus erithacus to I), in force 2017-01-02",
    "C17D": "CoP17 shark listings delayed 12 months: Alopias spp. in force 2017-10-04 (demaribus.net 2017-10-06)",
    "C18": "CoP18 amendments, in force 2019-11-26 (Appendices valid from 26 November 2019; EU Reg. 2019/2117)",
    "C19": "CoP19: Namibian C. s. simum to II, in force 2023-02-23 (Commission Regulation (EU) 2023/966, recital 5)",
    "C19S": "CoP19 Prop. 38: Sphyrnidae spp. II from 2023-02-23, not delayed (USFWS notice of the 2023-11-25"
            " entries names only Carcharhinidae spp. and Pycnonotus zeylanicus); the three large hammerheads"
            " listed since 2014-09-14 (CoP16)",
    "C19D": "CoP19 delayed listing: Carcharhinidae spp. II from 2023-11-25 (CITES news of 2023-11-27)",
    "C15N": "CoP15 nomenclature: Hirudo verbana split from H. medicinalis (II), date of listing unknown",
    "C16P": "Dalbergia retusa listed on its own before Dalbergia spp. (CoP17, 2017-01-02); its date unknown",
    "A3": "Appendix III listing by the named Party (Species+)",
    "A12": "CITES Appendices valid from 2012-04-03, Cervidae: Cervus elaphus hanglu I, C. e. bactrianus II, the"
           " species itself not listed (Mammal Species of the World, 1982: 'as C. e. ... subspecies only'); undated",
    "RB": "Red Book of the Kyrgyz Republic (2006); not in the CITES Appendices (2025-02-07)",
}

D = datetime.date
TODAYISH = D(2024, 6, 1)
TABLE = [
    # taxon, date, origin, appendix, source
    ("Panthera uncia", D(1975, 6, 30), "KG", "NC", "A75"),
    ("Panthera uncia", D(1975, 7, 1), "KG", "I", "A75"),
    ("Panthera uncia", TODAYISH, "KG", "I", "A75"),
    ("Panthera uncia", TODAYISH, None, "I", "A75"),
    ("Falco cherrug", TODAYISH, "KG", "II", "APP"),
    ("Falco cherrug", D(1980, 1, 1), None, "II", "APP"),
    ("Falco cherrug", D(1976, 1, 1), "KZ", "II", "APP"),
    ("Falco peregrinus", TODAYISH, "KG", "I", "APP"),
    ("Falco peregrinus", D(1990, 1, 1), "KG", "I", "APP"),
    ("Falco tinnunculus", TODAYISH, "KG", "II", "APP"),
    ("Saiga tatarica", D(1995, 2, 15), "KZ", "NC", "C9"),
    ("Saiga tatarica", D(1995, 2, 16), "KZ", "II", "C9"),
    ("Saiga tatarica", TODAYISH, "KZ", "II", "C9"),
    ("Saiga tatarica", TODAYISH, None, "II", "C9"),
    ("Testudo horsfieldii", TODAYISH, "KG", "II", "APP"),
    ("Testudo horsfieldii", D(1985, 1, 1), "UZ", "II", "APP"),
    ("Canis lupus", TODAYISH, "KG", "II", "POP"),
    ("Canis lupus", TODAYISH, "IN", "I", "POP"),
    ("Canis lupus", TODAYISH, "PK", "I", "POP"),
    ("Canis lupus", TODAYISH, "KZ", "II", "POP"),
    ("Canis lupus", TODAYISH, None, "I", "POP"),
    ("Ursus arctos", TODAYISH, "MN", "I", "POP"),
    ("Ursus arctos", TODAYISH, "KZ", "II", "POP"),
    ("Ursus arctos", TODAYISH, "CN", "I", "POP"),
    ("Ursus arctos", TODAYISH, "RU", "II", "POP"),
    ("Ursus arctos", TODAYISH, None, "I", "POP"),
    ("Ursus arctos isabellinus", TODAYISH, "KG", "I", "A75"),
    ("Ursus arctos isabellinus", TODAYISH, None, "I", "A75"),
    ("Ursus arctos isabellinus", D(1975, 7, 1), "KG", "I", "A75"),
    ("Ovis ammon", TODAYISH, "KG", "II", "SSP"),
    ("Ovis ammon", TODAYISH, None, "II", "SSP"),
    ("Ovis ammon polii", TODAYISH, "TJ", "II", "SSP"),
    ("Ovis ammon polii", TODAYISH, "KG", "II", "SSP"),
    ("Ovis ammon hodgsonii", TODAYISH, "CN", "I", "A75"),
    ("Ovis ammon hodgsonii", D(1975, 6, 30), "CN", "NC", "A75"),
    ("Ovis ammon nigrimontana", TODAYISH, "KZ", "I", "SSP"),
    ("Equus hemionus kulan", TODAYISH, "TM", "II", "SSP"),
    ("Equus hemionus hemionus", TODAYISH, "MN", "I", "SSP"),
    ("Equus hemionus khur", TODAYISH, "IN", "I", "SSP"),
    ("Panthera leo", TODAYISH, "IN", "I", "POP"),
    ("Panthera leo", TODAYISH, "TZ", "II", "POP"),
    ("Panthera leo", TODAYISH, None, "I", "POP"),
    ("Caracal caracal", TODAYISH, "UZ", "I", "POP"),
    ("Caracal caracal", TODAYISH, "ZA", "II", "POP"),
    ("Loxodonta africana", D(1977, 2, 3), "KE", "NC", "C1"),
    ("Loxodonta africana", D(1985, 1, 1), "KE", "II", "C1"),
    ("Loxodonta africana", D(1990, 1, 18), "KE", "I", "C7"),
    ("Loxodonta africana", D(1997, 9, 17), "BW", "I", "C7"),
    ("Loxodonta africana", D(1997, 9, 18), "BW", "II", "C10"),
    ("Loxodonta africana", D(1999, 1, 1), "ZA", "I", "C10"),
    ("Loxodonta africana", D(2000, 7, 19), "ZA", "II", "C11"),
    ("Loxodonta africana", TODAYISH, "KE", "I", "C7"),
    ("Loxodonta africana", TODAYISH, None, "I", "POP"),
    ("Manis javanica", D(2016, 12, 31), "VN", "II", "C17"),
    ("Manis javanica", D(2017, 1, 2), "VN", "I", "C17"),
    ("Psittacus erithacus", D(2016, 6, 1), "CM", "II", "C17"),
    ("Psittacus erithacus", D(2017, 1, 2), "CM", "I", "C17"),
    ("Acipenser baerii", D(1998, 3, 31), "RU", "NC", "C10"),
    ("Acipenser baerii", D(1998, 4, 1), "RU", "II", "C10"),
    ("Huso huso", D(1997, 1, 1), "KZ", "NC", "C10"),
    ("Huso huso", TODAYISH, "KZ", "II", "C10"),
    ("Polyodon spathula", D(1992, 6, 10), "US", "NC", "C8"),
    ("Polyodon spathula", D(1992, 6, 11), "US", "II", "C8"),
    ("Capra sibirica", TODAYISH, "KG", "III", "A3"),
    ("Mustela altaica", TODAYISH, "IN", "III", "A3"),
    ("Marmota menzbieri", TODAYISH, "KG", "NC", "RB"),
    ("Moschus moschiferus", TODAYISH, "RU", "II", "POP"),
    ("Moschus chrysogaster", TODAYISH, "IN", "I", "POP"),
    ("Moschus chrysogaster", TODAYISH, "CN", "II", "POP"),
    ("Ceratotherium simum", TODAYISH, "ZA", "II", "POP"),
    ("Ceratotherium simum", TODAYISH, "KE", "I", "POP"),
    ("Ceratotherium simum", D(2023, 2, 22), "NA", "I", "C19"),
    ("Ceratotherium simum", D(2023, 2, 23), "NA", "II", "C19"),
    ("Ceratotherium simum", D(2023, 2, 23), "BW", "I", "C19"),
    ("Alopias vulpinus", D(2017, 10, 3), "ES", "NC", "C17D"),
    ("Alopias vulpinus", D(2017, 10, 4), "ES", "II", "C17D"),
    ("Carcharhinus", D(2023, 11, 24), "ID", "NC", "C19D"),
    ("Carcharhinus", D(2023, 11, 25), "ID", "II", "C19D"),
    ("Carcharhinus longimanus", D(2020, 1, 1), "ID", "II", "C19D"),
    ("Sphyrna", D(2023, 2, 22), "MX", "NC", "C19S"),
    ("Sphyrna", D(2023, 2, 23), "MX", "II", "C19S"),
    ("Sphyrnidae", D(2023, 6, 1), "EC", "II", "C19S"),
    ("Sphyrna lewini", D(2015, 1, 1), "EC", "II", "C19S"),
    ("Sphyrna lewini", D(2023, 2, 22), "EC", "II", "C19S"),
    ("Giraffa camelopardalis", D(2019, 11, 25), "KE", "NC", "C18"),
    ("Giraffa camelopardalis", D(2019, 11, 26), "KE", "II", "C18"),
    ("Aonyx cinereus", D(2019, 11, 25), "ID", "II", "C18"),
    ("Aonyx cinereus", D(2019, 11, 26), "ID", "I", "C18"),
    ("Hirudo verbana", D(2015, 1, 1), "UA", "II", "C15N"),
    ("Dalbergia retusa", D(2015, 1, 1), "NI", "II", "C16P"),
    ("Dalbergia latifolia", D(2016, 12, 31), "IN", "NC", "C16P"),
    ("Dalbergia latifolia", D(2017, 1, 2), "IN", "II", "C16P"),
    ("Cervus elaphus", TODAYISH, "KZ", "NC", "A12"),
    ("Cervus elaphus", TODAYISH, "KG", "NC", "A12"),
    ("Cervus elaphus", TODAYISH, None, "NC", "A12"),
    ("Cervus elaphus bactrianus", TODAYISH, "KZ", "II", "A12"),
    ("Cervus elaphus bactrianus", TODAYISH, "UZ", "II", "A12"),
    ("Cervus elaphus bactrianus", TODAYISH, None, "II", "A12"),
    ("Cervus elaphus bactrianus", D(1990, 1, 1), "TJ", "II", "A12"),
    ("Cervus elaphus hanglu", TODAYISH, "IN", "I", "A12"),
    ("Cervus elaphus hanglu", TODAYISH, None, "I", "A12"),
]


@pytest.fixture
def loaded(db):
    load_taxa()


def test_table_is_large_and_sourced():
    assert len(TABLE) >= 60
    assert all(row[4] in SOURCES for row in TABLE)


def test_truth_table(loaded):
    taxa = {t.scientific_name: t for t in Taxon.objects.filter(scientific_name__in={r[0] for r in TABLE})}
    assert len(taxa) == len({r[0] for r in TABLE})
    wrong = []
    for name, day, origin, expected, source in TABLE:
        got = listing_on(taxa[name], day, origin).appendix
        if got != expected:
            wrong.append(f"{name} {day} {origin}: {got}, expected {expected} ({SOURCES[source]})")
    assert wrong == []


def test_unknown_date_is_in_force_and_says_so(loaded):
    cherrug = listing_on(Taxon.objects.get(scientific_name="Falco cherrug"), D(1980, 1, 1))
    assert cherrug.date_unknown and cherrug.listed_under == "Falconiformes"
    assert "date of listing unknown" in cherrug.summary()
    saiga = listing_on(Taxon.objects.get(scientific_name="Saiga tatarica"), TODAYISH)
    assert not saiga.date_unknown and saiga.effective_from == D(1995, 2, 16)


def test_unknown_origin_shows_both_and_asks(loaded):
    wolf = listing_on(Taxon.objects.get(scientific_name="Canis lupus"), TODAYISH)
    assert wolf.origin_needed and wolf.appendix == "I"
    assert wolf.summary() == "I if from BT, IN, NP, PK; otherwise II"
    assert not listing_on(Taxon.objects.get(scientific_name="Canis lupus"), TODAYISH, "KG").origin_needed


def test_appendix_iii_party(loaded):
    ibex = listing_on(Taxon.objects.get(scientific_name="Capra sibirica"), TODAYISH, "KG")
    assert (ibex.appendix, ibex.party) == ("III", "PK")
    marmot = Taxon.objects.get(scientific_name="Marmota menzbieri")
    assert marmot.national_status == "RB" and "national protection" in marmot.cites_annotation


def test_red_deer_chain_and_subspecies(loaded):
    red_deer = Taxon.objects.get(scientific_name="Cervus elaphus")
    assert (red_deer.rank, red_deer.parent.scientific_name, red_deer.cites_appendix) == ("species", "Cervus", "NC")
    for name, synonym, appendix in (("Cervus elaphus bactrianus", "Cervus hanglu bactrianus", "II"),
                                    ("Cervus elaphus hanglu", "Cervus hanglu hanglu", "I")):
        subspecies = Taxon.objects.get(synonyms__name=synonym)
        assert subspecies.scientific_name == name
        assert subspecies.parent_id == red_deer.pk
        assert listing_on(subspecies, TODAYISH, "KZ").appendix == appendix
    bukhara = listing_on(Taxon.objects.get(scientific_name="Cervus elaphus bactrianus"), TODAYISH, "KZ")
    assert bukhara.date_unknown and not bukhara.origin_needed
    assert listing_on(red_deer, TODAYISH, "KZ").appendix == "NC"


def test_dates_not_verified_stay_unknown(loaded):
    for name in ("Hirudo verbana", "Dalbergia retusa", "Dalbergia stevensonii"):
        answer = listing_on(Taxon.objects.get(scientific_name=name), D(2015, 1, 1))
        assert (answer.appendix, answer.date_unknown) == ("II", True), name
        assert "date of listing unknown" in answer.summary()
    sharks = listing_on(Taxon.objects.get(scientific_name="Carcharhinus"), D(2024, 1, 1))
    assert sharks.listed_under == "Carcharhinidae" and sharks.effective_from == D(2023, 11, 25)
