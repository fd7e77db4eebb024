"""Permit domain services: verification, checking items against a permit, quantity use, registration.

A permit knows no seizure: seizures call `use_quantity(line, amount, reference=..., user=...)`.
"""
from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Country
from common.validation import FieldCleaner
from species.listings import is_within
from species.models import Purpose, Source, Taxon, Term, Unit

from .choices import PermitStatus
from .models import Permit, PermitLine, PermitUse, normalise_permit_number

__all__ = [
    "Item",
    "LineState",
    "Mismatch",
    "VerificationResult",
    "VerificationStatus",
    "check_items",
    "normalise_permit_number",
    "register_permit",
    "release_use",
    "use_quantity",
    "verify_permit",
]


class VerificationStatus(models.TextChoices):
    VALID = "valid", gettext_lazy("Valid")
    EXPIRED = "expired", gettext_lazy("Expired")
    NOT_YET_VALID = "not_yet_valid", gettext_lazy("Not yet valid")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")
    LOST_STOLEN = "lost_stolen", gettext_lazy("Reported lost or stolen")
    USED = "used", gettext_lazy("Already used")
    QUANTITY_EXCEEDED = "quantity_exceeded", gettext_lazy("Quantity exceeded")
    UNKNOWN = "unknown", gettext_lazy("Unknown")


@dataclass
class LineState:
    """A permit line with what remains of it."""

    line: PermitLine
    quantity: Decimal
    used: Decimal
    remaining: Decimal


@dataclass
class Item:
    """A seized or declared item, as compared with a permit. `unit` None = number of specimens."""

    taxon: Taxon
    term: Term
    quantity: Decimal
    unit: Unit | None = None
    source: Source | None = None
    purpose: Purpose | None = None


@dataclass
class Mismatch:
    """One way an item does not match the permit."""

    item_index: int
    field: str  # taxon, term, unit, quantity, source, purpose
    message: str
    line: PermitLine | None = None
    expected: str = ""
    found: str = ""


@dataclass
class VerificationResult:
    status: str
    reasons: list[str] = field(default_factory=list)
    permit: Permit | None = None
    lines: list[LineState] = field(default_factory=list)
    holder: str = ""
    mismatches: list[Mismatch] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return self.status == VerificationStatus.VALID

    @property
    def status_label(self) -> str:
        return str(VerificationStatus(self.status).label)


def _country(value: Country | str | None) -> Country | None:
    if value is None or isinstance(value, Country):
        return value
    return Country.objects.filter(iso2=value.strip().upper()).first()


def line_states(permit: Permit) -> list[LineState]:
    return [
        LineState(line, line.quantity, line.quantity_used, line.quantity_remaining)
        for line in permit.lines.select_related("taxon", "term", "unit", "source", "purpose").order_by("line_no")
    ]


def verify_permit(
    number: str,
    country_iso2: str | None = None,
    stamp: str | None = None,
    on_date: datetime.date | None = None,
    items: list[Item] | None = None,
) -> VerificationResult:
    """Look a permit up by number (normalised) and issuing country and say whether it can be used on `on_date`.

    With `items`, the items are also checked against the lines (`check_items`); a quantity beyond what
    remains makes the status `quantity_exceeded`.
    """
    on_date = on_date or timezone.localdate()
    normalised = normalise_permit_number(number)
    if not normalised:
        return VerificationResult(VerificationStatus.UNKNOWN, [_("No permit number was given.")])
    candidates = Permit.objects.filter(number_normalized=normalised).select_related("issuing_country")
    if country_iso2:
        candidates = candidates.filter(issuing_country__iso2=country_iso2.strip().upper())
    found = list(candidates[:2])
    if not found:
        return VerificationResult(
            VerificationStatus.UNKNOWN, [_("No permit with this number is registered for this country.")]
        )
    if len(found) > 1:
        return VerificationResult(
            VerificationStatus.UNKNOWN,
            [_("Several countries issued a permit with this number: give the issuing country.")],
        )
    permit = found[0]
    result = VerificationResult(
        VerificationStatus.VALID, permit=permit, lines=line_states(permit), holder=permit.holder_name
    )
    reasons = result.reasons
    if stamp and permit.security_stamp_number:
        if normalise_permit_number(stamp) != normalise_permit_number(permit.security_stamp_number):
            result.status = VerificationStatus.UNKNOWN
            reasons.append(_("The security stamp number does not match the registered permit."))
    elif stamp:
        reasons.append(_("No security stamp number is registered for this permit."))

    status = VerificationStatus.VALID
    if permit.status == PermitStatus.CANCELLED:
        status = VerificationStatus.CANCELLED
        reasons.append(_("The permit was cancelled by the issuing authority."))
    elif permit.status == PermitStatus.LOST_STOLEN:
        status = VerificationStatus.LOST_STOLEN
        reasons.append(_("The permit was reported lost or stolen."))
    elif permit.status == PermitStatus.USED or (result.lines and all(s.remaining <= 0 for s in result.lines)):
        status = VerificationStatus.USED
        reasons.append(_("The permit has already been used for its full quantity."))
    elif permit.status == PermitStatus.EXPIRED or on_date > permit.valid_until:
        status = VerificationStatus.EXPIRED
        reasons.append(_("The permit expired on %(date)s.")
                       % {"date": date_format(permit.valid_until, "SHORT_DATE_FORMAT")})
    elif on_date < permit.valid_from:
        status = VerificationStatus.NOT_YET_VALID
        reasons.append(_("The permit is valid only from %(date)s.")
                       % {"date": date_format(permit.valid_from, "SHORT_DATE_FORMAT")})

    if items:
        result.mismatches = check_items(permit, items)
        if status == VerificationStatus.VALID and any(m.field == "quantity" for m in result.mismatches):
            status = VerificationStatus.QUANTITY_EXCEEDED
        reasons.extend(m.message for m in result.mismatches)
    if result.status == VerificationStatus.VALID:
        result.status = status
    if permit.signed_payload:
        from .signing import canonical_payload, describe_changes

        changes = describe_changes(permit.signed_payload, canonical_payload(permit))
        reasons.extend(changes)
    return result


