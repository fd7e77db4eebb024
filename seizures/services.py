"""Domain functions for cases: the one place each rule lives. Views, API, admin and commands call these.

All writers take the acting `user` first, check the role rules of `seizures.permissions`, validate
with the models' own validation (`full_clean`, the same rules as the web form), write inside one
transaction, record the actor in the history (django-simple-history) and finally re-check that the
writer can still see the result: nobody creates a case in another agency or moves one out of reach.

Errors: `django.core.exceptions.PermissionDenied` when the role forbids the action,
`django.core.exceptions.ValidationError` (a dict keyed by field, nested rows as ``items.0.quantity``)
when the data are invalid. Nothing is written when either is raised.
"""
from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import Agency
from common.hygiene import clean_instance
from species.listings import ListingOnDate, listing_on
from species.listings import appendix_on as appendix_on_date

from . import access_log, permissions
from .choices import CaseStatus, SharingLevel
from .models import (
    Case,
    CaseParty,
    Company,
    Conveyance,
    CreationKey,
    CustodyTransfer,
    Person,
    ReferenceCounter,
    SeizedItem,
    format_reference,
)
from .permit_checks import link_presented_permit, sync_permit_uses
from .querysets import membership_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from species.models import Taxon

    AnyUser = AbstractBaseUser | AnonymousUser

#: Many-to-many fields of a case that `create_case` / `update_case` accept in `data`.
CASE_M2M_FIELDS = ("transit_countries", "transit_posts", "shared_with_agencies", "shared_with_countries")
#: Fields that only `change_sharing` may change after creation.
SHARING_FIELDS = frozenset({"sharing_level", "shared_with_agencies", "shared_with_countries"})
#: Fields never taken from `data` (set by the services themselves).
PROTECTED_CASE_FIELDS = frozenset({
    "id", "reference", "year", "sequence", "recorded_by", "is_voided", "void_reason", "voided_at", "voided_by",
    "created_at", "updated_at", "version",
})
_CASE_EXCLUDE_FROM_CLEAN = ["reference", "year", "sequence"]
#: The most rows one case holds (web form, API, import): beyond these a case is split, not saved whole.
MAX_ROWS_PER_CASE = {"items": 200, "parties": 50, "conveyances": 50}
#: Fields a draft may leave empty (an officer saves what is known so far); submitting requires them.
DRAFT_OPTIONAL_FIELDS = ("detection_method", "transport_mode")
#: Rows per INSERT of the set-based writer.
BULK_BATCH = 1000


# --- CITES listing on the seizure date ------------------------------------------------------------

def appendix_for(taxon: Taxon | None, day: datetime.date, origin: str | None = None) -> str:
    """The CITES appendix of `taxon` on `day` for specimens from `origin` (the strictest when unknown)."""
    if taxon is None:
        return ""
    return appendix_on_date(taxon, day, origin)


def item_origin(item: SeizedItem) -> str:
    """ISO2 code of the specimen's country of origin: the item's own when recorded, else the case's."""
    country = item.origin_country or item.case.origin_country
    return country.iso2 if country else ""


def item_listing(item: SeizedItem) -> ListingOnDate | None:
    """The full listing answer for an item (alternatives when the origin is unknown and populations differ)."""
    if not item.taxon_id:
        return None
    return listing_on(item.taxon, timezone.localtime(item.case.occurred_at).date(), item_origin(item))


def attach_listings(case: Case, items: list[SeizedItem]) -> list[SeizedItem]:
    """Set `item.listing` (the full answer, with alternatives when the origin is unknown) on each item."""
    for item in items:
        item.case = case
        item.listing = item_listing(item)
    return items


def appendix_on(item: SeizedItem) -> str:
    """The CITES appendix of the item's taxon that applied on the seizure date to the specimen's origin."""
    listing = item_listing(item)
    return listing.appendix if listing else ""


def stamp_listing(item: SeizedItem, *, force: bool = False) -> None:
    """Record on the item the appendix that applied on the seizure date (cases keep their listing)."""
    if force or not item.cites_appendix_at_seizure:
        item.cites_appendix_at_seizure = appendix_on(item)


def listing_inputs_changed(item: SeizedItem) -> bool:
    """True for a new item, or one whose taxon or own origin differs from what is stored."""
    if item.pk is None:
        return True
    stored = SeizedItem.objects.filter(pk=item.pk).values("taxon_id", "origin_country_id").first()
    return stored != {"taxon_id": item.taxon_id, "origin_country_id": item.origin_country_id}


def restamp_items(items: models.QuerySet[SeizedItem] | None = None, *, dry_run: bool = False,
                  reason: str = "") -> int:
    """Recompute the appendix at seizure of stored items; each change is saved with a history entry.

    Returns the number of items whose appendix changed.
    """
    queryset = (items if items is not None else SeizedItem.objects.all()).select_related(
        "case__origin_country", "origin_country", "taxon").order_by("pk")
    changed = 0
    answers: dict[tuple[int, datetime.date, str], str] = {}  # one listing lookup per taxon, day and origin
    for item in queryset.iterator(chunk_size=500):
        if not item.taxon_id:
            continue
        key = (item.taxon_id, timezone.localtime(item.case.occurred_at).date(), item_origin(item))
        if key not in answers:
            answers[key] = appendix_on(item)
        new = answers[key]
        if new == item.cites_appendix_at_seizure:
            continue
        changed += 1
        if not dry_run:
            item.cites_appendix_at_seizure = new
            item._change_reason = reason or "CITES appendix at seizure recomputed"
            item.save(update_fields=["cites_appendix_at_seizure"])
    return changed


