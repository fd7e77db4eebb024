"""Account management: who may manage which user accounts, and how.

The rules live here as plain functions; the admin (and the web UI and API) call them.
Every violation raises ``PermissionDenied``.

- A system administrator (superuser) manages every account.
- An agency administrator (role ``agency_admin``, staff) manages the accounts of their own agency only:
  create, change role (officer, supervisor, analyst, agency administrator), reset password, deactivate.
  They never grant ``is_superuser``, groups or permissions, never see or move users of another agency.
- ``is_staff`` follows the role: supervisors and agency administrators use the admin, officers and
  analysts do not.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from .choices import Role
from .models import Agency, Membership, Post

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

#: Roles whose holders use the admin site (is_staff).
STAFF_ROLES = frozenset({Role.SUPERVISOR, Role.AGENCY_ADMIN})


def membership_of(user: AnyUser | None) -> Membership | None:
    """The membership of an active, authenticated user, or None."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def is_system_admin(user: AnyUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def staff_role(user: AnyUser | None) -> str | None:
    """The role of an active staff member whose role uses the admin (supervisor, agency admin), or None."""
    if user is None or not user.is_authenticated or not user.is_active or not user.is_staff:
        return None
    membership = membership_of(user)
    if membership is None or membership.role not in STAFF_ROLES:
        return None
    return membership.role


def is_agency_admin(user: AnyUser | None) -> bool:
    return staff_role(user) == Role.AGENCY_ADMIN


def own_agency_id(user: AnyUser | None) -> int | None:
    membership = membership_of(user)
    return membership.agency_id if membership else None


def manageable_users(actor: AnyUser | None) -> QuerySet:
    """The user accounts `actor` may see and manage."""
    users = get_user_model().objects.all()
    if is_system_admin(actor):
        return users
    if not is_agency_admin(actor):
        return users.none()
    return users.filter(membership__agency_id=own_agency_id(actor), is_superuser=False)


def can_manage(actor: AnyUser | None, target: AnyUser) -> bool:
    """Whether `actor` may manage the account `target`."""
    if is_system_admin(actor):
        return True
    return target.pk is not None and manageable_users(actor).filter(pk=target.pk).exists()


def require_manage(actor: AnyUser | None, target: AnyUser) -> None:
    if not can_manage(actor, target):
        raise PermissionDenied(_("You may not manage this user account."))


def assignable_roles(actor: AnyUser | None) -> list[str]:
    """The roles `actor` may give to the accounts they manage."""
    if is_system_admin(actor) or is_agency_admin(actor):
        return [role.value for role in Role]
    return []


def assignable_agencies(actor: AnyUser | None) -> QuerySet:
    """The agencies `actor` may put accounts in: all for system admins, their own for agency admins."""
    if is_system_admin(actor):
        return Agency.objects.all()
    if is_agency_admin(actor):
        return Agency.objects.filter(pk=own_agency_id(actor))
    return Agency.objects.none()


def assignable_posts(actor: AnyUser | None) -> QuerySet:
    """The posts `actor` may give as a usual post."""
    return Post.objects.filter(agency__in=assignable_agencies(actor))


def _check_role(actor: AnyUser | None, role: str) -> None:
    if role not in assignable_roles(actor):
        raise PermissionDenied(_("You may not assign this role."))


def _check_agency(actor: AnyUser | None, agency: Agency) -> None:
    if not assignable_agencies(actor).filter(pk=agency.pk).exists():
        raise PermissionDenied(_("You may not assign users to this agency."))


def _sync_staff(user: AnyUser, role: str) -> None:
    """Supervisors and agency administrators use the admin; others do not (superusers keep theirs)."""
    if not user.is_superuser:
        user.is_staff = role in STAFF_ROLES


