"""The species reference data: CITES codes, term-unit rules, taxa, listings, idempotent loading."""
import csv
import datetime
import io
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.forms.models import model_to_dict
from django.utils import translation

from species.choices import Appendix, Rank
from species.models import CitesListing, Purpose, Source, Taxon, TaxonSynonym, Term, Unit
from species.reference import load_codes, load_taxa

# shared/reference/cites.md, sections 1 and 2.
CITES_TERMS = (
    "BAL BAR BEL BOC BOD BON BOP BPR BUL CAL CAP CAR CAV CHP CLA CLO COR COS CST CUL DER DPL EAR EGG EGL EXT "
    "FEA FIB FIG FIN FLO FOO FPT FRA FRN FRU GAB GAL GAR GEN GRS HAI HAN HAP HEA HOC HOP HOR HOS HPR IVC IVP "
    "IVS LEA LEG LIV LOG LPL LPS LVS MEA MED MUS OIL OTH PEA PIE PKY PLA PLY POW QUI ROO SAW SCA SCR SEE SHE "
    "SHO SID SKE SKI SKO SKP SKS SKU SOU SPE STE SWI TAI TEE TIC TIM TIP TIS TRO TUS UNS VEN VNM WAL WAT WAX "
    "WHO WOO SKD"
).split()
CITES_UNITS = (
    "KIL GRM MGM MYG TON OUN PND LTR MLT CCM CUM CUF MTR CTM FEE INC YAR SQM SQD SQC SQF PCS ITE PAI SET SHP "
    "BAG BOT BOX CAN CAS CRT FLA SKI SID BAK BSK HRN"
).split()
# The UNEP-WCMC term-unit validation table (cites.md section 1); blank is accepted for all of them.
MASS = "KIL GRM MGM MYG"
TERM_UNITS = {
    **dict.fromkeys(
        "LIV HOR BOD EGG EGL FEA MEA TUS SCA BON TEE CLA SHE COR CAV FIN GAB".split(), MASS
    ),
    "SKI": f"{MASS} SQM",
    "TRO": "KIL",
    "SKU": "KIL GRM",
    "IVP": "KIL GRM",
    "IVC": f"{MASS} CCM CUM",
    "DER": f"{MASS} LTR MLT CCM CUM SQC SQM MTR",
    "SPE": f"{MASS} LTR MLT CCM CUM SQC SQM",
    **dict.fromkeys("EXT OIL MED POW".split(), f"{MASS} LTR MLT"),
    "TIM": f"CUM CCM SQM {MASS}",
    "SAW": "CUM CCM SQM KIL GRM",
    "LOG": "CUM SQM SQC KIL",
    "VEN": f"SQM SQC CUM CCM {MASS}",
    "PLY": "SQM SQC CUM CCM KIL GRM",
    "LPS": "KIL GRM SQM SQC",
    "LPL": "KIL GRM SQM SQC",
}

# shared/reference/species.csv (the 20 checked taxa), kept here so the test runs anywhere.
CHECKED_TAXA = """scientific_name,cites_appendix,english,russian,kyrgyz
Panthera uncia,I,Snow leopard,Снежный барс (ирбис),Илбирс
Falco cherrug,II,Saker falcon,Балобан,Ителги
Testudo horsfieldii,II,Central Asian tortoise,Среднеазиатская черепаха,Таш бака
Saiga tatarica,II,Saiga antelope,Сайгак,Акбөкөн
Ovis ammon,II,Argali,Архар,Аркар
Ovis ammon polii,II,Marco Polo sheep,Памирский архар (баран Марко Поло),Марко Поло аркары
Aquila chrysaetos,II,Golden eagle,Беркут,Бүркүт
Lynx lynx,II,Eurasian lynx,Обыкновенная рысь,Сүлөөсүн
Canis lupus,II,Grey wolf,Волк,Карышкыр
Moschus moschiferus,II,Siberian musk deer,Сибирская кабарга,
Otocolobus manul,II,Pallas's cat,Манул,
Chlamydotis macqueenii,I,Asian houbara,Джек (восточная дрофа-красотка),
Huso huso,II,Beluga sturgeon,Белуга,
Acipenser baerii,II,Siberian sturgeon,Сибирский осётр,
Manis pentadactyla,I,Chinese pangolin,Китайский панголин (ящер),
Elephas maximus,I,Asian elephant,Азиатский слон,
Diceros bicornis,I,Black rhinoceros,Чёрный носорог,
Psittacus erithacus,I,Grey parrot,Жако,
Saussurea costus,I,Costus,Соссюрея костус,
Cistanche deserticola,II,Desert cistanche,Цистанхе пустынная,
"""
SHARED_SPECIES_CSV = [
    Path(__file__).resolve().parents[2].parent / "shared" / "reference" / "species.csv",
    Path("/work/shared/reference/species.csv"),
]