# --- helpers --------------------------------------------------------------------------------------

def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _prefixed(error: ValidationError, prefix: str) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {f"{prefix}.{field}": msgs for field, msgs in error.message_dict.items()}
    return {prefix: error.messages}


def _save(instance: models.Model, user: AnyUser | None, **kwargs: Any) -> None:
    """Save with the actor recorded in the history row (also outside a request: tasks, shell)."""
    if user is not None and getattr(user, "is_authenticated", False):
        instance._history_user = user
    instance.save(**kwargs)


def _assert_still_visible(user: AnyUser | None, case: Case) -> None:
    """Roll back (by raising) when the writer could not see the case they just wrote."""
    if not Case.objects.visible_to(user).filter(pk=case.pk).exists():
        raise PermissionDenied(_("You would no longer be able to see this case; nothing was saved."))


def _split_case_data(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    plain, m2m = {}, {}
    concrete = {f.name for f in Case._meta.concrete_fields} | {
        f.attname for f in Case._meta.concrete_fields if f.is_relation
    }
    for key, value in data.items():
        if key in PROTECTED_CASE_FIELDS:
            continue
        if key in CASE_M2M_FIELDS:
            m2m[key] = list(value or [])
        elif key in concrete:
            plain[key] = value
    return plain, m2m


def _validate_case(case: Case, m2m: Mapping[str, Any], *, lookups: bool = True) -> None:
    errors: dict[str, list[str]] = {}
    try:
        if lookups:
            case.full_clean(exclude=_CASE_EXCLUDE_FROM_CLEAN, validate_unique=False)
        else:
            _clean_without_lookups(case, exclude=_CASE_EXCLUDE_FROM_CLEAN)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if case.status == CaseStatus.DRAFT:
        for name in DRAFT_OPTIONAL_FIELDS:
            if not getattr(case, name):
                errors.pop(name, None)
    if case.status == CaseStatus.CLOSED and case.pk is None:
        errors.setdefault("status", []).append(_("A new case cannot be closed; close it once it is recorded."))
    if case.post_id and case.agency_id and case.post.agency_id != case.agency_id:
        errors.setdefault("post", []).append(_("This post belongs to another agency."))
    level = case.sharing_level
    if level == SharingLevel.NAMED and not m2m.get("shared_with_agencies"):
        errors.setdefault("shared_with_agencies", []).append(_("Name at least one agency to share with."))
    if level == SharingLevel.REGIONAL and not m2m.get("shared_with_countries"):
        errors.setdefault("shared_with_countries", []).append(_("Name at least one country to share with."))
    if errors:
        raise ValidationError(errors)


def _set_m2m(case: Case, m2m: Mapping[str, Any]) -> None:
    """Set the many-to-many fields given; empty the sharing list the sharing level does not use."""
    m2m = dict(m2m)
    if case.sharing_level != SharingLevel.NAMED:
        m2m["shared_with_agencies"] = []
    if case.sharing_level != SharingLevel.REGIONAL:
        m2m["shared_with_countries"] = []
    for name, values in m2m.items():
        related = getattr(case, name)
        wanted = {getattr(v, "pk", v) for v in values}
        if wanted != set(related.values_list("pk", flat=True)):  # no empty history rows for no change
            related.set(values)


def _sync_children(
    user: AnyUser | None,
    case: Case,
    rows: Sequence[Mapping[str, Any]],
    model: type[models.Model],
    prefix: str,
    build: Any,
    *,
    date_changed: bool = False,
) -> None:
    """Create, update (rows with an "id" of this case) and delete (ids not given) the case's children."""
    existing = {obj.pk: obj for obj in model.objects.filter(case=case)}
    kept: set[int] = set()
    errors: dict[str, list[str]] = {}
    for index, row in enumerate(rows):
        row = dict(row)
        pk = row.pop("id", None)
        if pk is not None and pk not in existing:
            errors[f"{prefix}.{index}.id"] = [_("This row does not belong to the case.")]
            continue
        instance = existing.get(pk) if pk is not None else None
        try:
            obj = build(user, case, instance, row, date_changed)
        except ValidationError as exc:
            errors.update(_prefixed(exc, f"{prefix}.{index}"))
            continue
        kept.add(obj.pk)
    if errors:
        raise ValidationError(errors)
    for pk, obj in existing.items():
        if pk not in kept:
            obj._history_user = user
            obj.delete()


def _build_item(user, case, instance, row, date_changed) -> SeizedItem:
    item = instance or SeizedItem(case=case)
    old_taxon, old_origin = item.taxon_id, item.origin_country_id
    for key, value in row.items():
        setattr(item, key, value)
    item.case = case
    link_presented_permit(item)
    item.full_clean()
    stamp_listing(item, force=instance is None or old_taxon != item.taxon_id
                  or old_origin != item.origin_country_id or date_changed)
    _save(item, user)
    return item


def _resolve_party(user: AnyUser | None, case: Case, model: type[models.Model], value: Any) -> models.Model:
    """A person/company for a party: an existing one the user may see (or their agency recorded), or new."""
    if isinstance(value, model):
        allowed = model.objects.visible_to(user) | model.objects.filter(agency_id=case.agency_id)
        if value.pk is None or not allowed.filter(pk=value.pk).exists():
            raise ValidationError(_("Select a valid choice. That choice is not one of the available choices."))
        return value
    fields = dict(value or {})
    fields.pop("id", None)
    obj = model(agency=case.agency, **fields)
    obj.full_clean()
    _save(obj, user)
    return obj


def _build_party(user, case, instance, row, date_changed) -> CaseParty:
    party = instance or CaseParty(case=case)
    errors: dict[str, list[str]] = {}
    person, company = row.pop("person", None), row.pop("company", None)
    if person is not None and company is not None:
        raise ValidationError(_("Link either a person or a company."))
    try:
        if person is not None:
            party.person, party.company = _resolve_party(user, case, Person, person), None
        elif company is not None:
            party.company, party.person = _resolve_party(user, case, Company, company), None
    except ValidationError as exc:
        errors.update(_prefixed(exc, "person" if person is not None else "company"))
    if errors:
        raise ValidationError(errors)
    for key, value in row.items():
        setattr(party, key, value)
    party.case = case
    party.full_clean()
    _save(party, user)
    return party


def _build_conveyance(user, case, instance, row, date_changed) -> Conveyance:
    conveyance = instance or Conveyance(case=case)
    for key, value in row.items():
        setattr(conveyance, key, value)
    conveyance.case = case
    conveyance.full_clean()
    _save(conveyance, user)
    return conveyance


def _write_children(user, case, items, parties, conveyances, *, date_changed: bool = False,
                    new: bool = False) -> None:
    errors: dict[str, list[str]] = {}
    for prefix, rows in (("items", items), ("parties", parties), ("conveyances", conveyances)):
        if rows is not None and len(rows) > MAX_ROWS_PER_CASE[prefix]:
            errors[prefix] = [_("A case holds at most %(limit)s rows here.") % {"limit": MAX_ROWS_PER_CASE[prefix]}]
    if errors:
        raise ValidationError(errors)
    if new and not any("id" in row for rows in (items, parties, conveyances) for row in rows or ()):
        _insert_children(user, case, items or (), parties or (), conveyances or ())
        return
    for rows, model, prefix, build in (
        (items, SeizedItem, "items", _build_item),
        (parties, CaseParty, "parties", _build_party),
        (conveyances, Conveyance, "conveyances", _build_conveyance),
    ):
        if rows is None:
            if prefix == "items" and date_changed:
                for item in SeizedItem.objects.filter(case=case).select_related("taxon", "origin_country"):
                    item.case = case
                    stamp_listing(item, force=True)
                    _save(item, user, update_fields=["cites_appendix_at_seizure"])
            continue
        try:
            _sync_children(user, case, rows, model, prefix, build, date_changed=date_changed)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


def _insert_children(user: AnyUser | None, case: Case, items: Sequence[Mapping[str, Any]],
                     parties: Sequence[Mapping[str, Any]], conveyances: Sequence[Mapping[str, Any]]) -> None:
    """The children of a case created just now: the rules of `_build_item`, `_build_party` and
    `_build_conveyance`, with fewer queries (the largest case must save in under 2 s).

    Foreign keys given as loaded rows are not looked up again and the item constraints are those of the
    fields' validators (`_clean_without_lookups`); the appendix at seizure is read once per taxon and
    origin; items, new persons and parties (each with their history rows) and conveyances are inserted
    with one statement per table. The case itself was saved with `Model.save`, so its listeners know it
    changed; for the persons, `signals.cases_bulk_created` is sent as `create_cases_bulk` does.
    """
    errors: dict[str, list[str]] = {}
    terms = [row["term"] for row in items if isinstance(row.get("term"), models.Model)]
    models.prefetch_related_objects(list({id(t): t for t in terms}.values()), "allowed_units")
    appendix: dict[tuple[int | None, int | None], str] = {}
    new_items: list[SeizedItem] = []
    for index, row in enumerate(items):
        item = SeizedItem(case=case)
        for key, value in row.items():
            setattr(item, key, value)
        item.case = case
        link_presented_permit(item)
        try:
            _clean_without_lookups(item, exclude=["case"])
        except ValidationError as exc:
            errors.update(_prefixed(exc, f"items.{index}"))
            continue
        key = (item.taxon_id, item.origin_country_id)
        if key not in appendix:
            appendix[key] = appendix_on(item)
        item.cites_appendix_at_seizure = appendix[key]
        clean_instance(item)
        new_items.append(item)
    new_conveyances: list[Conveyance] = []
    for index, row in enumerate(conveyances):
        conveyance = Conveyance(case=case)
        for key, value in row.items():
            setattr(conveyance, key, value)
        conveyance.case = case
        try:
            _clean_without_lookups(conveyance, exclude=["case"])
        except ValidationError as exc:
            errors.update(_prefixed(exc, f"conveyances.{index}"))
            continue
        conveyance.prepare_for_write()
        new_conveyances.append(conveyance)
    new_persons: list[Person] = []
    new_parties: list[CaseParty] = []
    for index, row in enumerate(parties):
        row = dict(row)
        party = CaseParty(case=case)
        person, company = row.pop("person", None), row.pop("company", None)
        try:
            if person is not None and company is not None:
                raise ValidationError(_("Link either a person or a company."))
            try:
                if isinstance(person, Person) or company is not None:
                    resolved = _resolve_party(user, case, Person if company is None else Company,
                                              person if company is None else company)
                    party.person, party.company = (resolved, None) if company is None else (None, resolved)
                elif person is not None:
                    fields = {k: v for k, v in dict(person).items() if k != "id"}
                    party.person = Person(agency=case.agency, **fields)
                    _clean_without_lookups(party.person)
                    new_persons.append(party.person)
            except ValidationError as exc:
                raise ValidationError(_prefixed(exc, "person" if person is not None else "company")) from exc
            for key, value in row.items():
                setattr(party, key, value)
            party.case = case
            party.clean_fields(exclude=["case", "person", "company"])
            _party_errors(party)
            new_parties.append(party)
        except ValidationError as exc:
            errors.update(_prefixed(exc, f"parties.{index}"))
    if errors:
        raise ValidationError(errors)
    history_user = user if getattr(user, "is_authenticated", False) else None
    bulk_create_with_history(new_items, SeizedItem, batch_size=BULK_BATCH, default_user=history_user)
    Conveyance.objects.bulk_create(new_conveyances, batch_size=BULK_BATCH)
    for person in new_persons:
        person.prepare_for_write()
    bulk_create_with_history(new_persons, Person, batch_size=BULK_BATCH, default_user=history_user)
    for party in new_parties:
        party.person = party.person  # the person's id, now that it is written
        clean_instance(party)
    bulk_create_with_history(new_parties, CaseParty, batch_size=BULK_BATCH, default_user=history_user)
    from .signals import cases_bulk_created

    person_ids = sorted({party.person_id for party in new_parties if party.person_id})
    if person_ids:  # the case itself was saved with Model.save: its listeners know it already
        cases_bulk_created.send(sender=Case, case_ids=[], person_ids=person_ids)


def _party_errors(party: CaseParty) -> None:
    """`CaseParty.clean` and its constraint (a person or a company, not both) for a party whose new person is
    not written yet: checked on the objects, not their ids."""
    if (party.person is None) == (party.company is None):
        raise ValidationError({NON_FIELD_ERRORS: [_("Link either a person or a company.")]})  # as full_clean does


def _require_items(case: Case) -> None:
    """A submitted (non-draft) case records what was seized: at least one item."""
    if case.status != CaseStatus.DRAFT and not SeizedItem.objects.filter(case=case).exists():
        raise ValidationError({"items": [_("Add at least one seized item before submitting the case.")]})


# --- case writers ---------------------------------------------------------------------------------

@transaction.atomic
def create_case(
    user: AnyUser | None,
    data: Mapping[str, Any],
    *,
    items: Sequence[Mapping[str, Any]] = (),
    parties: Sequence[Mapping[str, Any]] = (),
    conveyances: Sequence[Mapping[str, Any]] = (),
    importing: bool = False,
) -> Case:
    """Record a new case with its items, parties and conveyances.

    `data` holds Case field values (model instances for foreign keys, lists for the many-to-many
    fields `transit_countries`, `transit_posts`, `shared_with_agencies`, `shared_with_countries`);
    `agency` defaults to the user's agency. Each item/party/conveyance is a dict of that model's
    fields; a party's `person` (or `company`) is an existing `Person` the user may see, or a dict
    of fields for a new one (recorded by the case's agency). With `importing`, the import rule
    (`permissions.can_import_cases`: supervisors and agency administrators) replaces the recording rule.
    """
    membership = membership_of(user)
    plain, m2m = _split_case_data(data)
    agency = plain.pop("agency", None) or (membership.agency if membership else None)
    if isinstance(agency, int):
        agency = Agency.objects.get(pk=agency)
    may_write = permissions.can_import_cases if importing else permissions.can_create_case
    _require(may_write(user), _("You may not record cases."))
    if agency is None:
        raise ValidationError({"agency": [_("Choose the agency that owns the case.")]})
    _require(may_write(user, agency.pk), _("You may not record cases for this agency."))
    case = Case(agency=agency, recorded_by=user, **plain)
    if "status" not in plain:
        case.status = CaseStatus.OPEN
    _validate_case(case, m2m)
    _save(case, user)
    _set_m2m(case, m2m)
    _write_children(user, case, items, parties, conveyances, new=True)
    _require_items(case)
    sync_permit_uses(case, user=user)
    _assert_still_visible(user, case)
    return case


class StaleCase(Exception):
    """The case changed since the writer read it (their version is older): nothing was saved."""

    def __init__(self, case: Case, expected: int) -> None:
        super().__init__(_("This case was changed by someone else meanwhile; nothing was saved."))
        self.case, self.expected = case, expected


class KeyReused(ValidationError):
    """The creation key was already used for a request with other content."""


@transaction.atomic
def create_case_once(
    user: AnyUser | None,
    key: str,
    data: Mapping[str, Any],
    *,
    fingerprint: str = "",
    **children: Any,
) -> tuple[Case, bool]:
    """`create_case`, at most once per user and key (kept `settings.CREATION_KEY_KEEP_HOURS`): answers (case, created).

    A repeat of the key answers the first case with created=False, also while the first request is
    still running (the second waits for it on a transaction lock). A repeat with another
    `fingerprint` (a digest of the request body) raises `KeyReused`.
    """
    key = key.strip()[:255]
    if not key or user is None or not getattr(user, "is_authenticated", False):
        return create_case(user, data, **children), True
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"creation-key:{user.pk}:{key}"])
    CreationKey.objects.filter(user=user, created_at__lt=_creation_keys_cutoff()).delete()
    earlier = CreationKey.objects.filter(user=user, key=key).select_related("case").first()
    if earlier is not None:
        if fingerprint and earlier.fingerprint and fingerprint != earlier.fingerprint:
            raise KeyReused(_("This key was already used for a different case; send a new key for a new case."))
        return earlier.case, False
    case = create_case(user, data, **children)
    CreationKey.objects.create(user=user, key=key, fingerprint=fingerprint, case=case)
    return case, True


