"""Export of a (visible, filtered) case list as CSV or XLSX, with memory that stays flat.

The cases are read as plain tuples through a server-side cursor (`.values_list().iterator(chunk_size=...)`);
for each chunk of cases, their items, transit countries and parties are read in one query each (the
children of a visible case are visible). Codes and names of agencies, posts, countries, terms and units
come from small dicts filled once per export, in the active language (their translated names). No model
instance is built per row. CSV is streamed to the client, XLSX is written by openpyxl's write-only
workbook to a temporary file that is then sent.
"""
from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency, Country, Post
from species.models import Term, Unit

from .choices import CaseStatus, Concealment, DetectionMethod, SharingLevel, TransportMode
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


def _amount(value: Decimal) -> str:
    return format(value.normalize(), "f")


#: The case columns an export line reads, in this order.
CASE_COLUMNS = ("id", "reference", "occurred_at", "agency_id", "post_id", "status", "is_voided", "detection_method",
                "transport_mode", "concealment", "origin_country_id", "destination_country_id", "sharing_level",
                "description")
ITEM_COLUMNS = ("case_id", "taxon_id", "taxon__scientific_name", "unidentified_description", "term_id", "quantity",
                "unit_id", "second_quantity", "second_unit_id", "live_count", "estimated_value", "currency")


class _Names:
    """Codes, translated names and labels of the small tables, read once per export (active language)."""

    def __init__(self) -> None:
        countries = list(Country.objects.all())  # in the model's order (by name), as a case lists its transit
        self.countries = {c.pk: (c.iso2, str(c.name)) for c in countries}
        self.country_rank = {c.pk: n for n, c in enumerate(countries)}
        self.agencies = {a.pk: (a.code, str(a.name)) for a in Agency.objects.all()}
        self.posts = {p.pk: (p.code, str(p.name)) for p in Post.objects.all()}
        self.terms = {t.pk: (t.code, str(t.name)) for t in Term.objects.all()}
        self.units = {u.pk: (u.code, str(u.name)) for u in Unit.objects.all()}
        self.labels = {choices: {value: str(label) for value, label in choices.choices}
                       for choices in (CaseStatus, DetectionMethod, TransportMode, Concealment, SharingLevel)}
        self.specimens, self.yes = _("specimens"), _("yes")
        self.zone = timezone.get_current_timezone()

    def item(self, row: tuple) -> tuple[str, str]:
        """(codes, names) of one item: "Saiga tatarica HOR 2 + 4.5 KIL", "Saiga tatarica — horns: 2 specimens +
        4.5 kilograms" (number of specimens, then the weight when both are known)."""
        _case, taxon_id, scientific, unidentified, term_id, quantity, unit_id, second, second_unit = row[:9]
        what = scientific if taxon_id else (unidentified or "?")
        measures = [(quantity, self.units.get(unit_id))]
        if second is not None:
            measures.append((second, self.units.get(second_unit)))
        term_code, term_name = self.terms[term_id]
        codes = " + ".join(_amount(q) + (f" {u[0]}" if u else "") for q, u in measures)
        names = " + ".join(f"{_amount(q)} {u[1] if u else self.specimens}" for q, u in measures)
        return f"{what} {term_code} {codes}", f"{what} — {term_name}: {names}"


def _ordered(cases: QuerySet[Case]) -> tuple[QuerySet[Case], list[str]]:
    """The cases with the case id as last sort key, and that ordering for rows that belong to a case."""
    ordering = [str(o) for o in (cases.query.order_by or Case._meta.ordering)]
    if not {"pk", "-pk", "id", "-id"} & set(ordering):
        ordering.append("pk")
    return cases.order_by(*ordering), [f"-case__{o[1:]}" if o.startswith("-") else f"case__{o}" for o in ordering]


def _by_case(rows: Iterator[tuple]) -> Iterator[tuple[int, list]]:
    """(case id, its rows) from rows ordered like the cases (the case id first in each row)."""
    case_id, group = None, []
    for row in rows:
        if row[0] != case_id:
            if group:
                yield case_id, group
            case_id, group = row[0], []
        group.append(row)
    if group:
        yield case_id, group


