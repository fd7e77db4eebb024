"""Permits presented with seized items: link the number as written, check items and documents, use quantities.

A permit knows no seizure: this module calls the permits services (verify_permit, check_items,
use_quantity under row locks, required_documents). A seizure is recorded whatever the permit says;
what the permit does not cover is reported on the item, never a reason to lose the record.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from permits.choices import Direction
from permits.models import PermitUse
from permits.rules import missing_documents, required_documents
from permits.services import Item, VerificationStatus, release_use, use_quantity, verify_permit

from .models import Case, SeizedItem

DEFAULT_SOURCE, DEFAULT_PURPOSE = "W", "T"


@dataclass
class ItemPermitCheck:
    """What the documents presented with one seized item say: permit status, mismatches, documents missing."""

    item: SeizedItem
    status: str = ""  # a permits VerificationStatus value; "" when no permit was presented
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    refused: str = ""
    notes: list[str] = field(default_factory=list)  # e.g. origin unknown: the stricter appendix's documents
    origin_needed: bool = False

    @property
    def status_label(self) -> str:
        return str(VerificationStatus(self.status).label) if self.status else ""

    @property
    def needs_attention(self) -> bool:
        return (bool(self.status and self.status != "valid") or bool(self.reasons or self.missing or self.refused)
                or self.origin_needed)

    @property
    def ok(self) -> bool:
        return self.status == "valid" and not self.reasons and not self.missing and not self.refused


def use_reference(item: SeizedItem) -> str:
    """The reference under which an item's use of a permit line is recorded."""
    return f"{item.case.reference}/{item.pk}"


def link_presented_permit(item: SeizedItem) -> None:
    """Link the permit number written on an item to the registered permit when exactly one matches."""
    if item.permit_id or not item.permit_number_as_written.strip():
        return
    country = item.case.origin_country.iso2 if item.case.origin_country_id else None
    result = verify_permit(item.permit_number_as_written, country)
    if result.permit is None and country:
        result = verify_permit(item.permit_number_as_written)
    if result.permit is not None:
        item.permit = result.permit


def _as_permit_item(item: SeizedItem) -> Item | None:
    if not item.taxon_id:
        return None
    return Item(taxon=item.taxon, term=item.term, quantity=item.quantity, unit=item.unit)


def movement_direction(case: Case) -> str:
    """Export when the goods leave the recording agency's country, import when they arrive, else transit."""
    home = case.agency.country_id
    if case.origin_country_id == home or (case.destination_country_id and case.destination_country_id != home
                                          and not case.origin_country_id):
        return Direction.EXPORT
    if case.destination_country_id == home:
        return Direction.IMPORT
    return Direction.TRANSIT if case.origin_country_id else Direction.IMPORT


def check_item(item: SeizedItem) -> ItemPermitCheck:
    """Check the permit presented with a seized item and the documents its movement needs."""
    case = item.case
    day = timezone.localtime(case.occurred_at).date()
    check = ItemPermitCheck(item=item)
    presented: set[str] = set()
    permit_item = _as_permit_item(item)
    if item.permit_id:
        result = verify_permit(
            item.permit.number, item.permit.issuing_country.iso2, on_date=day,
            items=[permit_item] if permit_item else None,
        )
        check.status, check.reasons = result.status, list(result.reasons)
        presented.add(item.permit.document_type)
    elif item.permit_number_as_written.strip():
        check.status = "unknown"
        check.reasons = [str(verify_permit(item.permit_number_as_written).reasons[0])]
    if item.taxon_id:
        lines = list(item.permit.lines.select_related("source", "purpose")[:1]) if item.permit_id else []
        requirement = required_documents(
            taxon=item.taxon, term=item.term,
            source=lines[0].source if lines else DEFAULT_SOURCE,
            purpose=lines[0].purpose if lines else DEFAULT_PURPOSE,
            direction=movement_direction(case),
            exporting_country=case.origin_country if case.origin_country_id else case.agency.country,
            importing_country=case.destination_country, on_date=day,
            origin_country=item.origin_country or case.origin_country,
        )
        check.notes = [str(note) for note in requirement.notes]
        check.origin_needed = requirement.origin_needed
        check.missing = [str(doc.name) for doc in missing_documents(requirement, presented)]
        check.refused = str(requirement.refusal_reason) if requirement.refused else ""
    return check


def case_permit_checks(case: Case, items) -> list[ItemPermitCheck]:
    """Checks of every item of a case (items: the visible items, already fetched)."""
    return [check_item(item) for item in items]


def sync_permit_uses(case: Case, *, user=None) -> list[str]:
    """Record each item's use of the permit line it matches (releasing the uses of earlier versions).

    Returns the problems (e.g. more seized than the permit has left); they never stop the seizure
    from being recorded.
    """
    problems: list[str] = []
    prefix = f"{case.reference}/"
    for use in PermitUse.objects.filter(reference__startswith=prefix, released_at__isnull=True):
        release_use(use, user=user)
    for item in SeizedItem.objects.filter(case=case, permit__isnull=False).select_related(
        "permit", "taxon", "term", "unit"
    ):
        line = _matching_line(item)
        if line is None:
            continue
        amount = max(min(item.quantity, line.quantity_remaining), Decimal("0"))
        if item.quantity > line.quantity_remaining:
            problems.append(
                _("%(item)s: more was seized than remains on line %(no)s of permit %(number)s.")
                % {"item": item, "no": line.line_no, "number": item.permit.number}
            )
        if amount > 0:
            try:
                use_quantity(line, amount, reference=use_reference(item), user=user)
            except ValidationError as exc:
                problems.extend(exc.messages)
    return problems


def _matching_line(item: SeizedItem):
    """The first line of the item's permit with the same taxon, term and unit."""
    return (
        item.permit.lines.filter(taxon_id=item.taxon_id, term_id=item.term_id, unit_id=item.unit_id)
        .order_by("line_no")
        .first()
    )