def _creation_keys_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(hours=settings.CREATION_KEY_KEEP_HOURS)


def delete_expired_creation_keys(now: datetime.datetime | None = None) -> int:
    """Delete the creation keys older than `settings.CREATION_KEY_KEEP_HOURS` (their cases stay); answers how many."""
    return CreationKey.objects.filter(created_at__lt=_creation_keys_cutoff(now)).delete()[0]


@dataclass
class NewCase:
    """One case for `create_cases_bulk`: the same `data`, `items` and `parties` as `create_case` takes."""

    data: Mapping[str, Any]
    items: Sequence[Mapping[str, Any]] = ()
    parties: Sequence[Mapping[str, Any]] = ()


@dataclass
class BulkResult:
    """`cases[i]` is the case written for `NewCase` i (None when not written); `errors[i]` its field errors."""

    cases: list[Case | None]
    errors: dict[int, dict[str, list[str]]]
    person_ids: dict[int, list[int]]

    @property
    def written(self) -> list[Case]:
        return [c for c in self.cases if c is not None]


def _fk_names(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if f.is_relation]


def _clean_without_lookups(instance: models.Model, exclude: Sequence[str] = ()) -> None:
    """`full_clean` without the per-row existence query of each foreign key (the values are loaded rows)."""
    skip = set(exclude)
    for field in instance._meta.concrete_fields:
        if field.is_relation:
            value = getattr(instance, field.attname)
            related = getattr(instance, field.name, None) if value is not None else None
            if value is None or (related is not None and related.pk == value):
                skip.add(field.name)
    # Constraints are not re-run row by row (one query each): quantity > 0 is the field's validator, and the
    # bulk writer links every party to a person.
    instance.full_clean(exclude=sorted(skip), validate_unique=False, validate_constraints=False)


