"""Reference data of the species app: CITES code lists and the taxa with their listings.

The data live in species/data/ (see its README). Every loader is idempotent: a row is written only
when a value it sets differs from the stored one, so loading twice changes nothing and writes no
history, and fields the data files do not set (notes, is_active, Species+ id...) keep local edits.
"""
import datetime
import itertools
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import translation

from common import refdata
from common.refdata import RowSync, translated

from .choices import RANK_ORDER, ListingChange, PopulationScope, Rank
from .models import CitesListing, Purpose, Source, Taxon, TaxonSynonym, Term, Unit

DATA_DIR = Path(__file__).resolve().parent / "data"

# The edition of the Appendices the listings were checked against.
APPENDICES = "CITES Appendices I, II and III valid from 2025-02-07 (Species+)"
SOURCES = {
    "SCSV": "Appendix and names: shared/reference/species.csv (the project's 20 checked taxa).",
    "APP": f"Listing: {APPENDICES}, entry checked: {{checked}}.",
    "TAX": "Classification: Species+ taxonomy (CITES standard nomenclature); no listing entry of its own.",
}
# Sources of the rows of listings.csv (and of the default rows written for own_listing=1).
LISTING_SOURCES = {
    "APP2025": f"{APPENDICES}; date of entry into force not given there (date of listing unknown)",
    "APP1975": "Appendices in force at the Convention's entry into force, 1975-07-01 (Species+ listing history)",
    "COP1": "Amendments adopted at CoP1 (Bern 1976), in force 1977-02-04 (Species+ listing history)",
    "COP7": "Amendments adopted at CoP7 (Lausanne 1989), in force 1990-01-18 (Species+ listing history)",
    "COP8": "Amendments adopted at CoP8 (Kyoto 1992), in force 1992-06-11 (Species+ listing history)",
    "COP9": "Amendments adopted at CoP9 (Fort Lauderdale 1994), in force 1995-02-16 (Species+ listing history)",
    "COP10": "Amendments adopted at CoP10 (Harare 1997), in force 1997-09-18; Acipenseriformes from 1998-04-01"
             " (Species+ listing history)",
    "COP11": "Amendments adopted at CoP11 (Gigiri 2000), in force 2000-07-19 (Species+ listing history)",
    "COP13": "Amendments adopted at CoP13 (Bangkok 2004), in force 2005-01-12 (transfers named in Commission Regulation"
             " (EC) No 1332/2005)",
    "COP16": "Amendments adopted at CoP16 (Bangkok 2013); shark listings in force 2014-09-14 (Species+)",
    "COP17": "Amendments adopted at CoP17 (Johannesburg 2016), in force 2017-01-02 (Species+ listing history)",
    "COP18": "Amendments adopted at CoP18 (Geneva 2019), in force 2019-11-26 (CITES Appendices valid from 26 November"
             " 2019; transfers to Appendix I named in Commission Regulation (EU) 2019/2117, recital 4)",
    "COP19": "Amendments adopted at CoP19 (Panama, 14-25 November 2022), in force 2023-02-23, 90 days after the meeting"
             " (Commission Regulation (EU) 2023/966, recitals 2-5; AHPA report of 2022-11-30 on the Rhodiola listing)",
    "DATED": "Date of entry into force as recorded in species/data/taxa.csv (listed_since) for this entry of the"
             f" {APPENDICES}",
}
KY_SOURCES = {
    "YUD": "K. K. Yudakhin, Kyrgyz–Russian dictionary (1965)",
    "YUDRK": "K. K. Yudakhin, Russian–Kyrgyz dictionary, entries as quoted by Sputnik Kyrgyzstan (2019-07-17)",
    "KRB": "Red Book of the Kyrgyz Republic, Kyrgyz-language species entries (map.kg, key biodiversity areas)",
    "KRBO": "Red Book of the Kyrgyz Republic (2006), species entries headed in Russian, Kyrgyz and English (open.kg)",
    "KSE": "Kyrgyz Soviet Encyclopedia, entry as reproduced online (address in the note)",
    "ENC": "Kyrgyz encyclopedia entry of the Kyrgyz Encyclopedia and Terminology Centre (encyclopedia.edu.kg)",
    "KYWP": "Kyrgyz Wikipedia species article (text after the Red Book of the Kyrgyz Republic)",
    "TYUP": "Kyrgyz encyclopedic species article (tyup.net), after the Red Book of the Kyrgyz Republic",
    "APT": (
        "Apertium Kyrgyz lexicon and bilingual dictionaries (GPL-3.0): github.com/apertium/apertium-kir"
        " apertium-kir.kir.lexc @4f5f0725, apertium-tur-kir apertium-tur-kir.tur-kir.dix @b6e37bce,"
        " apertium-kaz-kir apertium-kaz-kir.kaz-kir.dix @3a907a77, read 2026-12-03"
    ),
    "KYPR": "Kyrgyz-language press article naming the species (address and date in the note)",
    "UNDPA": "UNDP Kyrgyzstan, Atlas of flora and fauna, species headed in Latin, Russian and Kyrgyz (joomag.com)",
    "OKGF": "open.kg, series «Fauna of Kyrgyzstan»: species essays headed in Russian and Kyrgyz, the Kyrgyz name given"
            " as «(in Kyrgyz: …)» (address in the note)",
}
EXTRA_SOURCE = (
    " IUCN category and Kyrgyz Red Book status (RB = listed, category not given) from the IUCN Red List and the"
    " Red Book of the Kyrgyz Republic (2006) as known to the compiler; verify before legal use."
)
# Written by earlier versions of the loader (rows of this source the data no longer give are removed).
LISTING_SOURCE = "Reference data (species/data/taxa.csv)"
_INHERITING = ("Covered by", "Included in")

