"""Reference data of the agencies app: ISO 3166-1 countries, agencies and their posts.

The data live in agencies/data/ (see its README). Every loader is idempotent: a row is written only
when a value it sets differs from the stored one, so loading twice changes nothing, and fields the
data files do not set (e-mail, phone, is_active...) keep their local edits.
"""
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import translation

from common import refdata
from common.refdata import RowSync, translated

from .models import Agency, Country, Post

DATA_DIR = Path(__file__).resolve().parent / "data"


def read_csv(name: str) -> list[dict[str, str]]:
    return refdata.read_csv(DATA_DIR / name)


@translation.override("en")  # the untranslated base columns hold English
@transaction.atomic
def load_countries() -> dict[str, dict[str, int]]:
    """All ISO 3166-1 countries with names in English, Russian and Kyrgyz."""
    countries = RowSync(Country, "iso2")
    for row in read_csv("countries.csv"):
        countries.sync({"iso2": row["iso2"]}, {"iso3": row["iso3"], **translated(row, "name")})
    return {"countries": countries.result()}


CONTACT_FIELDS = ("email", "phone", "website", "contact_source")


def _fill_blank_contacts(agency: Agency, row: dict[str, str]) -> None:
    """Published contacts go in only where the agency has none: what an administrator entered is kept."""
    if any(getattr(agency, field) for field in CONTACT_FIELDS):
        return
    values = {field: row.get(field, "") for field in CONTACT_FIELDS}
    if any(values.values()):
        Agency.objects.filter(pk=agency.pk).update(**values)


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
            **translated(row, "name"),
            **translated(row, "short_name"),
        }
        if row["parent"]:  # a parent comes earlier in the file; a blank one leaves a local choice alone
            values["parent_id"] = agencies.rows[(row["parent"],)].pk
        agencies.sync({"code": row["code"]}, values)
        _fill_blank_contacts(agencies.rows[(row["code"],)], row)
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
            **translated(row, "name"),
        }
        posts.sync({"code": row["code"]}, values)
    return {"agencies": agencies.result(), "posts": posts.result()}
