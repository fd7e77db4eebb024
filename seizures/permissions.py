"""Who may do what with cases: the role rules as plain functions.

Reading is decided by the visibility rule (`Case.objects.visible_to(user)` in `querysets.py`); the
functions here decide the *actions* on a case the user can already see. Every door (API, web pages,
admin, commands) asks these functions and nothing else.

Roles (per user, within one agency, see `agencies.choices.Role`):

- officer: creates cases for their own agency; edits cases their agency owns while they are not closed
  or voided;
- supervisor: officer rights, plus close / reopen, change the sharing level and void (with a reason);
- analyst: read only (every case of their country and what is shared with it), statistics and exports;
- agency administrator: manages the accounts of their agency (see `agencies.services`), no case writes;
- system administrator (superuser): everything.

A user without an agency membership (or inactive) may do nothing.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from agencies.choices import Role

from .querysets import membership_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from .models import Case, Person

    AnyUser = AbstractBaseUser | AnonymousUser

#: Roles that record and edit cases.
WRITER_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})
#: Roles that see statistics and may export case lists.
STATISTICS_ROLES = frozenset({Role.ANALYST, Role.SUPERVISOR})


def is_system_admin(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def role_of(user: AnyUser | None) -> str | None:
    """The role of an active member ("officer", "supervisor", "analyst", "agency_admin"), or None."""
    membership = membership_of(user)
    return membership.role if membership else None


def agency_id_of(user: AnyUser | None) -> int | None:
    membership = membership_of(user)
    return membership.agency_id if membership else None


def can_read_cases(user: AnyUser | None) -> bool:
    """Whether the user may read cases at all (a system admin or an active member of an agency)."""
    return is_system_admin(user) or membership_of(user) is not None


def can_create_case(user: AnyUser | None, agency_id: int | None = None) -> bool:
    """Officers and supervisors create cases for their own agency; system admins for any agency.

    With `agency_id` given, also checks that the case would belong to an agency the user may record for.
    """
    if is_system_admin(user):
        return True
    membership = membership_of(user)
    if membership is None or membership.role not in WRITER_ROLES:
        return False
    return agency_id is None or agency_id == membership.agency_id


#: Roles that bring in an agency's past cases from its own files (imports app).
IMPORT_ROLES = frozenset({Role.SUPERVISOR, Role.AGENCY_ADMIN})


def can_import_cases(user: AnyUser | None, agency_id: int | None = None) -> bool:
    """Supervisors and agency administrators import cases for their own agency; system admins for any."""
    if is_system_admin(user):
        return True
    membership = membership_of(user)
    if membership is None or membership.role not in IMPORT_ROLES:
        return False
    return agency_id is None or agency_id == membership.agency_id


def _owner_with_role(user: AnyUser | None, case: Case, roles: frozenset[str]) -> bool:
    membership = membership_of(user)
    return membership is not None and membership.role in roles and membership.agency_id == case.agency_id


def can_edit_case(user: AnyUser | None, case: Case) -> bool:
    """Officers and supervisors of the owning agency edit a case while it is neither closed nor voided."""
    if case.is_voided:
        return False
    if is_system_admin(user):
        return True
    return not case.is_closed and _owner_with_role(user, case, WRITER_ROLES)


def can_record_custody(user: AnyUser | None, case: Case) -> bool:
    """Officers and supervisors of the owning agency record evidence custody, also after the case is closed."""
    if case.is_voided:
        return False
    return is_system_admin(user) or _owner_with_role(user, case, WRITER_ROLES)


def can_close(user: AnyUser | None, case: Case) -> bool:
    """Supervisors of the owning agency (and system admins) close an open case."""
    if case.is_voided or case.is_closed:
        return False
    return is_system_admin(user) or _owner_with_role(user, case, frozenset({Role.SUPERVISOR}))


def can_reopen(user: AnyUser | None, case: Case) -> bool:
    """Supervisors of the owning agency (and system admins) reopen a closed case."""
    if case.is_voided or not case.is_closed:
        return False
    return is_system_admin(user) or _owner_with_role(user, case, frozenset({Role.SUPERVISOR}))


def can_change_sharing(user: AnyUser | None, case: Case) -> bool:
    """Supervisors of the owning agency (and system admins) set who else sees a case."""
    if case.is_voided:
        return False
    return is_system_admin(user) or _owner_with_role(user, case, frozenset({Role.SUPERVISOR}))


def can_void(user: AnyUser | None, case: Case) -> bool:
    """Supervisors of the owning agency (and system admins) void a case (never deleted)."""
    if case.is_voided:
        return False
    return is_system_admin(user) or _owner_with_role(user, case, frozenset({Role.SUPERVISOR}))


def can_view_audit(user: AnyUser | None, case: Case | None = None) -> bool:
    """The change history of a case (and the person access log): supervisors of the owning agency, system admins.

    With no case, whether the user may look at audit trails at all (of their own agency's cases).
    """
    if is_system_admin(user):
        return True
    if case is None:
        return role_of(user) == Role.SUPERVISOR
    return _owner_with_role(user, case, frozenset({Role.SUPERVISOR}))


def can_view_person_access_log(user: AnyUser | None, person: Person) -> bool:
    """Supervisors of the agency that recorded the person, and system admins."""
    if is_system_admin(user):
        return True
    membership = membership_of(user)
    return membership is not None and membership.role == Role.SUPERVISOR and membership.agency_id == person.agency_id


def can_view_statistics(user: AnyUser | None) -> bool:
    """Analysts and supervisors (of their visible cases) and system admins."""
    return is_system_admin(user) or role_of(user) in STATISTICS_ROLES


def can_export(user: AnyUser | None) -> bool:
    """Exports of filtered case lists: analysts, supervisors, system admins."""
    return can_view_statistics(user)


def case_actions(user: AnyUser | None, case: Case) -> dict[str, bool]:
    """All the action flags for one case, e.g. for buttons in a page or `permissions` in the API."""
    return {
        "edit": can_edit_case(user, case),
        "close": can_close(user, case),
        "reopen": can_reopen(user, case),
        "change_sharing": can_change_sharing(user, case),
        "void": can_void(user, case),
        "view_audit": can_view_audit(user, case),
    }