# The rank a denormalised column of Taxon holds.
RANK_COLUMNS = {
    Rank.KINGDOM: "kingdom",
    Rank.PHYLUM: "phylum",
    Rank.CLASS: "class_name",
    Rank.ORDER: "order",
    Rank.FAMILY: "family",
    Rank.GENUS: "genus",
}


def read_csv(name: str) -> list[dict[str, str]]:
    return refdata.read_csv(DATA_DIR / name)


@translation.override("en")  # the untranslated base columns hold English
@transaction.atomic
def load_codes() -> dict[str, dict[str, int]]:
    """CITES units, terms (with the term-unit rules), source and purpose codes."""
    units = RowSync(Unit, "code")
    for row in read_csv("units.csv"):
        values = {
            "is_mass": row["is_mass"] == "1",
            "to_base": Decimal(row["to_base"]) if row["to_base"] else None,
            **translated(row, "name"),
        }
        units.sync({"code": row["code"]}, values)
    unit_ids = {code: obj.pk for (code,), obj in units.rows.items()}

    terms = RowSync(Term, "code")
    accepted: dict[int, set[int]] = {}
    for term_id, unit_id in Term.allowed_units.through.objects.values_list("term_id", "unit_id"):
        accepted.setdefault(term_id, set()).add(unit_id)
    for row in read_csv("terms.csv"):
        allowed = row["allowed_units"].split()
        values = {
            "default_unit_id": unit_ids[row["default_unit"]] if row["default_unit"] else None,
            "restrict_units": bool(allowed),
            "count_allowed": True,
            "is_live": row["is_live"] == "1",
            **translated(row, "name"),
        }
        unchanged_before = terms.counts["unchanged"]
        term = terms.sync({"code": row["code"]}, values)
        wanted = {unit_ids[code] for code in allowed}
        if accepted.get(term.pk, set()) != wanted:
            term.allowed_units.set(wanted)
            if terms.counts["unchanged"] > unchanged_before:  # only the accepted units changed
                terms.counts["unchanged"] -= 1
                terms.counts["updated"] += 1

    sources = RowSync(Source, "code")
    for row in read_csv("sources.csv"):
        sources.sync({"code": row["code"]}, {**translated(row, "name"), **translated(row, "description")})

    purposes = RowSync(Purpose, "code")
    for row in read_csv("purposes.csv"):
        purposes.sync({"code": row["code"]}, translated(row, "name"))

    return {
        "units": units.result(),
        "terms": terms.result(),
        "sources": sources.result(),
        "purposes": purposes.result(),
    }


