"""Agency administrators manage the accounts of their own agency only (admin and agencies.services)."""
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies import services
from agencies.choices import Role
from agencies.models import Membership

pytestmark = pytest.mark.django_db
User = get_user_model()
NEW_PASSWORD = "Kestrel-Wing-2026"


def user_url(user, view: str = "change") -> str:
    return reverse(f"admin:auth_user_{'password_change' if view == 'password' else view}", args=[user.pk])


def change_data(user, **overrides) -> dict:
    """The POST data of the user change page as an agency administrator sees it."""
    membership = user.membership
    data = {
        "username": user.username, "first_name": user.first_name, "last_name": user.last_name,
        "email": user.email, "is_active": "on",
        "membership-TOTAL_FORMS": "1", "membership-INITIAL_FORMS": "1",
        "membership-MIN_NUM_FORMS": "0", "membership-MAX_NUM_FORMS": "1",
        "membership-0-id": str(membership.pk), "membership-0-user": str(user.pk),
        "membership-0-role": membership.role, "membership-0-post": "",
        "membership-0-language": membership.language,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def test_agency_admin_sees_only_own_agency_users(world, superuser, login):
    client = login(world.agency_admin)
    response = client.get(reverse("admin:auth_user_changelist"))
    assert response.status_code == 200
    shown = set(response.context["cl"].result_list)
    assert {world.supervisor, world.agency_admin, world.officer} <= shown
    assert all(user.membership.agency_id == world.own.pk for user in shown)
    assert world.other_officer not in shown and world.other_admin not in shown and superuser not in shown


def test_agency_admin_cannot_open_another_agencys_user(world, login):
    client = login(world.agency_admin)
    response = client.get(user_url(world.other_officer))
    assert response.status_code in (302, 404)
    assert client.get(user_url(world.other_officer, "password")).status_code == 404
    assert client.post(user_url(world.other_officer, "password"),
                       {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}).status_code == 404
    assert client.get(reverse("admin:auth_user_history", args=[world.other_officer.pk])).status_code == 404


def test_agency_admin_creates_user_in_own_agency_even_when_posting_another(world, login):
    client = login(world.agency_admin)
    response = client.post(reverse("admin:auth_user_add"), {
        "username": "new_supervisor", "email": "new@example.org", "role": Role.SUPERVISOR,
        "password1": NEW_PASSWORD, "password2": NEW_PASSWORD,
        "is_superuser": "on", "agency": str(world.other.pk), "membership-0-agency": str(world.other.pk),
    })
    assert response.status_code == 302
    user = User.objects.get(username="new_supervisor")
    assert user.membership.agency == world.own
    assert user.membership.role == Role.SUPERVISOR
    assert user.is_staff and not user.is_superuser
    assert user.check_password(NEW_PASSWORD)


def test_agency_admin_changes_role_but_never_privileges_or_agency(world, login):
    client = login(world.agency_admin)
    officer = world.officer
    response = client.post(user_url(officer), change_data(
        officer, **{"membership-0-role": Role.ANALYST, "membership-0-agency": str(world.other.pk),
                    "is_superuser": "on", "is_staff": "on"}))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.membership.role == Role.ANALYST
    assert officer.membership.agency == world.own
    assert not officer.is_superuser and not officer.is_staff


def test_direct_post_to_another_agencys_user_is_rejected(world, login):
    client = login(world.agency_admin)
    target = world.other_officer
    response = client.post(user_url(target), change_data(target, **{"membership-0-role": Role.AGENCY_ADMIN}))
    assert response.status_code in (302, 403, 404)
    target.refresh_from_db()
    assert target.membership.role == Role.OFFICER and target.membership.agency == world.other


def test_agency_admin_resets_password_and_deactivates(world, login):
    client = login(world.agency_admin)
    officer = world.officer
    response = client.post(user_url(officer, "password"),
                           {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password(NEW_PASSWORD)

    response = client.post(reverse("admin:auth_user_changelist"), {
        "action": "deactivate_accounts", "_selected_action": [officer.pk, world.other_officer.pk],
    })
    assert response.status_code == 302
    officer.refresh_from_db()
    world.other_officer.refresh_from_db()
    assert not officer.is_active
    assert world.other_officer.is_active  # outside the admin's queryset


def test_agency_admin_cannot_delete_or_manage_groups(world, login):
    client = login(world.agency_admin)
    assert client.post(user_url(world.officer, "delete"), {"post": "yes"}).status_code == 403
    assert User.objects.filter(pk=world.officer.pk).exists()
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_membership_admin_is_read_only_and_scoped_for_agency_admins(world, login):
    client = login(world.agency_admin)
    response = client.get(reverse("admin:agencies_membership_changelist"))
    shown = {m.user for m in response.context["cl"].result_list}
    assert world.officer in shown and all(m.agency_id == world.own.pk for m in response.context["cl"].result_list)
    own = world.officer.membership
    url = reverse("admin:agencies_membership_change", args=[own.pk])
    assert client.post(url, {"user": own.user_id, "agency": world.other.pk, "role": Role.AGENCY_ADMIN,
                             "language": "ru"}).status_code == 403
    own.refresh_from_db()
    assert own.agency == world.own


def test_supervisor_does_not_manage_accounts(world, login):
    client = login(world.supervisor)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


# --- the rules themselves -----------------------------------------------------------------------------


def test_manageable_users_and_can_manage(world, superuser):
    manageable = set(services.manageable_users(world.agency_admin))
    assert {world.supervisor, world.agency_admin, world.officer} <= manageable
    assert all(user.membership.agency_id == world.own.pk for user in manageable)
    assert services.can_manage(world.agency_admin, world.officer)
    assert not services.can_manage(world.agency_admin, world.other_officer)
    assert not services.can_manage(world.agency_admin, superuser)
    assert not services.manageable_users(world.supervisor).exists()
    assert services.can_manage(superuser, world.other_officer)


def test_assignable_roles():
    from django.contrib.auth.models import AnonymousUser

    assert services.assignable_roles(AnonymousUser()) == []


def test_assignable_roles_by_role(world):
    assert set(services.assignable_roles(world.agency_admin)) == {r.value for r in Role}
    assert services.assignable_roles(world.supervisor) == []
    assert services.assignable_roles(world.officer) == []


def test_create_agency_user_rules(world, superuser):
    with pytest.raises(PermissionDenied):
        services.create_agency_user(world.agency_admin, "x1", "x1@example.org", Role.OFFICER, NEW_PASSWORD,
                                    agency=world.other)
    with pytest.raises(PermissionDenied):
        services.create_agency_user(world.supervisor, "x2", "x2@example.org", Role.OFFICER, NEW_PASSWORD)
    user = services.create_agency_user(world.agency_admin, "x3", "x3@example.org", Role.ANALYST, None)
    assert user.membership.agency == world.own and not user.is_staff and not user.has_usable_password()
    user = services.create_agency_user(superuser, "x4", "x4@example.org", Role.AGENCY_ADMIN, NEW_PASSWORD,
                                       agency=world.other)
    assert user.membership.agency == world.other and user.is_staff


def test_set_role_deactivate_and_privileges(world):
    services.set_role(world.agency_admin, world.officer, Role.SUPERVISOR)
    world.officer.refresh_from_db()
    assert world.officer.membership.role == Role.SUPERVISOR and world.officer.is_staff
    with pytest.raises(PermissionDenied):
        services.set_role(world.agency_admin, world.other_officer, Role.SUPERVISOR)
    with pytest.raises(PermissionDenied):
        services.set_role(world.agency_admin, world.agency_admin, Role.OFFICER)
    with pytest.raises(PermissionDenied):
        services.deactivate(world.agency_admin, world.agency_admin)
    with pytest.raises(PermissionDenied):
        services.deactivate(world.agency_admin, world.other_officer)
    with pytest.raises(PermissionDenied):
        services.check_account_change(world.agency_admin, world.officer, {"is_superuser"})
    with pytest.raises(PermissionDenied):
        services.set_agency(world.agency_admin, world.officer, world.other)
    assert Membership.objects.get(user=world.officer).agency == world.own


def test_agency_admin_forms_offer_no_privilege_or_agency_fields(world, login):
    client = login(world.agency_admin, "ky")
    add = client.get(reverse("admin:auth_user_add")).content.decode()
    assert 'name="role"' in add and 'name="password1"' in add
    change = client.get(user_url(world.officer)).content.decode()
    assert 'name="membership-0-role"' in change
    for forbidden in ('name="is_superuser"', 'name="groups"', 'name="user_permissions"', 'name="is_staff"',
                      'name="membership-0-agency"'):
        assert forbidden not in add and forbidden not in change
