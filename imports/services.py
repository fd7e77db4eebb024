"""Importing an agency's past seizures from its own files: check, report, write, undo.

`analyse` reads a file and checks every row without writing; `run_import` writes the cases of a
checked file through `seizures.services.create_cases_bulk` (the rules of `create_case` and the case
form, with set-based inserts: the CITES appendix on the seizure date is stamped there, persons are
matched in the background, one task per written chunk). All or nothing unless `skip_invalid`: a file
with an error row writes nothing.
Importing the same rows again creates nothing (agency + the agency's own case number).
"""
from __future__ import annotations

import csv
import datetime
import hashlib
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency, Post
from common.hygiene import clean_multiline, clean_text
from seizures import permissions
from seizures.choices import DetectionMethod, PartyRole, TransportMode
from seizures.models import Case, CaseParty, Person, SeizedItem
from seizures.services import NewCase, create_cases_bulk
from species.models import Term, Unit

from .fields import FIELDS, REQUIRED_FIELDS, suggest_mapping
from .models import ImportBatch, ImportedCase, MappingTemplate
from .parsing import CellError, CountryIndex, NameIndex, parse_date, parse_number, split_person, unit_code_for
from .reading import FileReadError, Table, read_table

OK, WARNING, ERROR = "ok", "warning", "error"
EXISTS = "exists"
PROGRESS_EVERY = 100
#: Cases per set-based write (and per progress step of the write phase).
WRITE_CHUNK = 250


@dataclass
class RowResult:
    number: int
    status: str = OK
    case_number: str = ""
    messages: list[dict[str, str]] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def add(self, level: str, column: str, text: str) -> None:
        self.messages.append({"level": level, "column": column, "text": str(text)})
        if level == ERROR or (level == WARNING and self.status == OK):
            self.status = level

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.number, "status": self.status, "case_number": self.case_number,
                "messages": self.messages}


@dataclass
class Analysis:
    table: Table
    mapping: dict[str, int]
    rows: list[RowResult]
    cases: dict[str, list[RowResult]]
    existing: set[str]

    @property
    def error_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == ERROR]

    @property
    def warning_rows(self) -> list[RowResult]:
        return [r for r in self.rows if r.status == WARNING]

    def report(self) -> list[dict[str, Any]]:
        return [r.as_dict() for r in self.rows]


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def column_label(index: int, heading: str) -> str:
    """0, 'Вид' → 'C (Вид)' (the Excel column letter and the heading)."""
    letters, n = "", index + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters} ({heading})" if heading else letters


def resolve_mapping(headings: list[str], mapping: Mapping[str, Any] | None) -> dict[str, int]:
    """Field → column index. `mapping` values may be a column index, a heading text or a column letter;
    missing fields are suggested from the headings. An empty value leaves a field unmapped."""
    suggested = suggest_mapping(headings)
    if not mapping:
        return suggested
    result: dict[str, int] = {}
    keys = {h.strip().lower(): i for i, h in enumerate(headings)}
    for name in FIELDS:
        if name not in mapping:
            if name in suggested:
                result[name] = suggested[name]
            continue
        value = mapping[name]
        if value in (None, "", -1, "-1"):
            continue
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            index = int(value)
        elif isinstance(value, str) and value.strip().lower() in keys:
            index = keys[value.strip().lower()]
        elif isinstance(value, str) and value.isalpha() and len(value) <= 2 and value.isupper():
            index = sum((ord(c) - 64) * 26 ** p for p, c in enumerate(reversed(value))) - 1
        else:
            raise FileReadError(_("The column “%(value)s” for %(field)s is not in the file.")
                                % {"value": value, "field": FIELDS[name]})
        if not 0 <= index < len(headings):
            raise FileReadError(_("The column “%(value)s” for %(field)s is not in the file.")
                                % {"value": value, "field": FIELDS[name]})
        result[name] = index
    return result


def mapping_as_headings(table: Table, mapping: Mapping[str, int]) -> dict[str, str]:
    """Field → heading text (how templates and batches keep a mapping)."""
    return {name: table.headings[index] for name, index in mapping.items()}