class _Follow:
    """Hands out the rows of one case after another, reading a stream in the cases' order."""

    def __init__(self, rows: Iterator[tuple]) -> None:
        self.groups = _by_case(rows)
        self.next = next(self.groups, None)

    def of(self, case_id: int) -> list:
        if self.next is not None and self.next[0] == case_id:
            rows, self.next = self.next[1], next(self.groups, None)
            return rows
        return []


def _local(moment: datetime.datetime, zone: datetime.tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.year:04d}-{local.month:02d}-{local.day:02d} {local.hour:02d}:{local.minute:02d}"


def _line(case: tuple, names: _Names, items: list[tuple], transit: list[int], parties: list[str]) -> list[Any]:
    (_pk, reference, occurred_at, agency_id, post_id, status, is_voided, detection, transport, concealment,
     origin_id, destination_id, sharing, description) = case
    labels = names.labels
    agency = names.agencies[agency_id]
    post = names.posts[post_id] if post_id else ("", "")
    origin = names.countries[origin_id] if origin_id else ("", "")
    destination = names.countries[destination_id] if destination_id else ("", "")
    through = [names.countries[c] for c in sorted(transit, key=names.country_rank.__getitem__)]
    described = [names.item(i) for i in items]
    values: dict[str, Decimal] = {}
    for item in items:
        if item[10] is not None:
            values[item[11]] = values.get(item[11], 0) + item[10]
    return [
        reference, _local(occurred_at, names.zone), agency[0], agency[1], post[0], post[1],
        labels[CaseStatus].get(status, status), names.yes if is_voided else "",
        labels[DetectionMethod].get(detection, detection), labels[TransportMode].get(transport, transport),
        labels[Concealment].get(concealment, concealment), origin[0], origin[1],
        ", ".join(c[0] for c in through), ", ".join(c[1] for c in through), destination[0], destination[1],
        labels[SharingLevel].get(sharing, sharing), "; ".join(d[0] for d in described),
        "; ".join(d[1] for d in described), sum(i[9] or 0 for i in items),
        "; ".join(f"{_amount(v)} {c}" for c, v in sorted(values.items())), "; ".join(parties), description,
    ]


def iter_case_lines(cases: QuerySet[Case]) -> Iterator[list[Any]]:
    """One export line per case. Four server-side cursors read in the same order (cases; their items,
    transit countries and parties joined to the same cases), so each case's rows arrive next to it."""
    names = _Names()
    cases, child_order = _ordered(cases)
    chosen = cases.values("pk")
    chunk = {"chunk_size": CHUNK_SIZE}
    items = _Follow(SeizedItem.objects.filter(case__in=chosen).order_by(*child_order, "id")
                    .values_list(*ITEM_COLUMNS).iterator(**chunk))
    through = Case.transit_countries.through
    transit = _Follow(through.objects.filter(case__in=chosen).order_by(*child_order)
                      .values_list("case_id", "country_id").iterator(**chunk))
    parties = _Follow(CaseParty.objects.filter(case__in=chosen).order_by(*child_order, "id")
                      .values_list("case_id", "person_id", "person__full_name", "company_id", "company__name")
                      .iterator(**chunk))
    for row in cases.values_list(*CASE_COLUMNS).iterator(**chunk):
        pk = row[0]
        party_names = [name if person_id else (company if company_id else "None")
                       for _c, person_id, name, company_id, company in parties.of(pk)]
        yield _line(row, names, items.of(pk), [c for _c, c in transit.of(pk)], party_names)


def case_row(case: Case) -> list[Any]:
    """The export line of one case (the same code path as a whole export)."""
    return next(iter_case_lines(Case.objects.filter(pk=case.pk)))


def iter_rows(cases: QuerySet[Case]) -> Iterator[list[Any]]:
    """The heading row, then one row per case."""
    yield export_columns()
    yield from iter_case_lines(cases)


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
