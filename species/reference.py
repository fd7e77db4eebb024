"""Reference data of the species app: CITES code lists and the taxa with their listings.

The data live in species/data/ (see its README). Every loader is idempotent: a row is written only
when a value it sets differs from the stored one, so loading twice changes nothing and writes no
history, and fields the data files do not set (notes, is_active, Species+ id...) keep local edits.
"""
import datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import translation

from common import refdata
from common.refdata import RowSync, translated

from .choices import RANK_ORDER, ListingChange, Rank
from .models import CitesListing, Purpose, Source, Taxon, TaxonSynonym, Term, Unit

DATA_DIR = Path(__file__).resolve().parent / "data"

# The edition of the Appendices the listings were checked against; the date of a listing row
# when the date of the listing itself is not known.
APPENDICES_EDITION = datetime.date(2025, 2, 7)
APPENDICES = "CITES Appendices I, II and III valid from 2025-02-07 (Species+)"
SOURCES = {
    "SCSV": "Appendix and names: shared/reference/species.csv (the project's 20 checked taxa).",
    "APP": f"Listing: {APPENDICES}, entry checked: {{checked}}.",
    "TAX": "Classification: Species+ taxonomy (CITES standard nomenclature); no listing entry of its own.",
}
EXTRA_SOURCE = (
    " IUCN category and Kyrgyz Red Book status (RB = listed, category not given) from the IUCN Red List and the"
    " Red Book of the Kyrgyz Republic (2006) as known to the compiler; verify before legal use."
)
LISTING_SOURCE = "Reference data (species/data/taxa.csv)"

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


def _data_source(row: dict[str, str]) -> str:
    text = SOURCES[row["source"]].format(checked=row["checked"])
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
    ordered = sorted(rows.values(), key=lambda row: RANK_ORDER.index(row["rank"]))
    taxa = RowSync(Taxon, "scientific_name")
    synonyms = RowSync(TaxonSynonym, "taxon_id", "name")
    listings = RowSync(CitesListing, "taxon_id", "appendix", "change_type", "effective_from", "party")
    ids: dict[str, int] = {}
    kept: list[int] = []
    for row in ordered:
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
        taxon = taxa.sync({"scientific_name": name}, values)
        ids[name] = taxon.pk
        for synonym in filter(None, (s.strip() for s in row["synonyms"].split(";"))):
            synonyms.sync({"taxon_id": taxon.pk, "name": synonym}, {})
        if row["own_listing"] == "1" and row["cites_appendix"] != "NC":
            kept += _sync_listings(listings, taxon.pk, row, since or APPENDICES_EDITION)
    # Listing rows this loader wrote earlier that the data no longer give are no longer current.
    CitesListing.objects.filter(source=LISTING_SOURCE, is_current=True).exclude(pk__in=kept).update(
        is_current=False
    )
    return {"taxa": taxa.result(), "synonyms": synonyms.result(), "listings": listings.result()}


def _sync_listings(listings: RowSync, taxon_id: int, row: dict[str, str], effective: datetime.date) -> list[int]:
    """The current listing rows of a taxon: its appendix, and a second one for split listings."""
    wanted = [(row["cites_appendix"], row["cites_listing_party"], row["cites_annotation"])]
    if row["other_appendix"]:
        wanted.append((row["other_appendix"], "", row["other_annotation"]))
    kept = []
    for appendix, party, annotation in wanted:
        lookup = {
            "taxon_id": taxon_id,
            "appendix": appendix,
            "change_type": ListingChange.ADDITION.value,
            "effective_from": effective,
            "party": party,
        }
        values = {"annotation": annotation, "is_current": True, "source": LISTING_SOURCE}
        kept.append(listings.sync(lookup, values).pk)
    return kept
