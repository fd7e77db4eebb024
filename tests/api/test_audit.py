"""Audit trail: history rows with the acting user for API writes (token auth), diffs, the access log."""
from __future__ import annotations

import pytest

from seizures.models import Case, CaseParty, PersonAccessLog, SeizedItem

from .test_case_writes import new_case

pytestmark = pytest.mark.django_db


def test_token_writes_record_the_user_in_the_history(world):
    officer = world.users["officer"]
    response = world.client("officer").post("/api/v1/cases/", new_case(world), format="json")
    assert response.status_code == 201
    case = Case.objects.get(pk=response.json()["id"])
    created = case.history.earliest("history_date")
    assert created.history_type == "+" and created.history_user == officer
    assert SeizedItem.history.filter(case_id=case.pk, history_user=officer, history_type="+").count() == 1
    assert CaseParty.history.filter(case_id=case.pk, history_user=officer, history_type="+").count() == 1


def test_history_request_middleware_alone_records_token_users(world):
    """Without the services' explicit actor, django-simple-history takes the user from the request.

    DRF's token authentication sets the user on the underlying Django request, which the
    HistoryRequestMiddleware exposes to the history: a write in a view is attributed correctly.
    """
    from django.test import override_settings
    from django.urls import path
    from rest_framework.decorators import api_view
    from rest_framework.response import Response

    @api_view(["POST"])
    def touch(request, pk):
        case = Case.objects.get(pk=pk)
        case.description = "touched"
        case.save()
        return Response({})

    urlpatterns = [path("touch/<int:pk>/", touch)]
    module = type("urls", (), {"urlpatterns": urlpatterns})
    with override_settings(ROOT_URLCONF=module):
        assert world.client("supervisor").post(f"/touch/{world.cases['own'].pk}/").status_code == 200
    latest = Case.history.filter(id=world.cases["own"].pk).latest("history_date")
    assert latest.description == "touched" and latest.history_user == world.users["supervisor"]


def test_update_and_void_appear_as_diffs_in_the_case_history(world):
    case = world.cases["own"]
    officer, supervisor = world.client("officer"), world.client("supervisor")
    assert officer.patch(f"/api/v1/cases/{case.pk}/", {"description": "new text"}, format="json").status_code == 200
    assert supervisor.post(f"/api/v1/cases/{case.pk}/void/", {"reason": "duplicate"}, format="json").status_code == 200
    response = supervisor.get(f"/api/v1/cases/{case.pk}/history/")
    assert response.status_code == 200
    entries = response.json()
    changes = {(c["field"], str(c["old"]), str(c["new"]), e["user"]) for e in entries if e["model"] == "case"
               for c in e["changes"]}
    assert ("description", "case own", "new text", "officer") in changes
    assert ("is_voided", "False", "True", "supervisor") in changes
    assert ("void_reason", "", "duplicate", "supervisor") in changes


@pytest.mark.parametrize("role,expected", [("supervisor", 200), ("superuser", 200), ("officer", 403),
                                           ("analyst", 403), ("agency_admin", 403)])
def test_history_is_for_supervisors_of_the_owner_and_system_admins(world, role, expected):
    assert world.client(role).get(f"/api/v1/cases/{world.cases['own'].pk}/history/").status_code == expected


def test_person_access_log_records_views_and_is_shown_to_the_supervisor(world):
    person = world.persons["own"]
    world.client("officer").get(f"/api/v1/persons/{person.pk}/")
    world.client("analyst").get(f"/api/v1/persons/{person.pk}/")
    assert PersonAccessLog.objects.filter(person=person).count() == 2
    response = world.client("supervisor").get(f"/api/v1/persons/{person.pk}/access-log/")
    assert response.status_code == 200
    users = [row["user"] for row in response.json()]
    assert users[:2] == ["analyst", "officer"]  # newest first
    assert all(row["channel"] == "api" and row["agency"] == "KG-CUS" for row in response.json())
    assert world.client("officer").get(f"/api/v1/persons/{person.pk}/access-log/").status_code == 403


def test_sharing_lists_are_in_the_history(world):
    case = world.cases["own"]
    client = world.client("supervisor")
    body = {"sharing_level": "named", "agencies": ["KG-BGS", "KG-ECO"]}
    assert client.post(f"/api/v1/cases/{case.pk}/sharing/", body, format="json").status_code == 200
    entries = client.get(f"/api/v1/cases/{case.pk}/history/").json()
    changes = {c["field"]: c for e in entries for c in e["changes"]}
    assert changes["sharing_level"]["old"] == "agency" and changes["sharing_level"]["new"] == "named"
    expected = sorted([world.agencies["other"].pk, world.agencies["third"].pk])
    assert changes["shared_with_agencies"]["new"] == expected
    assert all(e["changes"] or e["action"] != "changed" for e in entries)
