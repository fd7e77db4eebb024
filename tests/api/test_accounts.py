"""Account management through the API: agency administrators manage their own agency's accounts only."""
from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from agencies.models import Membership

pytestmark = pytest.mark.django_db

User = get_user_model()


def _usernames(response) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["username"] for row in response.json()["results"]}


def test_agency_admin_lists_own_agency_accounts_only(world):
    names = _usernames(world.client("agency_admin").get("/api/v1/users/", {"page_size": 100}))
    assert names == {"officer", "supervisor", "analyst", "agencyadmin", "recorder-own"}


@pytest.mark.parametrize("role", ["officer", "supervisor", "analyst", "kz_analyst", "no_member"])
def test_other_roles_manage_nobody(world, role):
    client = world.client(role)
    assert _usernames(client.get("/api/v1/users/")) == set()
    assert client.get(f"/api/v1/users/{world.users['officer'].pk}/").status_code == 404
    response = client.post("/api/v1/users/", {"username": "x1", "role": "officer", "password": "Very-long-pass-42"},
                           format="json")
    assert response.status_code == 403 and not User.objects.filter(username="x1").exists()


def test_system_admin_manages_every_agency(world):
    client = world.client("superuser")
    names = _usernames(client.get("/api/v1/users/", {"page_size": 100}))
    assert {"officer", "kzanalyst", "recorder-other_unshared"} <= names
    response = client.post("/api/v1/users/", {"username": "kz.new", "role": "analyst", "agency": "KZ-CUS",
                                              "password": "Very-long-pass-42"}, format="json")
    assert response.status_code == 201 and response.json()["agency"] == "KZ-CUS"


@pytest.mark.parametrize("action,body", [
    ("", None), ("set-role/", {"role": "agency_admin"}), ("set-password/", {"password": "Very-long-pass-42"}),
    ("deactivate/", {}), ("reactivate/", {}),
])
def test_agency_admin_cannot_touch_another_agencys_accounts(world, action, body):
    target = User.objects.get(username="recorder-other_unshared")
    before = (target.is_active, target.password, Membership.objects.get(user=target).role)
    client = world.client("agency_admin")
    url = f"/api/v1/users/{target.pk}/{action}"
    response = client.get(url) if body is None else client.post(url, body, format="json")
    assert response.status_code == 404
    target.refresh_from_db()
    assert (target.is_active, target.password, Membership.objects.get(user=target).role) == before


def test_agency_admin_cannot_create_in_another_agency_or_escalate(world):
    client = world.client("agency_admin")
    response = client.post("/api/v1/users/", {"username": "bgs.new", "role": "officer", "agency": "KG-BGS",
                                              "password": "Very-long-pass-42"}, format="json")
    assert response.status_code == 403 and not User.objects.filter(username="bgs.new").exists()
    response = client.post("/api/v1/users/", {"username": "cus.new", "role": "supervisor", "is_superuser": True,
                                              "is_staff": True, "password": "Very-long-pass-42"}, format="json")
    assert response.status_code == 201
    created = User.objects.get(username="cus.new")
    assert not created.is_superuser and created.is_staff  # staff follows the role, never the request
    assert created.membership.agency.code == "KG-CUS"
    officer = world.users["officer"]
    bad_role = client.post(f"/api/v1/users/{officer.pk}/set-role/", {"role": "superuser"}, format="json")
    assert bad_role.status_code == 400
    officer.refresh_from_db()
    assert not officer.is_superuser
    root = world.users["superuser"]
    assert client.post(f"/api/v1/users/{root.pk}/deactivate/").status_code == 404


def test_agency_admin_manages_own_accounts_with_an_audit_trail(world):
    client, admin = world.client("agency_admin"), world.users["agency_admin"]
    officer = world.users["officer"]
    assert client.post(f"/api/v1/users/{officer.pk}/set-role/", {"role": "supervisor"}, format="json").json()[
        "role"] == "supervisor"
    assert client.post(f"/api/v1/users/{officer.pk}/deactivate/").json()["is_active"] is False
    weak = client.post(f"/api/v1/users/{officer.pk}/set-password/", {"password": "123"}, format="json")
    assert weak.status_code == 400 and "non_field_errors" in weak.json()
    assert client.post(f"/api/v1/users/{admin.pk}/deactivate/").status_code == 403  # not oneself
    latest = User.history.filter(id=officer.pk).latest("history_date")
    assert latest.is_active is False and latest.history_user == admin
    role_change = Membership.history.filter(user_id=officer.pk).latest("history_date")
    assert role_change.role == "supervisor" and role_change.history_user == admin
