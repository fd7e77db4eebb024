"""The CITES annual illegal trade report (ITR) for one calendar year, as an Excel workbook.

One row per seized item of the cases the user may see (voided cases left out), columns and their
order from `data/itr_columns.csv`; a header block from `data/itr_header.csv` (Party, year, agency
preparing the report, contact, data-sharing indication, date, number of records); a "Validation" sheet
with every item left out, the reason and a link, then the report's columns this database cannot fill
(left empty) and why. Items are left out when the taxon is not CITES-listed on the seizure date or a
required field is missing. Countries as ISO alpha-2, terms and units as CITES codes. Headings are
written in English (the report goes to the Secretariat); their Russian and Kyrgyz translations in the
data files are used for the notes shown to the user. Where each heading's wording comes from is in the
data files' `source` column (see data/README.md).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from seizures.choices import PartyRole
from seizures.models import Case, CaseParty, SeizedItem
from seizures.querysets import membership_of
from species.choices import Appendix

AnyUser = AbstractBaseUser | AnonymousUser
DATA = Path(__file__).parent / "data"
COLUMNS_FILE = DATA / "itr_columns.csv"
HEADER_FILE = DATA / "itr_header.csv"
#: The report goes to the Secretariat: headings, countries' and agencies' names and choices in English.
REPORT_LANGUAGE = "en"
LISTED = {Appendix.I, Appendix.II, Appendix.III}
OFFENDER_ROLES = (PartyRole.SUSPECT, PartyRole.COURIER, PartyRole.OWNER, PartyRole.CONSIGNOR)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool
    translations: dict[str, str]

    def heading_in(self, language: str | None = None) -> str:
        """The heading in `language` (ru, ky; the data file's translations), else the English heading."""
        return self.translations.get((language or get_language() or "en")[:2]) or self.heading


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def columns() -> list[Column]:
    """The report's columns, in the order they are written."""
    return [Column(r["key"], r["heading"], r["required"].strip() == "yes",
                   {"ru": r["heading_ru"], "ky": r["heading_ky"]}) for r in _read(COLUMNS_FILE)]


def header_fields() -> list[Column]:
    """The report's header lines (label and key), in the order they are written."""
    return [Column(r["key"], r["label"], False, {"ru": r["label_ru"], "ky": r["label_ky"]})
            for r in _read(HEADER_FILE)]


def unrecorded_columns() -> dict[str, str]:
    """Report columns this database has no field for, and why (they are written empty)."""
    return {
        "reason_for_seizure": _("Cases do not record the reason for seizure."),
        "law_charged": _("Cases record the outcome, the criminal case number and the fine, not the law under "
                         "which charges were brought."),
    }


def year_items(user: AnyUser, year: int):
    """The seized items of the visible, not voided cases seized in `year` (calendar year, local time)."""
    cases = Case.objects.visible_to(user).filter(is_voided=False, occurred_at__year=year)
    parties = CaseParty.objects.filter(role__in=OFFENDER_ROLES).select_related("person__nationality")
    return (SeizedItem.objects.filter(case__in=cases.values("pk"))
            .select_related("case__agency", "case__post", "case__origin_country", "case__export_country",
                            "case__destination_country",
                            "origin_country", "taxon", "term", "unit")
            .prefetch_related("case__transit_countries", Prefetch("case__parties", queryset=parties))
            .order_by("case__occurred_at", "case_id", "id"))


def appendix_of(item: SeizedItem) -> str:
    return item.cites_appendix_at_seizure or (item.taxon.cites_appendix if item.taxon_id else "")


def item_values(item: SeizedItem) -> dict[str, Any]:
    """The report's values for one item (call under the report's language: choices are written as words)."""
    case = item.case
    origin = item.origin_country if item.origin_country_id else (case.origin_country if case.origin_country_id
                                                                   else None)
    nationalities = sorted({p.person.nationality.iso2 for p in case.parties.all()
                            if p.person_id and p.person.nationality_id})
    legal = "; ".join(v for v in (case.get_outcome_display() if case.outcome else "",
                                  case.criminal_case_number,
                                  f"{case.fine_amount} {case.fine_currency}".strip() if case.fine_amount else "") if v)
    return {
        "occurred_on": timezone.localtime(case.occurred_at).date() if case.occurred_at else None,
        "agency": case.agency.name,
        "location": (case.post.name if case.post_id else "") or case.location_text,
        "detection_method": case.get_detection_method_display() if case.detection_method else "",
        "taxon": item.taxon.scientific_name if item.taxon_id else "",
        "appendix": appendix_of(item),
        "term": item.term.code if item.term_id else "",
        "quantity": item.quantity,
        "unit": item.unit.code if item.unit_id else "",
        "origin_country": origin.iso2 if origin else "",
        "export_country": case.export_country.iso2 if case.export_country_id else "",
        "transit_countries": ", ".join(sorted(c.iso2 for c in case.transit_countries.all())),
        "destination_country": case.destination_country.iso2 if case.destination_country_id else "",
        "transport_mode": case.get_transport_mode_display() if case.transport_mode else "",
        "concealment": case.get_concealment_display() if case.concealment else "",
        "estimated_value": (f"{item.estimated_value} {item.currency}".strip()
                            if item.estimated_value is not None else ""),
        "offender_nationalities": ", ".join(nationalities),
        "legal_measures": legal,
        "disposal": item.get_disposition_display() if item.disposition else "",
        "case_reference": case.reference,
    }


#: The columns `item_values` fills; any other column of the data file is written empty and noted.
KNOWN_KEYS = ("occurred_on", "agency", "location", "detection_method", "taxon", "appendix", "term", "quantity",
              "unit", "origin_country", "export_country", "transit_countries", "destination_country",
              "transport_mode", "concealment", "estimated_value", "offender_nationalities", "legal_measures",
              "disposal", "case_reference")


def reason_left_out(item: SeizedItem, values: dict[str, Any], cols: list[Column]) -> str:
    if not item.taxon_id:
        return _("Species not identified.")
    if appendix_of(item) not in LISTED:
        return _("Taxon not listed in the CITES Appendices on the seizure date.")
    missing = [c.heading_in() for c in cols if c.required and c.key in values and values[c.key] in (None, "")]
    if missing:
        return _("Missing required field: %(fields)s.") % {"fields": ", ".join(missing)}
    return ""


@dataclass
class Report:
    included: list[dict[str, Any]]
    left_out: list[tuple[SeizedItem, str]]


def build_report(user: AnyUser, year: int) -> Report:
    cols = columns()
    report = Report([], [])
    for item in year_items(user, year):
        with translation.override(REPORT_LANGUAGE):
            values = item_values(item)
        reason = reason_left_out(item, values, cols)
        if reason:
            report.left_out.append((item, reason))
        else:
            report.included.append(values)
    return report


def column_notes(cols: list[Column]) -> list[tuple[Column, str]]:
    """The columns written empty: no field in this database, or a key the export does not know."""
    known = set(KNOWN_KEYS)
    reasons = unrecorded_columns()
    return [(c, reasons.get(c.key) or _("The export has no value for this column."))
            for c in cols if c.key not in known]


def _contact(user: AnyUser, agency: Any) -> str:
    """The preparing user's name and e-mail, then the agency's e-mail and phone."""
    name = user.get_full_name().strip() if hasattr(user, "get_full_name") else ""
    person = ", ".join(v for v in (name, getattr(user, "email", "") or "") if v)
    office = ", ".join(v for v in (agency.email, agency.phone) if v) if agency else ""
    return "; ".join(v for v in (person, office) if v)


def itr_workbook(user: AnyUser, year: int, *, base_url: str = "", share_data: bool = True,
                 party: str = "") -> bytes:
    """The workbook's bytes: sheet "ITR" (header block, headings, one row per item), sheet "Validation"."""
    cols = columns()
    report = build_report(user, year)
    membership = membership_of(user)
    agency = membership.agency if membership else None
    bold = Font(bold=True)
    book = Workbook()
    sheet = book.active
    sheet.title = "ITR"
    with translation.override(REPORT_LANGUAGE):
        header = {
            "party": party or (agency.country.name if agency and agency.country_id else ""),
            "year": year,
            "agency": agency.name if agency else "",
            "contact": _contact(user, agency),
            "share_data": "Yes" if share_data else "No",
            "date_prepared": timezone.localdate(),
            "record_count": len(report.included),
        }
    for line in header_fields():
        sheet.append([line.heading, header.get(line.key, "")])
        sheet.cell(row=sheet.max_row, column=1).font = bold
        if line.key == "date_prepared":
            sheet.cell(row=sheet.max_row, column=2).number_format = "yyyy-mm-dd"
    sheet.append([])
    sheet.append([c.heading for c in cols])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    heading_row = sheet.max_row
    for values in report.included:
        sheet.append([values.get(c.key) for c in cols])
    date_columns = [i for i, c in enumerate(cols, start=1) if c.key == "occurred_on"]
    for index in date_columns:
        for row in sheet.iter_rows(min_row=heading_row + 1, min_col=index, max_col=index):
            row[0].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = sheet.cell(row=heading_row + 1, column=1)

    check = book.create_sheet("Validation")
    check.append([_("Case"), _("Item"), _("Species or description"), _("Reason left out"), _("Link to the case")])
    for cell in check[1]:
        cell.font = bold
    for item, reason in report.left_out:
        link = base_url + reverse("seizures:case_detail", args=[item.case_id])
        what = item.taxon.scientific_name if item.taxon_id else item.unidentified_description
        check.append([item.case.reference, item.pk, what, reason, link])
        check.cell(row=check.max_row, column=5).hyperlink = link
    check.append([])
    check.append([_("Column of the report"), _("Heading in this language"), _("Why it is left empty")])
    for cell in check[check.max_row]:
        cell.font = bold
    for column, why in column_notes(cols):
        check.append([column.heading, column.heading_in(), why])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