def _check_bulk_case(user: AnyUser | None, agency: Agency, new: NewCase) -> tuple[Case, list[SeizedItem],
                                                                                  list[tuple[Any, Any]]]:
    """The unsaved case, items and (person, party) pairs of one `NewCase`, validated as `create_case` does."""
    plain, m2m = _split_case_data(new.data)
    plain.pop("agency", None)
    case = Case(agency=agency, recorded_by=user, **plain)
    if "status" not in plain:
        case.status = CaseStatus.OPEN
    errors: dict[str, list[str]] = {}
    try:
        _validate_case(case, m2m, lookups=False)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    items: list[SeizedItem] = []
    for index, row in enumerate(new.items):
        item = SeizedItem(case=case, **{k: v for k, v in row.items() if k != "id"})
        try:
            _clean_without_lookups(item, exclude=["case"])
        except ValidationError as exc:
            errors.update(_prefixed(exc, f"items.{index}"))
        items.append(item)
    pairs: list[tuple[Any, Any]] = []
    for index, row in enumerate(new.parties):
        row = {k: v for k, v in row.items() if k not in ("id", "company")}
        person = row.pop("person", None)
        if isinstance(person, Person):
            obj = person
        else:
            obj = Person(agency=agency, **{k: v for k, v in dict(person or {}).items() if k != "id"})
            try:
                _clean_without_lookups(obj)
            except ValidationError as exc:
                errors.update(_prefixed(exc, f"parties.{index}.person"))
        pairs.append((obj, CaseParty(case=case, **row)))
    if case.status != CaseStatus.DRAFT and not items:
        errors.setdefault("items", []).append(_("Add at least one seized item before submitting the case."))
    if errors:
        raise ValidationError(errors)
    return case, items, pairs


