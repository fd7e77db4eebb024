"""A signed-in request reads its user, membership and agency in one query (agencies.backends)."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.choices import Role
from tests.factories import AgencyFactory, CaseFactory, UserFactory, make_member

pytestmark = pytest.mark.django_db


def _tables_read_alone(queries) -> list[str]:
    """The first table of every query that reads the membership or agency without the user."""
    return [q["sql"] for q in queries
            if q["sql"].startswith('SELECT "agencies_membership"') or q["sql"].startswith('SELECT "agencies_agency"')]


@pytest.fixture
def officer():
    return make_member(AgencyFactory(code="KG-CUS"), role=Role.OFFICER, username="officer")


def test_a_session_reads_the_membership_and_agency_with_the_user(client, officer):
    case = CaseFactory(agency=officer.membership.agency, recorded_by=officer)
    client.force_login(officer)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/api/v1/cases/{case.pk}/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["reference"] == case.reference
    user_reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith('SELECT "auth_user"')]
    assert len(user_reads) == 1 and "agencies_membership" in user_reads[0] and "agencies_agency" in user_reads[0]
    assert _tables_read_alone(captured.captured_queries) == []


def test_a_token_reads_the_membership_and_agency_with_the_user(officer):
    case = CaseFactory(agency=officer.membership.agency, recorded_by=officer)
    token = Token.objects.create(user=officer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    with CaptureQueriesContext(connection) as captured:
        response = api.get(f"/api/v1/cases/{case.pk}/")
    assert response.status_code == 200 and response.json()["reference"] == case.reference
    token_reads = [q["sql"] for q in captured.captured_queries if "authtoken_token" in q["sql"].split("WHERE")[0]]
    assert len(token_reads) == 1 and "agencies_membership" in token_reads[0]
    assert _tables_read_alone(captured.captured_queries) == []


def test_users_without_a_membership_or_inactive_are_handled_as_before(client, officer):
    case = CaseFactory(agency=officer.membership.agency, recorded_by=officer)
    lone = UserFactory(username="no-agency")
    client.force_login(lone)
    assert client.get(f"/api/v1/cases/{case.pk}/", HTTP_ACCEPT="application/json").status_code in (403, 404)
    client.force_login(officer)
    officer.is_active = False
    officer.save()
    assert client.get(f"/api/v1/cases/{case.pk}/", HTTP_ACCEPT="application/json").status_code in (401, 403)
    token = Token.objects.create(user=UserFactory(username="inactive", is_active=False))
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get("/api/v1/me/").status_code == 401
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/me/").status_code == 401