def load_mapping_file(path: str) -> dict[str, Any]:
    """A mapping file: JSON {"field": "heading or column letter"}, or CSV lines `field;heading`."""
    import json

    with open(path, "rb") as handle:
        raw = handle.read()
    from .reading import decode_text

    text, _enc = decode_text(raw)
    try:
        data = json.loads(text)
    except ValueError:
        data = {}
        for line in csv.reader(io.StringIO(text), delimiter=";" if ";" in text else ","):
            if len(line) >= 2 and line[0].strip():
                data[line[0].strip()] = line[1].strip()
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise FileReadError(_("Unknown fields in the mapping: %(names)s.") % {"names": ", ".join(unknown)})
    return data


class Resolvers:
    """The look-ups of one import, loaded once: taxon names, countries, units, terms, the agency's posts."""

    def __init__(self, agency: Agency) -> None:
        self.species = NameIndex()
        self.countries = CountryIndex()
        self.units = {u.code: u for u in Unit.objects.all()}
        self.terms = {t.code: t for t in Term.objects.select_related("default_unit").prefetch_related("allowed_units")}
        self.term_units = {code: {u.pk for u in t.allowed_units.all()} for code, t in self.terms.items()}
        self.posts: dict[str, Post] = {}
        for post in Post.objects.filter(agency=agency):
            for value in (post.code, post.name_en, post.name_ru, post.name_ky):
                if value:
                    self.posts.setdefault(self._post_key(value), post)

    @staticmethod
    def _post_key(text: str) -> str:
        return " ".join(str(text).lower().replace("ё", "е").replace("«", "").replace("»", "").split())

    def post(self, text: str) -> Post | None:
        key = self._post_key(text)
        if not key:
            return None
        if key in self.posts:
            return self.posts[key]
        hits = {p.pk: p for k, p in self.posts.items() if key in k}
        return next(iter(hits.values())) if len(hits) == 1 else None


def _text(cells: list[object], mapping: Mapping[str, int], name: str) -> object:
    index = mapping.get(name)
    if index is None or index >= len(cells):
        return None
    value = cells[index]
    if isinstance(value, str):
        value = clean_text(value)
        return value or None
    return value