def _convert(quantity: Decimal, unit: Unit | None, target: Unit | None) -> Decimal | None:
    """`quantity` in `unit` expressed in `target`, or None when the units cannot be compared."""
    if (unit.pk if unit else None) == (target.pk if target else None):
        return quantity
    if unit and target and unit.is_mass and target.is_mass and unit.to_base and target.to_base:
        return quantity * unit.to_base / target.to_base
    return None


def _unit_label(unit: Unit | None) -> str:
    """The unit's name for messages ("kilograms", not "KIL")."""
    return unit.name if unit else _("specimens")


def _unit_code(unit: Unit | None) -> str:
    return unit.code if unit else ""


def _score(item: Item, line: PermitLine) -> tuple:
    return (
        item.taxon.pk == line.taxon_id,
        item.term.pk == line.term_id,
        item.source is None or item.source.pk == line.source_id,
        item.purpose is None or item.purpose.pk == line.purpose_id,
    )


def check_items(permit: Permit, items: list[Item]) -> list[Mismatch]:
    """Compare items with the permit lines; every mismatch is named. Quantities add up per line."""
    lines = list(permit.lines.select_related("taxon", "term", "unit", "source", "purpose").order_by("line_no"))
    mismatches: list[Mismatch] = []
    claimed: dict[int, Decimal] = defaultdict(Decimal)
    claimed_items: dict[int, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        covering = [line for line in lines if is_within(item.taxon, line.taxon)]
        if not covering:
            listed = ", ".join(sorted({line.taxon.scientific_name for line in lines}))
            mismatches.append(
                Mismatch(
                    index,
                    "taxon",
                    _("%(taxon)s is not covered by the permit (it lists %(listed)s).")
                    % {"taxon": item.taxon.scientific_name, "listed": listed or "—"},
                    expected=listed,
                    found=item.taxon.scientific_name,
                )
            )
            continue
        line = max(covering, key=lambda candidate: _score(item, candidate))
        if item.term.pk != line.term_id:
            mismatches.append(
                Mismatch(
                    index, "term",
                    _("Line %(no)s is for %(expected)s, the item is %(found)s.")
                    % {"no": line.line_no, "expected": line.term.name, "found": item.term.name},
                    line, line.term.code, item.term.code,
                )
            )
        for name in ("source", "purpose"):
            value = getattr(item, name)
            expected = getattr(line, name)
            if value is not None and value.pk != expected.pk:
                label = _("source") if name == "source" else _("purpose")
                mismatches.append(
                    Mismatch(
                        index, name,
                        _("Line %(no)s has %(field)s %(expected)s, the item has %(found)s.")
                        % {"no": line.line_no, "field": label, "expected": expected.name, "found": value.name},
                        line, expected.code, value.code,
                    )
                )
        quantity = _convert(Decimal(item.quantity), item.unit, line.unit)
        if quantity is None:
            mismatches.append(
                Mismatch(
                    index, "unit",
                    _("Line %(no)s is in %(expected)s, the item is in %(found)s.")
                    % {"no": line.line_no, "expected": _unit_label(line.unit), "found": _unit_label(item.unit)},
                    line, _unit_code(line.unit), _unit_code(item.unit),
                )
            )
            continue
        claimed[line.pk] += quantity
        claimed_items[line.pk].append(index)
    for line in lines:
        if claimed[line.pk] > line.quantity_remaining:
            mismatches.append(
                Mismatch(
                    claimed_items[line.pk][-1], "quantity",
                    _("Line %(no)s: %(found)s %(unit)s presented, only %(remaining)s of %(total)s remain.")
                    % {
                        "no": line.line_no,
                        "found": _fmt(claimed[line.pk]),
                        "unit": _unit_label(line.unit),
                        "remaining": _fmt(line.quantity_remaining),
                        "total": _fmt(line.quantity),
                    },
                    line, _fmt(line.quantity_remaining), _fmt(claimed[line.pk]),
                )
            )
    return sorted(mismatches, key=lambda m: m.item_index)


def _fmt(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


@transaction.atomic
def use_quantity(line: PermitLine, amount: Decimal, *, reference: str, user: Any = None) -> PermitUse:
    """Take `amount` (in the line's unit) from a permit line, safely under concurrent use.

    Locks the permit and the line rows (in that order, so uses of two lines of one permit cannot
    deadlock); raises ValidationError when the permit cannot be used or too little remains.
    """
    amount = Decimal(amount)
    if amount <= 0:
        raise ValidationError(_("The quantity used must be positive."), code="invalid_quantity")
    if not (reference or "").strip():
        raise ValidationError(_("Give a reference (case, shipment or declaration number)."), code="no_reference")
    permit = Permit.objects.select_for_update().get(pk=line.permit_id)
    locked = PermitLine.objects.select_for_update().get(pk=line.pk)
    if permit.status in (PermitStatus.CANCELLED, PermitStatus.LOST_STOLEN):
        raise ValidationError(
            _("Permit %(number)s is %(status)s and cannot be used.")
            % {"number": permit.number, "status": permit.get_status_display().lower()},
            code="permit_unusable",
        )
    if amount > locked.quantity_remaining:
        raise ValidationError(
            _("Only %(remaining)s %(unit)s remain on line %(no)s of permit %(number)s; %(amount)s requested.")
            % {
                "remaining": _fmt(locked.quantity_remaining),
                "unit": _unit_label(locked.unit),
                "no": locked.line_no,
                "number": permit.number,
                "amount": _fmt(amount),
            },
            code="quantity_exceeded",
        )
    PermitLine.objects.filter(pk=locked.pk).update(quantity_used=F("quantity_used") + amount)
    use = PermitUse.objects.create(
        line=locked, quantity=amount, reference=reference.strip()[:120], used_by=user if _is_user(user) else None
    )
    if not PermitLine.objects.filter(permit=permit, quantity_used__lt=F("quantity")).exists():
        permit.status = PermitStatus.USED
        permit.save(update_fields=["status", "updated_at"])
    line.refresh_from_db(fields=["quantity_used"])
    return use


def _is_user(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False)


@transaction.atomic
def release_use(use: PermitUse, *, user: Any = None) -> PermitUse:
    """Give back a recorded use (e.g. a seizure item entered by mistake); the permit becomes valid again."""
    locked_use = PermitUse.objects.select_for_update().get(pk=use.pk)
    if locked_use.released_at:
        return locked_use
    permit = Permit.objects.select_for_update().get(pk=locked_use.line.permit_id)
    PermitLine.objects.select_for_update().filter(pk=locked_use.line_id).update(
        quantity_used=F("quantity_used") - locked_use.quantity
    )
    locked_use.released_at = timezone.now()
    locked_use.save(update_fields=["released_at"])
    if permit.status == PermitStatus.USED:
        permit.status = PermitStatus.VALID
        permit.save(update_fields=["status", "updated_at"])
    return locked_use


@transaction.atomic
def register_permit(*, lines: list[dict[str, Any]], user: Any = None, sign: bool = True, **fields: Any) -> Permit:
    """Create a permit and its lines (dicts of PermitLine fields), validate them, and sign it."""
    permit = Permit(**fields)
    if _is_user(user):
        permit.created_by = user
    permit.number_normalized = normalise_permit_number(permit.number)
    permit.full_clean()
    permit.save()
    for number, data in enumerate(lines, start=1):
        data = {"line_no": number, **data}
        line = PermitLine(permit=permit, **data)
        line.full_clean()
        line.save()
    if sign:
        from .signing import sign_permit

        sign_permit(permit)
    return permit


def _clean_loaded(instance: models.Model, exclude: tuple[str, ...] = (), cleaner: FieldCleaner | None = None) -> None:
    """`full_clean` without one existence query per foreign key (set-based writers pass loaded rows) and
    without the per-row constraint queries (uniqueness is checked for the whole file before writing).
    With a `cleaner` (one per model and import) each distinct value of a field is checked once."""
    skip = set(exclude) | {f.name for f in instance._meta.concrete_fields
                           if f.is_relation and getattr(instance, f.attname) is not None
                           and f.is_cached(instance)}
    if cleaner is not None:
        cleaner.full_clean(instance, exclude=skip)
    else:
        instance.full_clean(exclude=sorted(skip), validate_unique=False, validate_constraints=False)


@transaction.atomic
def register_permits_bulk(permits: list[tuple[dict[str, Any], list[dict[str, Any]]]], *, user: Any = None,
                          batch_size: int = 1000) -> list[Permit]:
    """Register many permits with their lines: set-based inserts (with history) and signing in bulk.

    Each entry is (`fields` of the Permit, `lines` as dicts of PermitLine fields), as `register_permit`
    takes them; the same validation runs. A ValidationError (prefixed with the permit number) writes nothing.
    """
    from .signing import canonical_payload, sign_permits_bulk

    creator = user if _is_user(user) else None
    terms = {id(line["term"]): line["term"] for _fields, lines in permits for line in lines
             if isinstance(line.get("term"), Term)}
    models.prefetch_related_objects(list(terms.values()), "allowed_units")  # the term-unit rule, no query per line
    built: list[tuple[Permit, list[PermitLine]]] = []
    permit_cleaner, line_cleaner = FieldCleaner(Permit), FieldCleaner(PermitLine)
    for fields, lines in permits:
        permit = Permit(**fields)
        permit.created_by = creator
        permit.number_normalized = normalise_permit_number(permit.number)
        try:
            _clean_loaded(permit, cleaner=permit_cleaner)
            rows = []
            for number, data in enumerate(lines, start=1):
                line = PermitLine(permit=permit, **{"line_no": number, **data})
                _clean_loaded(line, exclude=("permit",), cleaner=line_cleaner)
                rows.append(line)
        except ValidationError as exc:
            raise ValidationError([f"{permit.number}: {message}" for message in exc.messages]) from exc
        built.append((permit, rows))
    # Ids first (one query), so that the signature goes into the same COPY as the permit and its history row.
    from common.bulkcopy import copy_with_history, reserve_ids

    permits_only = [p for p, _rows in built]
    signed_on_insert = connection.vendor == "postgresql"
    if signed_on_insert:
        for permit, pk in zip(permits_only, reserve_ids(Permit._meta.db_table, len(built)), strict=True):
            permit.pk = pk
        now = timezone.now()
        for permit, rows in built:
            permit.signed_payload, permit.signed_at = canonical_payload(permit, rows), now
    user_id = creator.pk if creator is not None else None
    copy_with_history(Permit, permits_only, history_user_id=user_id)
    all_lines = []
    for permit, rows in built:
        for line in rows:
            line.permit = permit
            all_lines.append(line)
    copy_with_history(PermitLine, all_lines, history_user_id=user_id)
    if not signed_on_insert:
        sign_permits_bulk(built)
    return permits_only


def can_manage_permits(user: Any) -> bool:
    """Superusers and members of a CITES Management Authority may register, import and sign permits."""
    if not _is_user(user):
        return False
    if user.is_superuser:
        return True
    from agencies.choices import AgencyKind

    membership = getattr(user, "membership", None)
    try:
        return membership is not None and membership.agency.kind == AgencyKind.CITES_MA
    except Exception:  # noqa: BLE001 - a user without a membership row
        return False


@dataclass
class LineRequirement:
    line: PermitLine
    requirement: Any  # rules.DocumentRequirement
    warnings: list[str] = field(default_factory=list)


_DIRECTION_OF_DOCUMENT = {"import": "import", "re_export": "re_export", "intro_sea": "intro_sea"}


def requirements_for_permit(permit: Permit, on_date: datetime.date | None = None) -> list[LineRequirement]:
    """The documents each line of the permit needs, with warnings where the permit itself does not fit."""
    from .rules import required_documents

    direction = _DIRECTION_OF_DOCUMENT.get(permit.document_type, "export")
    exporter = permit.country_of_export or (permit.issuing_country if direction != "import" else None)
    importer = permit.country_of_import or (permit.issuing_country if direction == "import" else None)
    answers = []
    for line in permit.lines.select_related("taxon", "term", "source", "purpose").order_by("line_no"):
        requirement = required_documents(
            taxon=line.taxon, term=line.term, source=line.source, purpose=line.purpose, direction=direction,
            exporting_country=exporter, importing_country=importer, on_date=on_date or permit.valid_from,
        )
        warnings = []
        if requirement.refused:
            warnings.append(requirement.refusal_reason)
        accepted = set(requirement.codes) | {a.code for a in requirement.alternatives}
        if requirement.codes and permit.document_type not in accepted and permit.document_type != "national":
            warnings.append(
                _("A %(document)s is not among the CITES documents this movement needs.")
                % {"document": permit.get_document_type_display().lower()}
            )
        answers.append(LineRequirement(line, requirement, warnings))
    return answers