@pytest.fixture
def loaded(db):
    load_codes()
    load_taxa()


def _unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def _snapshot() -> dict:
    """Every value the loaders write, plus the number of historical taxon rows."""
    snap = {}
    for model in (Unit, Term, Source, Purpose, Taxon, TaxonSynonym, CitesListing):
        rows = []
        for obj in model.objects.order_by("pk"):
            data = model_to_dict(obj)
            if model is Term:
                data["allowed_units"] = sorted(u.pk for u in data["allowed_units"])
            rows.append(data)
        snap[model.__name__] = rows
    snap["history"] = history_counts()
    return snap


def history_counts() -> dict[str, int]:
    """Rows of every historical model (django-simple-history), whichever models keep history."""
    return {m.__name__: m.objects.count() for m in apps.get_models() if m.__name__.startswith("Historical")}


def test_all_cites_term_and_unit_codes_are_loaded(loaded):
    assert set(Term.objects.values_list("code", flat=True)) >= set(CITES_TERMS)
    assert set(Unit.objects.values_list("code", flat=True)) >= set(CITES_UNITS)
    assert set(Source.objects.values_list("code", flat=True)) == set("ACDFIORUWXY")
    assert set(Purpose.objects.values_list("code", flat=True)) == set("BEGHLMNPQSTZ")


def test_codes_are_valid_and_named_in_three_languages(loaded):
    for model in (Unit, Term, Source, Purpose):
        for obj in model.objects.all():
            obj.full_clean(validate_unique=False)
            assert obj.name_en and obj.name_ru and obj.name_ky, (model.__name__, obj.code)
    for source in Source.objects.all():
        assert source.description_en and source.description_ru and source.description_ky
    assert "UNCONFIRMED" in Source.objects.get(code="Y").description_en
    assert "assisted production" in Source.objects.get(code="Y").description_en.lower()


def test_unit_conversion_factors(loaded):
    assert _unit("KIL").is_mass and _unit("KIL").to_base == 1
    assert _unit("GRM").to_base * 1000 == 1
    assert _unit("TON").to_base == 1000
    assert not _unit("LTR").is_mass
    assert _unit("PCS").to_base is None and _unit("SKI").to_base is None


def test_term_unit_table(loaded):
    for code, units in TERM_UNITS.items():
        term = Term.objects.get(code=code)
        assert term.restrict_units and term.count_allowed, code
        assert set(term.allowed_units.values_list("code", flat=True)) == set(units.split()), code
        if term.default_unit:
            assert term.accepts_unit(term.default_unit), code
    restricted = set(Term.objects.filter(restrict_units=True).values_list("code", flat=True))
    assert restricted == set(TERM_UNITS)
    assert set(Term.objects.filter(is_live=True).values_list("code", flat=True)) == {"LIV", "EGL"}


def test_default_units(loaded):
    for term, default in [("CAV", "KIL"), ("MEA", "KIL"), ("LIV", None), ("SKI", None), ("TIM", "CUM")]:
        unit = Term.objects.get(code=term).default_unit
        assert (unit.code if unit else None) == default, term