def _aware(value: datetime.datetime) -> datetime.datetime:
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def parse_row(number: int, cells: list[object], table: Table, mapping: Mapping[str, int],
              res: Resolvers) -> RowResult:
    row = RowResult(number=number)

    def col(name: str) -> str:
        index = mapping.get(name)
        return column_label(index, table.headings[index]) if index is not None else str(FIELDS[name])

    def get(name: str) -> object:
        return _text(cells, mapping, name)

    number_value = get("case_number")
    if isinstance(number_value, float) and number_value.is_integer():
        number_value = int(number_value)
    row.case_number = clean_text(str(number_value or ""))[:64]
    if not row.case_number:
        row.add(ERROR, col("case_number"), _("The case number is empty."))
    # date of seizure
    value = get("occurred_at")
    if value is None:
        row.add(ERROR, col("occurred_at"), _("The date of seizure is empty."))
    else:
        try:
            when, _w = parse_date(value)
            if when.date() > timezone.localdate():
                row.add(ERROR, col("occurred_at"), _("The date %(date)s is in the future.")
                        % {"date": when.strftime("%d.%m.%Y")})
            elif when.year < 1950:
                row.add(ERROR, col("occurred_at"), _("The date %(date)s is too early for a seizure.")
                        % {"date": when.strftime("%d.%m.%Y")})
            else:
                row.values["occurred_at"] = _aware(when if (when.hour or when.minute) else when.replace(hour=12))
        except CellError as exc:
            row.add(ERROR, col("occurred_at"), str(exc))
    # species and part
    term_code = None
    species_text = get("species")
    part_text = get("part")
    if species_text is None:
        row.add(ERROR, col("species"), _("The species is empty."))
    else:
        try:
            match = res.species.resolve(str(species_text), str(part_text or ""))
            row.values["taxon"] = match.taxon
            term_code = match.term_code
            for warning in match.warnings:
                row.add(WARNING, col("species"), warning)
        except CellError as exc:
            row.add(ERROR, col("species"), str(exc))
    if part_text and term_code is None:
        row.add(WARNING, col("part"), _("The part “%(value)s” is not a known CITES term; recorded as unspecified.")
                % {"value": part_text})
    # quantity and unit
    unit_code: str | None = None
    quantity = None
    qty_value = get("quantity")
    if qty_value is None:
        row.add(ERROR, col("quantity"), _("The quantity is empty."))
    else:
        try:
            if isinstance(qty_value, int | float | Decimal) and not isinstance(qty_value, bool):
                quantity, unit_word = Decimal(str(qty_value)), ""
            else:
                quantity, unit_word = parse_number(str(qty_value))
            if unit_word:
                unit_code = unit_code_for(unit_word)
                if unit_code is None:
                    row.add(ERROR, col("quantity"), _("The unit “%(value)s” is not known.") % {"value": unit_word})
            if quantity <= 0:
                row.add(ERROR, col("quantity"), _("The quantity must be more than zero."))
                quantity = None
        except CellError as exc:
            row.add(ERROR, col("quantity"), str(exc))
    unit_value = get("unit")
    if unit_value is not None and unit_code is None:
        unit_code = unit_code_for(str(unit_value))
        if unit_code is None:
            row.add(ERROR, col("unit"), _("The unit “%(value)s” is not known.") % {"value": unit_value})
    if term_code is None:
        term_code = "UNS"
        if species_text is not None and not part_text:
            row.add(WARNING, col("species"), _("No part given; recorded as unspecified (UNS)."))
    term = res.terms.get(term_code) or res.terms.get("UNS")
    unit = None
    if unit_code is None and quantity is not None and term is not None:
        unit = term.default_unit
        if unit is not None:
            row.add(WARNING, col("unit"), _("No unit given; %(unit)s assumed for %(term)s.")
                    % {"unit": unit.code, "term": term.code})
    elif unit_code:
        unit = res.units.get(unit_code)
        if unit is None:
            row.add(ERROR, col("unit"), _("The unit “%(value)s” is not known.") % {"value": unit_code})
    if term is not None and unit is not None and term.restrict_units and unit.pk not in res.term_units[term.code]:
        row.add(ERROR, col("unit"), _("The unit %(unit)s is not accepted for the term %(term)s.")
                % {"unit": unit.code, "term": term.code})
    row.values.update(term=term, unit=unit, quantity=quantity)
    # countries
    for name in ("origin_country", "export_country", "destination_country", "nationality"):
        try:
            row.values[name] = res.countries.resolve(get(name))
        except CellError as exc:
            row.add(WARNING, col(name), str(exc) + " " + _("Left empty."))
            row.values[name] = None
    # person
    person_text = get("person")
    if person_text:
        person = split_person(str(person_text))
        birth = get("birth_date")
        if birth is not None:
            try:
                born, _w = parse_date(birth, allow_year_only=True)
                if isinstance(born, int):
                    person["birth_year"] = born
                elif born.date() > timezone.localdate():
                    row.add(WARNING, col("birth_date"), _("The date of birth is in the future; left empty."))
                else:
                    person["birth_date"] = born.date()
            except CellError as exc:
                row.add(WARNING, col("birth_date"), str(exc) + " " + _("Left empty."))
        if row.values.get("nationality") is not None:
            person["nationality"] = row.values["nationality"]
        row.values["person"] = person
    # post, place, notes
    post_text = get("post")
    if post_text:
        post = res.post(str(post_text))
        row.values["post"] = post
        if post is None:
            row.add(WARNING, col("post"), _("The post “%(value)s” is not a post of this agency; kept as the place.")
                    % {"value": post_text})
            row.values["location"] = str(post_text)
    if get("location"):
        row.values["location"] = " · ".join(filter(None, [row.values.get("location"), str(get("location"))]))
    if get("notes"):
        row.values["notes"] = clean_multiline(str(get("notes")))
    return row


ProgressFn = Callable[[str, int, int], None]


