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


class RowSync:
    """Create or update the rows of one model keyed on `key` fields, writing only rows whose values differ.

    The existing rows are read once, so a reload that changes nothing costs one query per model.
    """

    def __init__(self, model: type[models.Model], *key: str) -> None:
        self.model, self.key = model, key
        self.rows = {tuple(getattr(obj, f) for f in key): obj for obj in model._default_manager.all()}
        self.counts: Counter = Counter()

    def sync(self, lookup: dict[str, Any], values: dict[str, Any]) -> Any:
        """The row matching `lookup`, created, updated (only the fields of `values` that differ) or as it was."""
        key = tuple(lookup[f] for f in self.key)
        obj = self.rows.get(key)
        if obj is None:
            obj = self.rows[key] = self.model(**lookup, **values)
            obj.save()
            self.counts["created"] += 1
            return obj
        changed = [field for field, value in values.items() if getattr(obj, field) != value]
        if changed:
            for field in changed:
                setattr(obj, field, values[field])
            obj.save()
            self.counts["updated"] += 1
        else:
            self.counts["unchanged"] += 1
        return obj

    def result(self) -> dict[str, int]:
        return {key: self.counts[key] for key in ("created", "updated", "unchanged")}


def _translated(row: dict[str, str], field: str) -> dict[str, str]:
    return {f"{field}_{lang}": row[f"{field}_{lang}"] for lang in LANGS}


@translation.override("en")  # the untranslated base columns hold English
@transaction.atomic
def load_countries() -> dict[str, dict[str, int]]:
    """All ISO 3166-1 countries with names in English, Russian and Kyrgyz."""
    countries = RowSync(Country, "iso2")
    for row in read_csv("countries.csv"):
        countries.sync({"iso2": row["iso2"]}, {"iso3": row["iso3"], **_translated(row, "name")})
    return {"countries": countries.result()}


@translation.override("en")
@transaction.atomic
def load_agencies() -> dict[str, dict[str, int]]:
    """The agencies and posts of the shared spec (fixed codes). Needs the countries loaded first."""
    countries = dict(Country.objects.values_list("iso2", "pk"))
    agencies = RowSync(Agency, "code")
    for row in read_csv("agencies.csv"):
        values = {
            "kind": row["kind"],
            "country_id": countries[row["country"]],
            **_translated(row, "name"),
            **_translated(row, "short_name"),
        }
        if row["parent"]:  # a parent comes earlier in the file; a blank one leaves a local choice alone
            values["parent_id"] = agencies.rows[(row["parent"],)].pk
        agencies.sync({"code": row["code"]}, values)
    posts = RowSync(Post, "code")
    for row in read_csv("posts.csv"):
        agency = agencies.rows[(row["agency"],)]
        neighbour = row["neighbour"]
        values = {
            "agency_id": agency.pk,
            "kind": row["kind"],
            "country_id": agency.country_id,
            "latitude": Decimal(row["latitude"]),
            "longitude": Decimal(row["longitude"]),
            "is_border_crossing": bool(neighbour),
            "neighbour_country_id": countries[neighbour] if neighbour else None,
            **_translated(row, "name"),
        }
        posts.sync({"code": row["code"]}, values)
    return {"agencies": agencies.result(), "posts": posts.result()}