@transaction.atomic
def create_agency_user(
    actor: AnyUser | None,
    username: str,
    email: str,
    role: str,
    password: str | None,
    *,
    agency: Agency | None = None,
    first_name: str = "",
    last_name: str = "",
) -> AnyUser:
    """Create an account in `agency` (an agency admin's own agency when not given) with `role`.

    With no password the account gets an unusable one (the user sets it through password reset).
    """
    if agency is None:
        agency_id = own_agency_id(actor)
        if agency_id is None:
            raise PermissionDenied(_("Choose the agency of the new user."))
        agency = Agency.objects.get(pk=agency_id)
    _check_agency(actor, agency)
    _check_role(actor, role)
    user_model = get_user_model()
    user = user_model(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        validate_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    _sync_staff(user, role)
    user.full_clean(exclude=["password"])
    user.save()
    Membership.objects.create(user=user, agency=agency, role=role)
    return user


@transaction.atomic
def set_role(actor: AnyUser | None, target: AnyUser, role: str) -> Membership:
    """Change the role of a managed account (and whether it may use the admin)."""
    require_manage(actor, target)
    _check_role(actor, role)
    if target.pk == getattr(actor, "pk", None) and role != Role.AGENCY_ADMIN and not is_system_admin(actor):
        raise PermissionDenied(_("You may not remove your own administrator role."))
    membership = Membership.objects.select_for_update().get(user=target)
    if membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    _sync_staff(target, role)
    target.save(update_fields=["is_staff"])
    return membership


@transaction.atomic
def set_agency(actor: AnyUser | None, target: AnyUser, agency: Agency) -> Membership:
    """Move an account to another agency (system administrators only, in effect)."""
    require_manage(actor, target)
    _check_agency(actor, agency)
    membership, _created = Membership.objects.get_or_create(user=target, defaults={"agency": agency})
    if membership.agency_id != agency.pk:
        membership.agency = agency
        if membership.post_id and membership.post.agency_id != agency.pk:
            membership.post = None
        membership.save(update_fields=["agency", "post"])
    return membership


def set_post(actor: AnyUser | None, target: AnyUser, post: Post | None) -> Membership:
    """Set the usual post of a managed account (a post of the account's agency)."""
    require_manage(actor, target)
    membership = Membership.objects.get(user=target)
    if post is not None and (post.agency_id != membership.agency_id
                             or not assignable_posts(actor).filter(pk=post.pk).exists()):
        raise PermissionDenied(_("This post belongs to another agency."))
    membership.post = post
    membership.save(update_fields=["post"])
    return membership


def deactivate(actor: AnyUser | None, target: AnyUser) -> None:
    """Block an account from signing in (accounts are never deleted: the audit trail refers to them)."""
    require_manage(actor, target)
    if target.pk == getattr(actor, "pk", None):
        raise PermissionDenied(_("You may not deactivate your own account."))
    target.is_active = False
    target.save(update_fields=["is_active"])


def reactivate(actor: AnyUser | None, target: AnyUser) -> None:
    require_manage(actor, target)
    target.is_active = True
    target.save(update_fields=["is_active"])


def set_password(actor: AnyUser | None, target: AnyUser, password: str) -> None:
    """Reset the password of a managed account (validated by the password validators)."""
    require_manage(actor, target)
    validate_password(password, target)
    target.set_password(password)
    target.save(update_fields=["password"])


def check_account_change(actor: AnyUser | None, target: AnyUser, changed: set[str]) -> None:
    """Refuse changes to fields an agency administrator may not touch (privileges)."""
    if is_system_admin(actor):
        return
    require_manage(actor, target)
    forbidden = changed & {"is_superuser", "is_staff", "groups", "user_permissions"}
    if forbidden:
        raise PermissionDenied(_("You may not change privileges of user accounts."))


def agency_contacts(agency: Agency | None) -> tuple[str, str, str]:
    """Whom another agency can reach about a record: (e-mail, phone, website).

    The agency's own published contacts first; where it records none, the e-mail of one of its active
    agency administrators (a real, maintained account); then the agency above it.
    """
    seen: set[int] = set()
    while agency is not None and agency.pk not in seen:
        if agency.email or agency.phone:
            return agency.email, agency.phone, agency.website
        admin_email = (
            Membership.objects.filter(agency=agency, role=Role.AGENCY_ADMIN, user__is_active=True)
            .exclude(user__email="").order_by("user_id").values_list("user__email", flat=True).first()
        )
        if admin_email:
            return admin_email, "", agency.website
        seen.add(agency.pk)
        agency = agency.parent
    return "", "", ""