def analyse(data: bytes, agency: Agency, *, mapping: Mapping[str, Any] | None = None, sheet: str | None = None,
            progress: ProgressFn | None = None) -> Analysis:
    """Read and check every row of a file for `agency` without writing anything."""
    table = read_table(data, sheet)
    columns = resolve_mapping(table.headings, mapping)
    missing = [str(FIELDS[name]) for name in REQUIRED_FIELDS if name not in columns]
    if missing:
        raise FileReadError(_("No column is mapped to: %(fields)s.") % {"fields": ", ".join(missing)})
    res = Resolvers(agency)
    rows: list[RowResult] = []
    total = len(table.rows)
    for position, (number, cells) in enumerate(table.rows, 1):
        rows.append(parse_row(number, cells, table, columns, res))
        if progress and position % PROGRESS_EVERY == 0:
            progress("check", position, total)
    cases: dict[str, list[RowResult]] = {}
    for row in rows:
        if row.case_number:
            cases.setdefault(row.case_number, []).append(row)
    for number, case_rows in cases.items():
        dates = {r.values.get("occurred_at") for r in case_rows if r.values.get("occurred_at")}
        if len({d.date() for d in dates}) > 1:
            for r in case_rows[1:]:
                r.add(WARNING, str(FIELDS["occurred_at"]),
                      _("The rows of case %(number)s give different dates; the first row's date is used.")
                      % {"number": number})
    existing = set(
        Case.objects.filter(agency=agency, agency_case_number__in=list(cases)).values_list("agency_case_number",
                                                                                           flat=True)
    )
    for number in existing:
        for r in cases[number]:
            if r.status != ERROR:
                r.add(WARNING, str(FIELDS["case_number"]),
                      _("Case %(number)s is already in the database; it is not imported again.") % {"number": number})
    if progress:
        progress("check", total, total)
    return Analysis(table=table, mapping=columns, rows=rows, cases=cases, existing=existing)


def _first(rows: list[RowResult], name: str) -> Any:
    """The first value the case's rows give for `name` (a case's rows repeat its case-level cells)."""
    return next((r.values[name] for r in rows if r.values.get(name)), None)


def _case_payload(rows: list[RowResult]) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    first = rows[0].values
    notes = [r.values["notes"] for r in rows if r.values.get("notes")]
    data: dict[str, Any] = {
        "agency_case_number": rows[0].case_number,
        "occurred_at": first["occurred_at"],
        "detection_method": DetectionMethod.OTHER,
        "transport_mode": TransportMode.UNKNOWN,
        "origin_country": _first(rows, "origin_country"),
        "export_country": _first(rows, "export_country"),
        "destination_country": _first(rows, "destination_country"),
        "post": next((r.values["post"] for r in rows if r.values.get("post")), None),
        "location_text": (next((r.values["location"] for r in rows if r.values.get("location")), "") or "")[:255],
        "description": "\n".join(dict.fromkeys(notes)),
    }
    items = [{
        "taxon": r.values["taxon"], "term": r.values["term"], "quantity": r.values["quantity"],
        "unit": r.values["unit"], "notes": _("Row %(row)d of the imported file.") % {"row": r.number},
    } for r in rows]
    persons: dict[tuple, dict[str, Any]] = {}
    for r in rows:
        person = r.values.get("person")
        if person:
            key = (person["full_name"].lower(), person.get("birth_date"), person.get("birth_year"))
            persons.setdefault(key, person)
    parties = [{"person": dict(p), "role": PartyRole.SUSPECT} for p in persons.values()]
    return data, items, parties


def check_may_import(user: Any, agency: Agency) -> None:
    if not permissions.can_import_cases(user, agency.pk):
        raise PermissionDenied(_("You may not import cases for this agency."))


def _set_progress(batch: ImportBatch, phase: str, done: int, total: int) -> None:
    if not batch.pk:
        return
    cache.set(f"imports:progress:{batch.pk}", {"phase": phase, "done": done, "total": total}, 3600)


#: Share of the whole job each phase stands for on the progress bar (checking every row, then writing the
#: cases): one bar from 0 to 100 that never goes back when the write phase starts counting its rows from 0.
PHASE_SPANS = {"check": (0, 30), "write": (30, 100)}
PHASE_LABELS = {"check": gettext_lazy("Checking rows"), "write": gettext_lazy("Writing cases")}


def progress_of(batch: ImportBatch) -> dict[str, Any]:
    """{"phase", "label", "done", "total", "percent"} of a running batch (also from another process, through
    the cache); `percent` is of the whole job, so it only grows from one phase to the next."""
    info = cache.get(f"imports:progress:{batch.pk}") or {
        "phase": "write" if batch.status == ImportBatch.Status.DONE else "check",
        "done": batch.processed_rows, "total": batch.total_rows}
    total = info["total"] or 0
    start, end = PHASE_SPANS.get(info["phase"], (0, 100))
    if total:
        info["percent"] = start + (end - start) * min(info["done"], total) // total
    else:
        info["percent"] = 100 if batch.finished_at else start
    info["label"] = PHASE_LABELS.get(info["phase"], "")
    return info


