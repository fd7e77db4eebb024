"""Bulk registration of permits issued by the CITES Management Authority, from CSV or XLSX.

One row per permit line; rows with the same number and issuing country form one permit. Columns (header
names are case-insensitive; ``*`` = required):

=======================  ==================================================================================
number*                  permit number as printed
issuing_country*         ISO alpha-2 code of the issuing country (e.g. KG)
document_type*           export, import, re_export, origin, pre_convention, captive_breeding, intro_sea,
                         scientific, exhibition, national (or E, I, R, O)
valid_from*, valid_until*  dates: YYYY-MM-DD, DD.MM.YYYY or DD/MM/YYYY (or date cells in XLSX)
issued_on                date
exporter_name, exporter_address, importer_name, importer_address   text
country_of_export, country_of_import   ISO alpha-2 codes
security_stamp_number    text
line_no                  line number on the permit (default: order of the rows)
taxon*                   scientific name (or a synonym registered in the species list)
term*                    CITES term code (LIV, HOR, TRO...)
quantity*                positive number (decimal point or comma)
unit                     CITES unit code; empty = number of specimens
source*, purpose*        CITES source and purpose codes
notes                    text (permit level)
=======================  ==================================================================================

Every row is validated; nothing is saved unless every row is valid (one transaction). The permits are then
written set-based (`services.register_permits_bulk`: bulk inserts with their history, signing in bulk).
"""
from __future__ import annotations

import csv
import datetime
import functools
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Country
from species.models import Purpose, Source, Taxon, TaxonSynonym, Term, Unit

from .choices import DocumentType
from .models import Permit, normalise_permit_number
from .services import register_permits_bulk

REQUIRED = ["number", "issuing_country", "document_type", "valid_from", "valid_until", "taxon", "term",
            "quantity", "source", "purpose"]
PERMIT_FIELDS = ["document_type", "valid_from", "valid_until", "issued_on", "exporter_name", "exporter_address",
                 "importer_name", "importer_address", "country_of_export", "country_of_import",
                 "security_stamp_number", "notes"]
COLUMNS = ["number", "issuing_country", *PERMIT_FIELDS, "line_no", "taxon", "term", "quantity", "unit",
           "source", "purpose"]
_DOC_ALIASES = {"E": DocumentType.EXPORT, "I": DocumentType.IMPORT, "R": DocumentType.RE_EXPORT,
                "O": DocumentType.ORIGIN, "RE-EXPORT": DocumentType.RE_EXPORT, "REEXPORT": DocumentType.RE_EXPORT}
_DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y")
_DOC_VALUES = frozenset(DocumentType.values)


@dataclass
class RowReport:
    row: int  # spreadsheet row number (the header is row 1)
    number: str
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowReport] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # file-level errors
    permits_created: int = 0
    lines_created: int = 0
    dry_run: bool = False
    permits: list[Permit] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and not any(r.errors for r in self.rows)

    @property
    def error_count(self) -> int:
        return len(self.errors) + sum(len(r.errors) for r in self.rows)


class _Lookups:
    """Cached code-list look-ups, so a large file costs few queries."""

    def __init__(self) -> None:
        self.terms = {t.code: t for t in Term.objects.all()}
        self.units = {u.code: u for u in Unit.objects.all()}
        self.sources = {s.code: s for s in Source.objects.all()}
        self.purposes = {p.code: p for p in Purpose.objects.all()}
        self.countries = {c.iso2: c for c in Country.objects.all()}
        self._taxa: dict[str, Taxon | None] = {}
        self._accepted: dict[int, set[int]] = {}

    def taxon(self, name: str) -> Taxon | None:
        key = " ".join(name.split()).casefold()
        if key not in self._taxa:
            taxon = Taxon.objects.filter(scientific_name__iexact=key).first()
            if taxon is None:
                synonym = TaxonSynonym.objects.filter(name__iexact=key).select_related("taxon").first()
                taxon = synonym.taxon if synonym else None
            self._taxa[key] = taxon
        return self._taxa[key]

    def unit_accepted(self, term: Term, unit: Unit | None) -> bool:
        if unit is None or not term.restrict_units:
            return term.accepts_unit(unit)
        if term.pk not in self._accepted:
            self._accepted[term.pk] = set(term.allowed_units.values_list("pk", flat=True))
        return unit.pk in self._accepted[term.pk]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    return _parse_date(_text(value))