def apply_kyrgyz_names(rows: dict[str, dict[str, str]], names: list[dict[str, str]]) -> None:
    """Give each taxon of `rows` (taxa.csv by scientific name) its one sourced Kyrgyz name from `names`.

    Every row of names_ky.csv names a known taxon and source key, has a name and a note, and comes once per
    taxon. The Kyrgyz column of shared/reference/species.csv (taxa.csv rows of source SCSV) wins: a name that
    contradicts it is refused; where it is empty, the sourced name fills it (Маныл for Otocolobus manul).
    """
    seen: set[str] = set()
    for number, name in enumerate(names, start=1):
        taxon, kyrgyz, source = name["scientific_name"], name["common_name_ky"].strip(), name["source"]
        where = f"names_ky.csv row {number} ({taxon})"
        if taxon not in rows:
            raise ValueError(f"{where}: unknown taxon")
        if source not in KY_SOURCES:
            raise ValueError(f"{where}: unknown source key {source!r}")
        if not kyrgyz or not name["note"].strip():
            raise ValueError(f"{where}: a Kyrgyz name and a note saying where it comes from are required")
        if taxon in seen:
            raise ValueError(f"{where}: a second Kyrgyz name; keep one row per taxon")
        row = rows[taxon]
        if row["source"] == "SCSV" and row["common_name_ky"] and row["common_name_ky"] != kyrgyz:
            raise ValueError(f"{where}: {kyrgyz!r} contradicts {row['common_name_ky']!r} of species.csv")
        seen.add(taxon)
        row["common_name_ky"] = kyrgyz
        row["ky_source"] = f"{KY_SOURCES[source]}: {name['note']}"


def _data_source(row: dict[str, str]) -> str:
    text = SOURCES[row["source"]].format(checked=row["checked"])
    if row.get("ky_source"):
        text += f" Kyrgyz name: {row['ky_source']}."
    if row["source"] == "SCSV" and row["checked"]:
        text += f" {row['checked']}."
    if row["iucn_category"] or row["national_status"]:
        text += EXTRA_SOURCE
    return text


def _lineage(rows: dict[str, dict[str, str]], name: str) -> dict[str, str]:
    """The denormalised rank columns of a taxon, from its own rank up to the kingdom."""
    columns = dict.fromkeys(RANK_COLUMNS.values(), "")
    current: str = name
    while current:
        row = rows[current]
        column = RANK_COLUMNS.get(row["rank"])
        if column:
            columns[column] = current
        current = row["parent"]
    return columns


