"""Reference data of the agencies app: ISO 3166-1 countries, agencies and their posts.

The data live in agencies/data/ (see its README). Every loader is idempotent: a row is written only
when a value it sets differs from the stored one, so loading twice changes nothing, and fields the
data files do not set (e-mail, phone, is_active...) keep their local edits.
"""
import csv
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import models, transaction
from django.utils import translation

from .models import Agency, Country, Post

DATA_DIR = Path(__file__).resolve().parent / "data"
LANGS = ("en", "ru", "ky")


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
def load_countries() -> dict[str, dict[str, int]]:
    """All ISO 3166-1 countries with names in English, Russian and Kyrgyz."""
    counts: Counter = Counter()
    for row in read_csv("countries.csv"):
        sync_row(Country, {"iso2": row["iso2"]}, {"iso3": row["iso3"], **_translated(row, "name")}, counts)
    return {"countries": _result(counts)}


@translation.override("en")
@transaction.atomic
def load_agencies() -> dict[str, dict[str, int]]:
    """The agencies and posts of the shared spec (fixed codes). Needs the countries loaded first."""
    countries = dict(Country.objects.values_list("iso2", "pk"))
    agency_counts: Counter = Counter()
    agencies: dict[str, int] = {}
    rows = read_csv("agencies.csv")
    for row in rows:
        values = {
            "kind": row["kind"],
            "country_id": countries[row["country"]],
            **_translated(row, "name"),
            **_translated(row, "short_name"),
        }
        agencies[row["code"]] = sync_row(Agency, {"code": row["code"]}, values, agency_counts).pk
    for row in rows:  # parents once every agency exists
        if row["parent"]:
            Agency.objects.filter(code=row["code"]).exclude(parent_id=agencies[row["parent"]]).update(
                parent_id=agencies[row["parent"]]
            )
    post_counts: Counter = Counter()
    agency_country = dict(Agency.objects.values_list("pk", "country_id"))
    for row in read_csv("posts.csv"):
        agency_id = agencies[row["agency"]]
        neighbour = row["neighbour"]
        values = {
            "agency_id": agency_id,
            "kind": row["kind"],
            "country_id": agency_country[agency_id],
            "latitude": Decimal(row["latitude"]),
            "longitude": Decimal(row["longitude"]),
            "is_border_crossing": bool(neighbour),
            "neighbour_country_id": countries[neighbour] if neighbour else None,
            **_translated(row, "name"),
        }
        sync_row(Post, {"code": row["code"]}, values, post_counts)
    return {"agencies": _result(agency_counts), "posts": _result(post_counts)}
