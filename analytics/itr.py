"""The CITES annual illegal trade report (ITR) for one calendar year, as an Excel workbook.

One row per seized item of the cases the user may see (voided cases left out), columns and their
order from `data/itr_columns.csv`; a header block (Party, year, agency preparing the report,
data-sharing indication); a "Validation" sheet with every item left out, the reason and a link.
Items are left out when the taxon is not CITES-listed on the seizure date or a required field is
missing. Countries as ISO alpha-2, terms and units as CITES codes.
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
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from seizures.choices import PartyRole
from seizures.models import Case, CaseParty, SeizedItem
from seizures.querysets import membership_of
from species.choices import Appendix

AnyUser = AbstractBaseUser | AnonymousUser
COLUMNS_FILE = Path(__file__).parent / "data" / "itr_columns.csv"
LISTED = {Appendix.I, Appendix.II, Appendix.III}
OFFENDER_ROLES = (PartyRole.SUSPECT, PartyRole.COURIER, PartyRole.OWNER, PartyRole.CONSIGNOR)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    required: bool


def columns() -> list[Column]:
    with COLUMNS_FILE.open(encoding="utf-8") as handle:
        return [Column(r["key"], r["heading"], r["required"].strip() == "yes") for r in csv.DictReader(handle)]


def year_items(user: AnyUser, year: int):
    """The seized items of the visible, not voided cases seized in `year` (calendar year, local time)."""
    cases = Case.objects.visible_to(user).filter(is_voided=False, occurred_at__year=year)
    parties = CaseParty.objects.filter(role__in=OFFENDER_ROLES).select_related("person__nationality")
    return (SeizedItem.objects.filter(case__in=cases.values("pk"))
            .select_related("case__agency", "case__post", "case__origin_country", "case__export_country",
                            "case__destination_country",
                            "taxon", "term", "unit")
            .prefetch_related("case__transit_countries", Prefetch("case__parties", queryset=parties))
            .order_by("case__occurred_at", "case_id", "id"))


def appendix_of(item: SeizedItem) -> str:
    return item.cites_appendix_at_seizure or (item.taxon.cites_appendix if item.taxon_id else "")


def item_values(item: SeizedItem) -> dict[str, Any]:
    case = item.case
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
        "origin_country": case.origin_country.iso2 if case.origin_country_id else "",
        "export_country": case.export_country.iso2 if case.export_country_id else "",
        "transit_countries": ", ".join(sorted(c.iso2 for c in case.transit_countries.all())),
        "destination_country": case.destination_country.iso2 if case.destination_country_id else "",
        "transport_mode": case.get_transport_mode_display() if case.transport_mode else "",
        "concealment": case.get_concealment_display() if case.concealment else "",
        "estimated_value": item.estimated_value,
        "currency": item.currency if item.estimated_value is not None else "",
        "offender_nationalities": ", ".join(nationalities),
        "legal_measures": legal,
        "disposal": item.get_disposition_display() if item.disposition else "",
        "case_reference": case.reference,
    }


def reason_left_out(item: SeizedItem, values: dict[str, Any], cols: list[Column]) -> str:
    if not item.taxon_id:
        return _("Species not identified.")
    if appendix_of(item) not in LISTED:
        return _("Taxon not listed in the CITES Appendices on the seizure date.")
    missing = [c.heading for c in cols if c.required and values.get(c.key) in (None, "")]
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
        values = item_values(item)
        reason = reason_left_out(item, values, cols)
        if reason:
            report.left_out.append((item, reason))
        else:
            report.included.append(values)
    return report


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
    header = [
        ("Party", party or (agency.country.name if agency and agency.country_id else "")),
        ("Year", year),
        ("Agency preparing the report", agency.name if agency else ""),
        ("Data may be shared with ICCWC partners", "Yes" if share_data else "No"),
        ("Date prepared", timezone.localdate()),
        ("Number of seizure records", len(report.included)),
    ]
    for label, value in header:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = bold
    sheet.append([])
    sheet.append([c.heading for c in cols])
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    heading_row = sheet.max_row
    for values in report.included:
        sheet.append([values[c.key] for c in cols])
    for row in sheet.iter_rows(min_row=heading_row + 1, min_col=1, max_col=1):
        row[0].number_format = "yyyy-mm-dd"
    sheet.freeze_panes = sheet.cell(row=heading_row + 1, column=1)

    check = book.create_sheet("Validation")
    check.append(["Case", "Item", "Species or description", "Reason left out", "Link"])
    for cell in check[1]:
        cell.font = bold
    for item, reason in report.left_out:
        link = base_url + reverse("seizures:case_detail", args=[item.case_id])
        what = item.taxon.scientific_name if item.taxon_id else item.unidentified_description
        check.append([item.case.reference, item.pk, what, reason, link])
        check.cell(row=check.max_row, column=5).hyperlink = link
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