def test_term_accepts_unit(loaded):
    cav, liv, tim, bar = (Term.objects.get(code=c) for c in ("CAV", "LIV", "TIM", "BAR"))
    assert cav.accepts_unit(_unit("KIL")) and cav.accepts_unit(None)
    assert not cav.accepts_unit(_unit("SQM")) and not cav.accepts_unit(_unit("LTR"))
    assert liv.accepts_unit(None) and not liv.accepts_unit(_unit("CUM"))
    assert tim.accepts_unit(_unit("CUM")) and not tim.accepts_unit(_unit("LTR"))
    assert not bar.restrict_units and bar.accepts_unit(_unit("LTR"))


def test_every_taxon_is_named_and_valid(loaded):
    taxa = list(Taxon.objects.all())
    assert taxa
    for taxon in taxa:
        assert taxon.common_name_en and taxon.common_name_ru, taxon.scientific_name
        assert taxon.cites_appendix in Appendix.values
        assert taxon.data_source
        taxon.full_clean(validate_unique=False)
        if taxon.cites_appendix == Appendix.III:
            assert len(taxon.cites_listing_party) == 2, taxon.scientific_name


def test_checked_taxa_match_species_csv(loaded):
    sources = [CHECKED_TAXA] + [p.read_text(encoding="utf-8") for p in SHARED_SPECIES_CSV if p.exists()]
    for text in sources:
        rows = list(csv.DictReader(io.StringIO(text)))
        assert len(rows) == 20
        for row in rows:
            taxon = Taxon.objects.get(scientific_name=row["scientific_name"])
            assert taxon.cites_appendix == row["cites_appendix"], taxon
            assert taxon.common_name_en == row["english"], taxon
            assert taxon.common_name_ru == row["russian"], taxon
            if row["kyrgyz"]:
                assert taxon.common_name_ky == row["kyrgyz"], taxon
            else:  # species.csv gives none: only a sourced name of names_ky.csv may fill it (Маныл)
                assert not taxon.common_name_ky or "Kyrgyz name:" in taxon.data_source, taxon
            assert "species.csv" in taxon.data_source


def test_enough_species_with_a_full_parent_chain(loaded):
    species = Taxon.objects.filter(rank__in=[Rank.SPECIES, Rank.SUBSPECIES])
    assert species.count() >= 80
    for taxon in species.select_related("parent"):
        chain, node = [], taxon
        while node.parent_id:
            node = node.parent
            chain.append(node)
            assert len(chain) < 10
        assert node.rank == Rank.KINGDOM and node.scientific_name == taxon.kingdom, taxon
        names = {n.rank: n.scientific_name for n in chain}
        assert taxon.genus == names[Rank.GENUS] and taxon.family == names[Rank.FAMILY], taxon
        assert taxon.order == names[Rank.ORDER], taxon
        if taxon.kingdom == "Animalia":
            assert taxon.class_name == names[Rank.CLASS] and taxon.phylum == names[Rank.PHYLUM], taxon


LISTINGS = [
    ("Falco peregrinus", "I"),
    ("Falco rusticolus", "I"),
    ("Ursus arctos", "II"),
    ("Ursus arctos isabellinus", "I"),
    ("Capra sibirica", "III"),
    ("Capra falconeri", "I"),
    ("Loxodonta africana", "I"),
    ("Falconiformes", "II"),
    ("Acipenseriformes", "II"),
    ("Pholidota", "I"),
    ("Orchidaceae", "II"),
    ("Psittaciformes", "II"),
    ("Mustela altaica", "III"),
]


def test_listings(loaded):
    for name, appendix in LISTINGS:
        assert Taxon.objects.get(scientific_name=name).cites_appendix == appendix, name