def create_batch(user: Any, agency: Agency, data: bytes, file_name: str, *, sheet: str = "",
                 mapping: Mapping[str, Any] | None = None, template: MappingTemplate | None = None,
                 skip_invalid: bool = False, keep_file: bool = True, persist: bool = True) -> ImportBatch:
    """Record an uploaded file (not yet checked) for `agency` (`persist=False`: an unsaved batch for a dry run)."""
    from django.core.files.base import ContentFile

    check_may_import(user, agency)
    batch = ImportBatch(agency=agency, file_name=clean_text(file_name)[:255], sha256=file_sha256(data),
                        sheet=sheet, mapping=dict(mapping or {}), template=template, skip_invalid=skip_invalid,
                        created_by=user)
    if not persist:
        return batch
    if keep_file:
        batch.file.save(file_name, ContentFile(data), save=False)
    batch.save()
    return batch


def run_import(batch: ImportBatch, data: bytes | None = None, *, dry_run: bool = False,
               progress: ProgressFn | None = None) -> Analysis:
    """Check the batch's file and, unless `dry_run` or (without skip_invalid) an error row, write its cases.

    All cases are written in one transaction, WRITE_CHUNK cases per set-based write: a failure while
    writing leaves nothing behind.
    """
    user = batch.created_by
    check_may_import(user, batch.agency)
    if data is None:
        with batch.file.open("rb") as handle:
            data = handle.read()

    def report_progress(phase: str, done: int, total: int) -> None:
        _set_progress(batch, phase, done, total)
        if progress:
            progress(phase, done, total)

    try:
        analysis = analyse(data, batch.agency, mapping=batch.mapping or None, sheet=batch.sheet or None,
                           progress=report_progress)
    except FileReadError as exc:
        batch.status, batch.message, batch.finished_at = ImportBatch.Status.FAILED, str(exc), timezone.now()
        if not dry_run:
            batch.save()
        raise
    batch.mapping = mapping_as_headings(analysis.table, analysis.mapping)
    batch.total_rows = len(analysis.rows)
    batch.processed_rows = 0
    batch.error_rows = len(analysis.error_rows)
    batch.warning_rows = len(analysis.warning_rows)
    batch.report = analysis.report()
    if dry_run:
        batch.status = ImportBatch.Status.CHECKED
        if batch.pk:
            batch.save()
        return analysis
    if analysis.error_rows and not batch.skip_invalid:
        batch.status, batch.finished_at = ImportBatch.Status.FAILED, timezone.now()
        batch.message = _("%(n)d rows have errors; nothing was imported.") % {"n": batch.error_rows}
        batch.save()
        return analysis
    batch.status = ImportBatch.Status.RUNNING
    batch.save()
    created = existing = written_rows = 0
    pending: list[tuple[str, list[RowResult]]] = []
    for number, rows in analysis.cases.items():
        if number in analysis.existing:
            existing += 1
            continue
        if any(r.status == ERROR for r in rows):
            for r in rows:
                if r.status != ERROR:
                    r.add(ERROR, str(FIELDS["case_number"]),
                          _("Skipped: another row of case %(number)s has an error.") % {"number": number})
            continue
        pending.append((number, rows))
    written_rows = batch.total_rows - sum(len(rows) for _n, rows in pending)
    try:
        with transaction.atomic():
            for start in range(0, len(pending), WRITE_CHUNK):
                chunk = pending[start:start + WRITE_CHUNK]
                new_cases = []
                for _number, rows in chunk:
                    data_, items, parties = _case_payload(rows)
                    new_cases.append(NewCase(data=data_, items=items, parties=parties))
                result = create_cases_bulk(user, batch.agency, new_cases, importing=True,
                                           all_or_nothing=not batch.skip_invalid,
                                           change_reason=f"import batch {batch.pk}")
                for index, errors in result.errors.items():
                    for field_name, messages in errors.items():
                        chunk[index][1][0].add(ERROR, field_name, "; ".join(messages))
                if result.errors and not batch.skip_invalid:
                    raise ValidationError(_("A case could not be written; nothing was imported."))
                links = [ImportedCase(batch=batch, case=case, original_number=number,
                                      rows=",".join(str(r.number) for r in rows)[:255],
                                      person_ids=result.person_ids.get(index, []))
                         for index, ((number, rows), case) in enumerate(zip(chunk, result.cases, strict=True))
                         if case is not None]
                ImportedCase.objects.bulk_create(links)
                created += len(links)
                written_rows += sum(len(rows) for _n, rows in chunk)
                report_progress("write", written_rows, batch.total_rows)
    except ValidationError:
        batch.status, batch.finished_at = ImportBatch.Status.FAILED, timezone.now()
        batch.error_rows = len([r for r in analysis.rows if r.status == ERROR])
        batch.report = analysis.report()
        batch.message = _("A case could not be written; nothing was imported.")
        batch.save()
        return analysis
    report_progress("write", batch.total_rows, batch.total_rows)
    batch.status, batch.finished_at = ImportBatch.Status.DONE, timezone.now()
    batch.processed_rows = batch.total_rows
    batch.created_cases, batch.existing_cases = created, existing
    batch.error_rows = len([r for r in analysis.rows if r.status == ERROR])
    batch.report = analysis.report()
    batch.message = _("%(created)d cases imported, %(existing)d already present, %(skipped)d rows skipped.") % {
        "created": created, "existing": existing, "skipped": batch.error_rows}
    batch.save()
    return analysis