@functools.lru_cache(maxsize=4096)
def _parse_date(text: str) -> datetime.date:
    """A date written in one of _DATE_FORMATS (a file repeats the same few dates: parsed once each)."""
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def _read_rows(file: Any) -> tuple[list[str], list[list[Any]]]:
    """Header and rows of a CSV (comma or semicolon, UTF-8) or XLSX file."""
    name = getattr(file, "name", "") or ""
    if isinstance(file, str | Path):
        name = str(file)
        with open(file, "rb") as handle:
            data = handle.read()
    else:
        data = file.read()
    if isinstance(data, str):
        data = data.encode()
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        workbook.close()
    else:
        text = data.decode("utf-8-sig")
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        values = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not values:
        return [], []
    header = [_text(h).lower().replace(" ", "_").replace("-", "_") for h in values[0]]
    return header, values[1:]


def _validate_row(row: dict[str, Any], report: RowReport, lookups: _Lookups) -> dict[str, Any]:
    """Parsed values of one row; problems go to `report.errors`."""
    errors = report.errors
    parsed: dict[str, Any] = {}
    t = {key: _text(value) for key, value in row.items()}  # each cell as text, once
    for column in REQUIRED:
        if not t.get(column, ""):
            errors.append(_("Column “%(column)s” is empty.") % {"column": column})

    country = t.get("issuing_country", "").upper()
    if country:
        parsed["issuing_country"] = lookups.countries.get(country)
        if parsed["issuing_country"] is None:
            errors.append(_("Unknown country code “%(code)s”.") % {"code": country})
    for column in ("country_of_export", "country_of_import"):
        code = t.get(column, "").upper()
        parsed[column] = lookups.countries.get(code) if code else None
        if code and parsed[column] is None:
            errors.append(_("Unknown country code “%(code)s”.") % {"code": code})

    doc = t.get("document_type", "")
    if doc:
        value = _DOC_ALIASES.get(doc.upper(), doc.lower())
        if value in _DOC_VALUES:
            parsed["document_type"] = value
        else:
            errors.append(_("Unknown document type “%(value)s”.") % {"value": doc})

    for column in ("valid_from", "valid_until", "issued_on"):
        raw = row.get(column)
        parsed[column] = None
        if _text(raw):
            try:
                parsed[column] = _date(raw)
            except ValueError:
                errors.append(_("Bad date in “%(column)s”: “%(value)s”.") % {"column": column, "value": _text(raw)})
    if parsed["valid_from"] and parsed["valid_until"] and parsed["valid_until"] < parsed["valid_from"]:
        errors.append(_("The end of validity is before its start."))

    name = t.get("taxon", "")
    if name:
        parsed["taxon"] = lookups.taxon(name)
        if parsed["taxon"] is None:
            errors.append(_("Unknown taxon “%(name)s”.") % {"name": name})
    for column, table, label in (
        ("term", lookups.terms, gettext_lazy("term")),  # lazy: translated only for an error
        ("source", lookups.sources, gettext_lazy("source")),
        ("purpose", lookups.purposes, gettext_lazy("purpose")),
    ):
        code = t.get(column, "").upper()
        if code:
            parsed[column] = table.get(code)
            if parsed[column] is None:
                errors.append(_("Unknown %(what)s code “%(code)s”.") % {"what": label, "code": code})
    unit_code = t.get("unit", "").upper()
    parsed["unit"] = lookups.units.get(unit_code) if unit_code else None
    if unit_code and parsed["unit"] is None:
        errors.append(_("Unknown unit code “%(code)s”.") % {"code": unit_code})
    elif parsed.get("term") and not lookups.unit_accepted(parsed["term"], parsed["unit"]):
        errors.append(
            _("Unit “%(unit)s” is not accepted for term %(term)s.")
            % {"unit": unit_code or _("number of specimens"), "term": parsed["term"].code}
        )

    quantity = t.get("quantity", "").replace(",", ".").replace(" ", "")
    if quantity:
        try:
            parsed["quantity"] = Decimal(quantity)
            if not parsed["quantity"].is_finite() or parsed["quantity"] <= 0:
                raise InvalidOperation
            if parsed["quantity"] != parsed["quantity"].quantize(Decimal("0.001")):
                errors.append(_("Use at most three decimals in the quantity."))
        except InvalidOperation:
            errors.append(_("The quantity must be a positive number, not “%(value)s”.") % {"value": quantity})
    line_no = t.get("line_no", "")
    parsed["line_no"] = None
    if line_no:
        if line_no.isdigit() and 0 < int(line_no) < 1000:
            parsed["line_no"] = int(line_no)
        else:
            errors.append(_("Bad line number “%(value)s”.") % {"value": line_no})
    for column in ("exporter_name", "exporter_address", "importer_name", "importer_address",
                   "security_stamp_number", "notes"):
        parsed[column] = t.get(column, "")
    for column, limit in _max_lengths().items():  # found here, with the row number, before anything is written
        value = t.get(column, "")
        if len(value) > limit:
            errors.append(_("“%(column)s” is too long: %(length)s characters, at most %(limit)s.")
                          % {"column": column, "length": len(value), "limit": limit})
    return parsed


