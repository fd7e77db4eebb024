"""Export of a (visible, filtered) case list as CSV or XLSX, with memory that stays flat.

Cases are read in chunks (`.iterator(chunk_size=...)` with restricted prefetches: the children of a
visible case are visible), rows are produced one by one: CSV is streamed to the client, XLSX is
written by openpyxl's write-only workbook to a temporary file that is then sent.
"""
from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator
from typing import IO, Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Case, CaseParty, SeizedItem

CHUNK_SIZE = 2000


def export_columns() -> list[str]:
    """Column headings (translated in the active language)."""
    return [
        _("Reference"), _("Date and time of seizure"), _("Agency code"), _("Agency"), _("Post code"), _("Post"),
        _("Status"), _("Voided"), _("Detection method"), _("Transport mode"), _("Concealment"),
        _("Country of origin code"), _("Country of origin"), _("Transit country codes"), _("Transit countries"),
        _("Country of destination code"), _("Country of destination"), _("Sharing level"),
        _("Items (codes)"), _("Items"), _("Live specimens"), _("Estimated value"), _("Persons"), _("Description"),
    ]


def export_queryset(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The related rows every export line needs, fetched per chunk."""
    return cases.select_related("agency", "post", "origin_country", "destination_country").prefetch_related(
        "transit_countries",
        Prefetch("items", queryset=SeizedItem.objects.select_related(
            "taxon", "term", "unit", "second_unit").order_by("id")),
        Prefetch("parties", queryset=CaseParty.objects.select_related("person", "company").order_by("id")),
    )


def _amount(value) -> str:
    return format(value.normalize(), "f")


def _item_text(item: SeizedItem) -> str:
    """Codes: "Saiga tatarica HOR 2 + 4.5 KIL" (number of specimens, then the weight when both are known)."""
    what = item.taxon.scientific_name if item.taxon_id else (item.unidentified_description or "?")
    measures = " + ".join(_amount(q) + (f" {u.code}" if u else "") for q, u in item.measures())
    return f"{what} {item.term.code} {measures}"


def _item_names(item: SeizedItem) -> str:
    """Names: "Saiga tatarica — horns: 2 specimens + 4.5 kilograms"."""
    what = item.taxon.scientific_name if item.taxon_id else (item.unidentified_description or "?")
    measures = " + ".join(f"{_amount(q)} {u.name if u else _('specimens')}" for q, u in item.measures())
    return f"{what} — {item.term.name}: {measures}"


def case_row(case: Case) -> list[Any]:
    items = list(case.items.all())
    transit = list(case.transit_countries.all())
    values: dict[str, Any] = {}
    for item in items:
        if item.estimated_value is not None:
            values[item.currency] = values.get(item.currency, 0) + item.estimated_value
    return [
        case.reference,
        timezone.localtime(case.occurred_at).strftime("%Y-%m-%d %H:%M"),
        case.agency.code,
        case.agency.name,
        case.post.code if case.post_id else "",
        case.post.name if case.post_id else "",
        case.get_status_display(),
        _("yes") if case.is_voided else "",
        case.get_detection_method_display(),
        case.get_transport_mode_display(),
        case.get_concealment_display(),
        case.origin_country.iso2 if case.origin_country_id else "",
        case.origin_country.name if case.origin_country_id else "",
        ", ".join(c.iso2 for c in transit),
        ", ".join(str(c.name) for c in transit),
        case.destination_country.iso2 if case.destination_country_id else "",
        case.destination_country.name if case.destination_country_id else "",
        case.get_sharing_level_display(),
        "; ".join(_item_text(i) for i in items),
        "; ".join(_item_names(i) for i in items),
        sum(i.live_count or 0 for i in items),
        "; ".join(f"{format(v.normalize(), 'f')} {c}" for c, v in sorted(values.items())),
        "; ".join(str(p.person or p.company) for p in case.parties.all()),
        case.description,
    ]


def iter_rows(cases: QuerySet[Case]) -> Iterator[list[Any]]:
    """The heading row, then one row per case, reading the database in chunks."""
    yield export_columns()
    for case in export_queryset(cases).iterator(chunk_size=CHUNK_SIZE):
        yield case_row(case)


class _Echo:
    """A file-like object whose write() hands the line back (for csv.writer in a generator)."""

    def write(self, value: str) -> str:
        return value


def iter_csv(cases: QuerySet[Case]) -> Iterator[str]:
    """CSV lines (UTF-8 with a byte-order mark so that spreadsheet programs read Cyrillic)."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in iter_rows(cases):
        yield writer.writerow(row)


def write_xlsx_rows(rows: Iterator[list[Any]], handle: IO[bytes]) -> None:
    """Write rows to an XLSX workbook (openpyxl write-only mode: rows are not kept in memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(_("Cases"))[:31])
    for row in rows:
        sheet.append(row)
    workbook.save(handle)


def write_xlsx(cases: QuerySet[Case]) -> IO[bytes]:
    """An XLSX workbook in a temporary file (deleted when closed), positioned at its start."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    write_xlsx_rows(iter_rows(cases), handle)
    handle.seek(0)
    return handle


def export_filename(extension: str) -> str:
    return f"cases-{timezone.localdate():%Y%m%d}.{extension}"