@translation.override("en")
@transaction.atomic
def load_taxa() -> dict[str, dict[str, int]]:
    """Taxa (parents before children), their synonyms and current CITES listings."""
    rows = {row["scientific_name"]: row for row in read_csv("taxa.csv")}
    apply_kyrgyz_names(rows, read_csv("names_ky.csv"))
    ordered = sorted(rows.values(), key=lambda row: RANK_ORDER.index(row["rank"]))
    taxa = RowSync(Taxon, "scientific_name", deferred=True)
    synonyms = RowSync(TaxonSynonym, "taxon_id", "name", deferred=True)
    listings = RowSync(CitesListing, "taxon_id", "appendix", "change_type", "effective_from", "party",
                       "population_scope", "countries", deferred=True)
    ids: dict[str, int] = {}
    kept: list[CitesListing] = []
    history: dict[str, list[dict[str, str]]] = {}
    for listing in read_csv("listings.csv"):
        if listing["taxon"] not in rows:
            raise ValueError(f"listings.csv: unknown taxon {listing['taxon']}")
        history.setdefault(listing["taxon"], []).append(listing)
    # One rank at a time: a rank's new taxa are written in bulk before their children need their keys.
    for _rank, group in itertools.groupby(ordered, key=lambda row: row["rank"]):
        group = list(group)
        synced = []
        for row in group:
            name = row["scientific_name"]
            since = datetime.date.fromisoformat(row["listed_since"]) if row["listed_since"] else None
            values = {
                "author": row["author"],
                "rank": row["rank"],
                "parent_id": ids[row["parent"]] if row["parent"] else None,
                **_lineage(rows, name),
                **translated(row, "common_name"),
                "cites_appendix": row["cites_appendix"],
                "cites_annotation": row["cites_annotation"],
                "cites_listing_party": row["cites_listing_party"],
                "cites_listed_since": since,
                "national_status": row["national_status"],
                "iucn_category": row["iucn_category"],
                "data_source": _data_source(row),
            }
            synced.append((row, taxa.sync({"scientific_name": name}, values)))
        taxa.flush()
        for row, taxon in synced:
            name = row["scientific_name"]
            ids[name] = taxon.pk
            for synonym in filter(None, (s.strip() for s in row["synonyms"].split(";"))):
                synonyms.sync({"taxon_id": taxon.pk, "name": synonym}, {})
            if name in history:
                kept += _sync_rows(listings, taxon.pk, history[name])
            elif row["own_listing"] == "1" and row["other_appendix"]:
                raise ValueError(f"taxa.csv: {name} has a split listing but no rows in listings.csv")
            elif row["own_listing"] == "1" and row["cites_appendix"] != "NC" and not row[
                "cites_annotation"
            ].startswith(_INHERITING):
                kept += _sync_rows(listings, taxon.pk, [_default_row(row)])
    synonyms.flush()
    listings.flush()
    # Listing rows this loader wrote earlier that the data no longer give are removed (they are reference
    # data, not history: a wrong row would stamp a wrong appendix on every earlier seizure).
    ours = [*LISTING_SOURCES.values(), LISTING_SOURCE]
    CitesListing.objects.filter(source__in=ours).exclude(pk__in=[listing.pk for listing in kept]).delete()
    return {"taxa": taxa.result(), "synonyms": synonyms.result(), "listings": listings.result()}


def _default_row(row: dict[str, str]) -> dict[str, str]:
    """The single listing row of a taxon with its own entry and no history in listings.csv."""
    return {
        "appendix": row["cites_appendix"], "change_type": ListingChange.ADDITION.value,
        "effective_from": row["listed_since"], "population_scope": PopulationScope.ALL.value, "countries": "",
        "party": row["cites_listing_party"], "annotation": row["cites_annotation"],
        "source": "DATED" if row["listed_since"] else "APP2025",
    }


def _superseded(item: dict[str, str], wanted: list[dict[str, str]]) -> bool:
    """A row is no longer current when a later change of the same populations follows it."""
    day = item["effective_from"] or "0000"
    return any(
        (other["effective_from"] or "0000") > day
        and other["population_scope"] == item["population_scope"] and other["countries"] == item["countries"]
        for other in wanted
    )


def _sync_rows(listings: RowSync, taxon_id: int, wanted: list[dict[str, str]]) -> list[CitesListing]:
    kept = []
    for item in wanted:
        lookup = {
            "taxon_id": taxon_id,
            "appendix": item["appendix"],
            "change_type": item["change_type"],
            "effective_from": datetime.date.fromisoformat(item["effective_from"]) if item["effective_from"] else None,
            "party": item["party"],
            "population_scope": item["population_scope"] or PopulationScope.ALL.value,
            "countries": " ".join(sorted(item["countries"].upper().split())),
        }
        values = {"annotation": item["annotation"], "is_current": not _superseded(item, wanted),
                  "source": LISTING_SOURCES[item["source"]]}
        kept.append(listings.sync(lookup, values))
    return kept