@functools.cache
def _max_lengths() -> dict[str, int]:
    """The length limits of the permit's text columns, from the model (so they cannot drift)."""
    limits = {}
    for column in ("number", "exporter_name", "exporter_address", "importer_name", "importer_address",
                   "security_stamp_number", "notes"):
        limit = getattr(Permit._meta.get_field(column), "max_length", None)
        if limit:
            limits[column] = limit
    return limits


def _mark_registered(permits: dict[tuple[str, str], dict[str, Any]]) -> None:
    """Flag the permits already registered, with one query per 1,000 numbers (not one per permit)."""
    keys = list(permits)
    for start in range(0, len(keys), 1000):
        chunk = keys[start:start + 1000]
        numbers = {number for number, _country in chunk}
        existing = set(Permit.objects.filter(number_normalized__in=numbers)
                       .values_list("number_normalized", "issuing_country__iso2"))
        for key in chunk:
            if key in existing and "entry" in permits[key]:
                permits[key]["entry"].errors.append(_("This permit is already registered."))


def import_permits(file: str | Path | BinaryIO, *, user: Any = None, dry_run: bool = False) -> ImportReport:
    """Validate every row; when all are valid (and not `dry_run`), register and sign the permits at once."""
    report = ImportReport(dry_run=dry_run)
    try:
        header, rows = _read_rows(file)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is reported, not raised
        report.errors.append(_("The file cannot be read: %(error)s") % {"error": exc})
        return report
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        report.errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
        return report
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        report.errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
        return report

    lookups = _Lookups()
    permits: dict[tuple[str, str], dict[str, Any]] = {}
    for offset, values in enumerate(rows, start=2):
        if not any(_text(v) for v in values):
            continue
        row = dict(zip(header, values, strict=False))
        entry = RowReport(offset, _text(row.get("number")))
        report.rows.append(entry)
        parsed = _validate_row(row, entry, lookups)
        number = normalise_permit_number(entry.number)
        country = _text(row.get("issuing_country")).upper()
        if not number or not country:
            continue
        group = permits.setdefault((number, country), {"fields": None, "lines": [], "first_row": offset})
        fields = {k: parsed.get(k) for k in PERMIT_FIELDS}
        fields.update(number=entry.number, issuing_country=parsed.get("issuing_country"))
        if group["fields"] is None:
            group["fields"] = fields
        else:
            differing = [k for k in PERMIT_FIELDS if fields[k] != group["fields"][k]]
            if differing:
                entry.errors.append(
                    _("Permit fields differ from row %(row)s of the same permit: %(fields)s.")
                    % {"row": group["first_row"], "fields": ", ".join(differing)}
                )
        line_no = parsed["line_no"] or len(group["lines"]) + 1
        if any(line["line_no"] == line_no for line in group["lines"]):
            entry.errors.append(_("Line %(no)s of this permit appears twice.") % {"no": line_no})
        group["lines"].append(
            {"line_no": line_no, **{k: parsed.get(k) for k in ("taxon", "term", "quantity", "unit", "source",
                                                                 "purpose")}}
        )
        if group["first_row"] == offset:
            group["entry"] = entry
    _mark_registered(permits)
    if not report.rows:
        report.errors.append(_("The file has no rows."))
    if not report.ok or dry_run:
        return report
    try:
        with transaction.atomic():
            report.permits = register_permits_bulk(
                [(group["fields"], group["lines"]) for group in permits.values()], user=user)
            report.lines_created = sum(len(group["lines"]) for group in permits.values())
    except ValidationError as exc:
        report.permits = []
        report.lines_created = 0
        report.errors.extend(exc.messages)
        return report
    report.permits_created = len(report.permits)
    return report