def test_listing_rows(loaded):
    elephant = Taxon.objects.get(scientific_name="Loxodonta africana")
    assert set(elephant.listings.filter(is_current=True).values_list("appendix", flat=True)) == {"I", "II"}
    botswana = elephant.listings.get(appendix="II", countries__contains="BW")
    assert "Botswana" in botswana.annotation and str(botswana.effective_from) == "1997-09-18"
    weasel = Taxon.objects.get(scientific_name="Mustela altaica")
    assert weasel.cites_listing_party == "IN" and weasel.listings.get().party == "IN"
    # Pangolin species take the dates of the Manis spp. entry.
    pangolin = Taxon.objects.get(scientific_name="Manis javanica")
    assert not pangolin.listings.exists()
    manis = Taxon.objects.get(scientific_name="Manis").listings.get(appendix="I")
    assert str(manis.effective_from) == "2017-01-02" and "CoP17" in manis.source
    assert Taxon.objects.get(scientific_name="Capra sibirica").listings.get().party == "PK"
    assert not Taxon.objects.get(scientific_name="Mustela erminea").listings.exists()
    # No placeholder dates: every row is dated by its entry into force or says the date is unknown.
    assert not CitesListing.objects.filter(effective_from=datetime.date(2025, 2, 7)).exists()
    assert all(row.source for row in CitesListing.objects.all())
    # Every listed species or subspecies has its own rows or a listed ancestor with rows.
    listed = Taxon.objects.exclude(cites_appendix="NC").filter(rank__in=[Rank.SPECIES, Rank.SUBSPECIES])
    for taxon in listed:
        chain, current = [], taxon
        while current is not None:
            chain.append(current)
            current = current.parent
        assert any(t.listings.exists() for t in chain), taxon.scientific_name


def test_synonyms(loaded):
    for synonym, accepted in [
        ("Agrionemys horsfieldii", "Testudo horsfieldii"),
        ("Uncia uncia", "Panthera uncia"),
        ("Felis manul", "Otocolobus manul"),
        ("Smutsia temminckii", "Manis temminckii"),
        ("Phataginus tricuspis", "Manis tricuspis"),
    ]:
        assert TaxonSynonym.objects.get(name=synonym).taxon.scientific_name == accepted, synonym


def test_kyrgyz_names_use_kyrgyz_letters(loaded):
    for name in ("Panthera uncia", "Saiga tatarica", "Aquila chrysaetos"):
        ky = Taxon.objects.get(scientific_name=name).common_name_ky
        assert ky and not any("a" <= ch.lower() <= "z" for ch in ky)
    assert "ө" in Taxon.objects.get(scientific_name="Saiga tatarica").common_name_ky


def test_loading_twice_changes_nothing(loaded):
    before = _snapshot()
    codes, taxa = load_codes(), load_taxa()
    for counts in [*codes.values(), *taxa.values()]:
        assert counts["created"] == 0 and counts["updated"] == 0, counts
    assert _snapshot() == before


def test_reload_keeps_local_notes_and_restores_data(loaded):
    taxon = Taxon.objects.get(scientific_name="Saiga tatarica")
    taxon.notes = "Seen at Dordoi in 2024"
    taxon.cites_appendix = "I"
    taxon.save()
    term = Term.objects.get(code="CAV")
    term.allowed_units.clear()
    counts, codes = load_taxa(), load_codes()
    assert counts["taxa"]["updated"] == 1 and codes["terms"]["updated"] == 1
    taxon.refresh_from_db()
    assert taxon.cites_appendix == "II" and taxon.notes == "Seen at Dordoi in 2024"
    assert term.accepts_unit(_unit("KIL"))


@translation.override("en")
def test_command_loads_everything_and_reports(db):
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert "taxa: " in out.getvalue() and "posts: 31 created" in out.getvalue()
    out = io.StringIO()
    call_command("load_reference_data", stdout=out)
    assert " 0 created, 0 updated" in out.getvalue() and " created, 1 updated" not in out.getvalue()
    assert Taxon.objects.filter(scientific_name="Panthera uncia").exists()