@transaction.atomic
def create_cases_bulk(
    user: AnyUser | None,
    agency: Agency,
    cases: Sequence[NewCase],
    *,
    importing: bool = False,
    all_or_nothing: bool = True,
    change_reason: str = "",
) -> BulkResult:
    """Record many new cases of one agency with set-based inserts (imports of past seizures).

    The rules are those of `create_case` (the role rule, the models' validation, the appendix at
    seizure stamped for the seizure date, the writer must still see every case), but each table is
    written with one `bulk_create` per batch, its history with one more, the visibility check is one
    query, and `seizures.signals.cases_bulk_created` is sent once so that matching runs as one
    background task. Cases with many-to-many values (route, named or regional sharing) go through
    `create_case` one by one. With `all_or_nothing`, one invalid case means nothing is written;
    otherwise the valid cases are written and `errors` lists the others.
    """
    from .signals import cases_bulk_created

    may_write = permissions.can_import_cases if importing else permissions.can_create_case
    _require(may_write(user) and may_write(user, agency.pk), _("You may not record cases for this agency."))
    result = BulkResult(cases=[None] * len(cases), errors={}, person_ids={})
    checked: list[tuple[int, Case, list[SeizedItem], list[tuple[Any, Any]]]] = []
    one_by_one: list[int] = []
    terms = {id(row["term"]): row["term"] for new in cases for row in new.items
             if isinstance(row.get("term"), models.Model)}
    models.prefetch_related_objects(list(terms.values()), "allowed_units")  # the term-unit rule, no query per item
    for index, new in enumerate(cases):
        if any(new.data.get(name) for name in CASE_M2M_FIELDS):
            one_by_one.append(index)
            continue
        try:
            checked.append((index, *_check_bulk_case(user, agency, new)))
        except ValidationError as exc:
            result.errors[index] = exc.message_dict
    existing_persons = {obj.pk for _i, _c, _it, pairs in checked for obj, _p in pairs if obj.pk}
    if existing_persons:
        allowed = set((Person.objects.visible_to(user) | Person.objects.filter(agency=agency))
                      .filter(pk__in=existing_persons).values_list("pk", flat=True))
        for index, _case, _items, pairs in list(checked):
            if any(obj.pk and obj.pk not in allowed for obj, _p in pairs):
                result.errors[index] = {"parties": [
                    _("Select a valid choice. That choice is not one of the available choices.")]}
        checked = [row for row in checked if row[0] not in result.errors]
    if result.errors and all_or_nothing:
        return result
    history_user = user if getattr(user, "is_authenticated", False) else None
    by_year: dict[int, list[Case]] = {}
    for _index, case, _items, _pairs in checked:
        occurred = case.occurred_at
        case.year = timezone.localtime(occurred).year if timezone.is_aware(occurred) else occurred.year
        by_year.setdefault(case.year, []).append(case)
    for year, year_cases in by_year.items():
        for case, sequence in zip(year_cases, ReferenceCounter.take_many(agency, year, len(year_cases)), strict=True):
            case.sequence = sequence
            case.reference = format_reference(agency.code, year, sequence)
    bulk_create_with_history([c for _i, c, _it, _p in checked], Case, batch_size=BULK_BATCH,
                             default_user=history_user, default_change_reason=change_reason or None)
    # The listing histories of the batch's taxa and their ancestors are read once; the appendix is then
    # replayed in memory for each (taxon, seizure day, origin).
    taxa = {item.taxon_id: item.taxon for _i, _c, items, _p in checked for item in items if item.taxon_id}
    chain = ["listings"] + ["__".join(["parent"] * depth) + suffix for depth in range(1, 9)
                            for suffix in ("", "__listings")]
    models.prefetch_related_objects(list(taxa.values()), *chain)
    answers: dict[tuple[int, datetime.date, str], str] = {}
    all_items: list[SeizedItem] = []
    for _index, case, items, _pairs in checked:
        for item in items:
            item.case = case
            link_presented_permit(item)
            if item.taxon_id:
                key = (item.taxon_id, timezone.localtime(case.occurred_at).date(), item_origin(item))
                if key not in answers:
                    answers[key] = appendix_for(taxa[item.taxon_id], key[1], key[2])
                item.cites_appendix_at_seizure = answers[key]
            all_items.append(item)
    bulk_create_with_history(all_items, SeizedItem, batch_size=BULK_BATCH, default_user=history_user,
                             default_change_reason=change_reason or None)
    new_persons = [obj for _i, _c, _it, pairs in checked for obj, _p in pairs if obj.pk is None]
    for person in new_persons:
        person.prepare_for_write()
    bulk_create_with_history(new_persons, Person, batch_size=BULK_BATCH, default_user=history_user,
                             default_change_reason=change_reason or None)
    parties: list[CaseParty] = []
    for index, case, _items, pairs in checked:
        for person, party in pairs:
            party.case, party.person = case, person
            parties.append(party)
        result.person_ids[index] = [person.pk for person, _p in pairs]
        result.cases[index] = case
    bulk_create_with_history(parties, CaseParty, batch_size=BULK_BATCH, default_user=history_user,
                             default_change_reason=change_reason or None)
    with_permits = [case for _i, case, items, _p in checked if any(item.permit_id for item in items)]
    for case in with_permits:
        sync_permit_uses(case, user=user)
    for index in one_by_one:
        new = cases[index]
        try:
            with transaction.atomic():
                case = create_case(user, {**new.data, "agency": agency}, items=new.items, parties=new.parties,
                                   importing=importing)
        except ValidationError as exc:
            result.errors[index] = exc.message_dict
            if all_or_nothing:
                raise
            continue
        result.cases[index] = case
        result.person_ids[index] = list(CaseParty.objects.filter(case=case).values_list("person_id", flat=True))
    bulk_ids = [c.pk for _i, c, _it, _p in checked]
    if bulk_ids:
        if Case.objects.visible_to(user).filter(pk__in=bulk_ids).count() != len(bulk_ids):
            raise PermissionDenied(_("You would no longer be able to see this case; nothing was saved."))
        cases_bulk_created.send(
            sender=Case, case_ids=bulk_ids,
            person_ids=sorted({person.pk for _i, _c, _it, pairs in checked for person, _party in pairs}))
    return result