def report_csv(batch: ImportBatch) -> str:
    """The validation report as CSV (UTF-8 with BOM, ';' — opens in Russian Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([_("Row"), _("Case number"), _("Status"), _("Column"), _("Message")])
    labels = {OK: _("OK"), WARNING: _("Warning"), ERROR: _("Error")}
    for row in batch.report:
        if not row["messages"]:
            writer.writerow([row["row"], row["case_number"], labels.get(row["status"], row["status"]), "", ""])
        for message in row["messages"]:
            writer.writerow([row["row"], row["case_number"], labels.get(message["level"], message["level"]),
                             message["column"], message["text"]])
    return "\ufeff" + out.getvalue()


def edited_cases(batch: ImportBatch) -> list[Case]:
    """Cases of the batch changed since they were imported (history rows after the creation ones)."""
    changed = []
    for link in batch.imported_cases.select_related("case"):
        case = link.case
        if (case.history.exclude(history_type="+").exists()
                or SeizedItem.history.filter(case_id=case.pk).exclude(history_type="+").exists()
                or CaseParty.history.filter(case_id=case.pk).exclude(history_type="+").exists()
                or case.is_voided):
            changed.append(case)
    return changed


def can_undo(user: Any, batch: ImportBatch) -> bool:
    from agencies.choices import Role
    from seizures.querysets import membership_of

    if batch.status != ImportBatch.Status.DONE:
        return False
    if permissions.is_system_admin(user):
        return True
    membership = membership_of(user)
    return bool(membership and membership.role == Role.AGENCY_ADMIN and membership.agency_id == batch.agency_id)


@transaction.atomic
def undo_batch(user: Any, batch: ImportBatch) -> int:
    """Remove the cases of a batch (agency administrators), while none of them has been edited since.

    Returns the number of cases removed. After an edit only voiding with a reason is possible.
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if not can_undo(user, batch):
        raise PermissionDenied(_("Only an administrator of the agency may undo an import."))
    changed = edited_cases(batch)
    if changed:
        raise ValidationError(_("Cases %(refs)s were changed after the import; void them with a reason instead.")
                              % {"refs": ", ".join(c.reference for c in changed[:10])})
    links = list(batch.imported_cases.select_related("case"))
    person_ids = {pk for link in links for pk in link.person_ids}
    for link in links:
        case = link.case
        link.delete()
        case._history_user = user
        case.delete()
    Person.objects.filter(pk__in=person_ids, case_links__isnull=True).delete()
    batch.status, batch.undone_at, batch.undone_by = ImportBatch.Status.UNDONE, timezone.now(), user
    batch.save(update_fields=["status", "undone_at", "undone_by"])
    return len(links)


def save_template(user: Any, agency: Agency, name: str, mapping: Mapping[str, str]) -> MappingTemplate:
    check_may_import(user, agency)
    name = clean_text(name)[:120]
    if not name:
        raise ValidationError({"name": [_("Give the template a name.")]})
    template, _created = MappingTemplate.objects.update_or_create(
        agency=agency, name=name, defaults={"mapping": dict(mapping), "created_by": user})
    return template
