"""Reference data of the species app: CITES code lists and the taxa with their listings.

The data live in species/data/ (see its README). Every loader is idempotent: a row is written only
when a value it sets differs from the stored one, so loading twice changes nothing and writes no
history, and fields the data files do not set (notes, is_active, Species+ id...) keep local edits.
"""
import csv
import datetime
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import translation

from .choices import RANK_ORDER, ListingChange, Rank
from .models import CitesListing, Purpose, Source, Taxon, TaxonSynonym, Term, Unit

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGS = ("en", "ru", "ky")

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
    """Rows of a data file; lines starting with '#' are comments."""
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def sync_row(
    model: type[models.Model], lookup: dict[str, Any], values: dict[str, Any], counts: Counter
) -> Any:
    """Create the row matching `lookup`, or update only the fields of `values` that differ."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        counts["created"] += 1
        return obj
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save()
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return obj


def _translated(row: dict[str, str], field: str) -> dict[str, str]:
    return {f"{field}_{lang}": row[f"{field}_{lang}"] for lang in LANGS}


def _result(counts: Counter) -> dict[str, int]:
    return {key: counts[key] for key in ("created", "updated", "unchanged")}


@translation.override("en")  # the untranslated base columns hold English
@transaction.atomic
def load_codes() -> dict[str, dict[str, int]]:
    """CITES units, terms (with the term-unit rules), source and purpose codes."""
    unit_counts: Counter = Counter()
    units: dict[str, Unit] = {}
    for row in read_csv("units.csv"):
        values = {
            "is_mass": row["is_mass"] == "1",
            "to_base": Decimal(row["to_base"]) if row["to_base"] else None,
            **_translated(row, "name"),
        }
        units[row["code"]] = sync_row(Unit, {"code": row["code"]}, values, unit_counts)

    term_counts: Counter = Counter()
    for row in read_csv("terms.csv"):
        allowed = row["allowed_units"].split()
        values = {
            "default_unit_id": units[row["default_unit"]].pk if row["default_unit"] else None,
            "restrict_units": bool(allowed),
            "count_allowed": True,
            "is_live": row["is_live"] == "1",
            **_translated(row, "name"),
        }
        unchanged_before = term_counts["unchanged"]
        term = sync_row(Term, {"code": row["code"]}, values, term_counts)
        wanted = {units[code].pk for code in allowed}
        if set(term.allowed_units.values_list("pk", flat=True)) != wanted:
            term.allowed_units.set(wanted)
            if term_counts["unchanged"] > unchanged_before:  # only the accepted units changed
                term_counts["unchanged"] -= 1
                term_counts["updated"] += 1

    source_counts: Counter = Counter()
    for row in read_csv("sources.csv"):
        values = {**_translated(row, "name"), **_translated(row, "description")}
        sync_row(Source, {"code": row["code"]}, values, source_counts)

    purpose_counts: Counter = Counter()
    for row in read_csv("purposes.csv"):
        sync_row(Purpose, {"code": row["code"]}, _translated(row, "name"), purpose_counts)

    return {
        "units": _result(unit_counts),
        "terms": _result(term_counts),
        "sources": _result(source_counts),
        "purposes": _result(purpose_counts),
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
    taxon_counts: Counter = Counter()
    synonym_counts: Counter = Counter()
    listing_counts: Counter = Counter()
    ids: dict[str, int] = {}
    for row in ordered:
        name = row["scientific_name"]
        since = datetime.date.fromisoformat(row["listed_since"]) if row["listed_since"] else None
        values = {
            "author": row["author"],
            "rank": row["rank"],
            "parent_id": ids[row["parent"]] if row["parent"] else None,
            **_lineage(rows, name),
            **_translated(row, "common_name"),
            "cites_appendix": row["cites_appendix"],
            "cites_annotation": row["cites_annotation"],
            "cites_listing_party": row["cites_listing_party"],
            "cites_listed_since": since,
            "national_status": row["national_status"],
            "iucn_category": row["iucn_category"],
            "data_source": _data_source(row),
        }
        taxon = sync_row(Taxon, {"scientific_name": name}, values, taxon_counts)
        ids[name] = taxon.pk
        for synonym in filter(None, (s.strip() for s in row["synonyms"].split(";"))):
            sync_row(TaxonSynonym, {"taxon_id": taxon.pk, "name": synonym}, {}, synonym_counts)
        if row["own_listing"] == "1" and row["cites_appendix"] != "NC":
            _sync_listings(taxon, row, since or APPENDICES_EDITION, listing_counts)
    return {
        "taxa": _result(taxon_counts),
        "synonyms": _result(synonym_counts),
        "listings": _result(listing_counts),
    }


def _sync_listings(taxon: Taxon, row: dict[str, str], effective: datetime.date, counts: Counter) -> None:
    """The current listing rows of a taxon: its appendix, and a second one for split listings."""
    wanted = [(row["cites_appendix"], row["cites_listing_party"], row["cites_annotation"])]
    if row["other_appendix"]:
        wanted.append((row["other_appendix"], "", row["other_annotation"]))
    kept = []
    for appendix, party, annotation in wanted:
        lookup = {
            "taxon_id": taxon.pk,
            "appendix": appendix,
            "change_type": ListingChange.ADDITION,
            "effective_from": effective,
            "party": party,
        }
        values = {"annotation": annotation, "is_current": True, "source": LISTING_SOURCE}
        kept.append(sync_row(CitesListing, lookup, values, counts).pk)
    # Rows this loader wrote earlier that the data no longer give are no longer current.
    CitesListing.objects.filter(taxon=taxon, source=LISTING_SOURCE, is_current=True).exclude(
        pk__in=kept
    ).update(is_current=False)