@transaction.atomic
def update_case(
    user: AnyUser | None,
    case: Case,
    data: Mapping[str, Any],
    *,
    items: Sequence[Mapping[str, Any]] | None = None,
    parties: Sequence[Mapping[str, Any]] | None = None,
    conveyances: Sequence[Mapping[str, Any]] | None = None,
    expected_version: int | None = None,
) -> Case:
    """Change a case (officers/supervisors of the owning agency, while not closed or voided).

    With `expected_version` (the version the writer read), a case changed since raises `StaleCase`.

    Only the keys present in `data` change. `items`, `parties`, `conveyances`: None leaves them as
    they are; a list replaces them (rows with the "id" of an existing row update it, rows without
    an id are added, rows not listed are removed). The owning agency never changes here; the
    sharing fields change only through `change_sharing` (unless the user may change sharing).
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(permissions.can_edit_case(user, case), _("You may not change this case."))
    if expected_version is not None and case.version != expected_version:
        raise StaleCase(case, expected_version)
    plain, m2m = _split_case_data(data)
    if "agency" in plain or "agency_id" in plain:
        new_agency = plain.pop("agency", None) or plain.pop("agency_id", None)
        new_agency_id = getattr(new_agency, "pk", new_agency)
        if new_agency_id is not None and new_agency_id != case.agency_id:
            raise PermissionDenied(_("The owning agency of a case cannot be changed."))
    sharing_changes = (SHARING_FIELDS & (set(plain) | set(m2m)))
    if sharing_changes and _sharing_differs(case, plain, m2m):
        _require(permissions.can_change_sharing(user, case), _("Only a supervisor may change who sees a case."))
    if plain.get("status") == CaseStatus.CLOSED and case.status != CaseStatus.CLOSED:
        raise ValidationError({"status": [_("Close the case with the close action.")]})
    old_occurred, old_status, old_origin = case.occurred_at, case.status, case.origin_country_id
    for key, value in plain.items():
        setattr(case, key, value)
    full_m2m = {name: m2m.get(name, list(getattr(case, name).all())) for name in SHARING_FIELDS - {"sharing_level"}}
    _validate_case(case, {**full_m2m, **m2m})
    _save(case, user)
    _set_m2m(case, m2m)
    # a new seizure date or case origin can change the appendix of every item: re-stamp them
    listing_inputs_changed = case.occurred_at != old_occurred or case.origin_country_id != old_origin
    _write_children(user, case, items, parties, conveyances, date_changed=listing_inputs_changed)
    if items is not None or old_status != case.status:
        _require_items(case)
    if items is not None:
        sync_permit_uses(case, user=user)
    _assert_still_visible(user, case)
    return case


def _sharing_differs(case: Case, plain: Mapping[str, Any], m2m: Mapping[str, Any]) -> bool:
    if "sharing_level" in plain and plain["sharing_level"] != case.sharing_level:
        return True
    for name in ("shared_with_agencies", "shared_with_countries"):
        if name in m2m:
            new = {getattr(v, "pk", v) for v in m2m[name]}
            if new != set(getattr(case, name).values_list("pk", flat=True)):
                return True
    return False


@transaction.atomic
def close_case(user: AnyUser | None, case: Case) -> Case:
    """Close a case (supervisors of the owning agency)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(permissions.can_close(user, case), _("You may not close this case."))
    case.status = CaseStatus.CLOSED
    _save(case, user, update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def reopen_case(user: AnyUser | None, case: Case, status: str = CaseStatus.OPEN) -> Case:
    """Reopen a closed case (supervisors of the owning agency), by default as "open"."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(permissions.can_reopen(user, case), _("You may not reopen this case."))
    if status in (CaseStatus.CLOSED, CaseStatus.DRAFT) or status not in CaseStatus.values:
        raise ValidationError({"status": [_("Choose the status the case is reopened in.")]})
    case.status = status
    _save(case, user, update_fields=["status", "updated_at"])
    return case


@transaction.atomic
def change_sharing(
    user: AnyUser | None,
    case: Case,
    level: str,
    *,
    agencies: Iterable[Agency | int] = (),
    countries: Iterable[Any] = (),
) -> Case:
    """Set who else sees a case (supervisors of the owning agency).

    `agencies` are used for the "named" level, `countries` for the "regional" level; the other
    lists are emptied.
    """
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(permissions.can_change_sharing(user, case), _("Only a supervisor may change who sees a case."))
    if level not in SharingLevel.values:
        raise ValidationError({"sharing_level": [_("Choose a valid sharing level.")]})
    agencies, countries = list(agencies), list(countries)
    m2m = {
        "shared_with_agencies": agencies if level == SharingLevel.NAMED else [],
        "shared_with_countries": countries if level == SharingLevel.REGIONAL else [],
    }
    case.sharing_level = level
    _validate_case(case, m2m)
    _save(case, user, update_fields=["sharing_level", "updated_at"])
    _set_m2m(case, m2m)
    _assert_still_visible(user, case)
    return case


@transaction.atomic
def void_case(user: AnyUser | None, case: Case, reason: str) -> Case:
    """Void a case with a reason (supervisors of the owning agency). Cases are never deleted."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    _require(permissions.can_void(user, case), _("You may not void this case."))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("A voided case needs a reason.")]})
    case.is_voided = True
    case.void_reason = reason
    case.voided_at = timezone.now()
    case.voided_by = user
    _save(case, user, update_fields=["is_voided", "void_reason", "voided_at", "voided_by", "updated_at"])
    return case


# --- audit ----------------------------------------------------------------------------------------

@transaction.atomic
def record_custody_transfer(user: AnyUser | None, case: Case, transfer: CustodyTransfer) -> CustodyTransfer:
    """Add a link to the evidence custody chain of a case (an unsaved CustodyTransfer with its fields set)."""
    _require(permissions.can_record_custody(user, case), _("You may not record custody for this case."))
    transfer.case = case
    transfer.recorded_by = user
    if transfer.item_id and transfer.item.case_id != case.pk:
        raise ValidationError({"item": [_("This item belongs to another case.")]})
    transfer.full_clean()
    _save(transfer, user)
    return transfer


# The person access log lives in seizures.access_log (one module every door calls).
client_ip = access_log.client_ip
log_person_access = access_log.log_person_access
person_access_log = access_log.entries_for
record_export_access = access_log.record_export


def case_history(user: AnyUser | None, case: Case) -> list[dict[str, Any]]:
    """The change history of a case and its items and parties, newest first, as field diffs.

    Each entry: model, object id, action (created, changed, deleted), when, user, and a list of
    changes ``{"field", "old", "new"}``. Raises PermissionDenied unless `permissions.can_view_audit`.
    """
    _require(permissions.can_view_audit(user, case), _("You may not view the history of this case."))
    return _history_entries(case)


def changes_since(user: AnyUser | None, case: Case, version: int) -> list[dict[str, Any]]:
    """What changed in a case (and its items and parties) after `version`, for the person who may edit it
    and whose save was refused as stale: entries like `case_history`, newest first."""
    _require(permissions.can_edit_case(user, case), _("You may not change this case."))
    first = Case.history.filter(id=case.pk, version__gt=version).order_by("history_date").first()
    if first is None:
        return []
    return [e for e in _history_entries(case) if e["when"] >= first.history_date]


def _history_entries(case: Case) -> list[dict[str, Any]]:
    streams = [
        ("case", Case.history.filter(id=case.pk)),
        ("item", SeizedItem.history.filter(case_id=case.pk)),
        ("party", CaseParty.history.filter(case_id=case.pk)),
    ]
    entries: list[dict[str, Any]] = []
    actions = {"+": "created", "~": "changed", "-": "deleted"}
    for label, records in streams:
        records = list(records.select_related("history_user").order_by("id", "history_date", "history_id"))
        previous: dict[int, Any] = {}
        for record in records:
            prev = previous.get(record.id)
            if prev is not None and record.history_type != "-":
                delta = record.diff_against(prev)
                changes = [{"field": c.field, "old": _plain(c.old), "new": _plain(c.new)} for c in delta.changes]
            else:
                changes = []
            previous[record.id] = record
            if record.history_type == "~" and not changes:
                continue  # a save that changed nothing tracked
            entries.append({
                "model": label,
                "object_id": record.id,
                "object": str(record.instance) if record.history_type != "-" else "",
                "action": actions.get(record.history_type, record.history_type),
                "when": record.history_date,
                "user": record.history_user.get_username() if record.history_user else "",
                "changes": changes,
            })
    entries.sort(key=lambda e: e["when"], reverse=True)
    return entries


def _plain(value: Any) -> Any:
    """JSON-friendly value; many-to-many snapshots become sorted lists of the related ids."""
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list):
        ids = []
        for row in value:
            if isinstance(row, dict):
                ids.extend(v for k, v in row.items() if k not in ("case", "history", "id", "m2m_history_id"))
            else:
                ids.append(row)
        return sorted(_plain(i) for i in ids)
    return str(value)
