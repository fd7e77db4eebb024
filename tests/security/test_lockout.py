"""Sign-in lockout (django-axes) on the web form, the admin form and the API token endpoint."""
import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agencies import lockout
from agencies.choices import Role
from tests.factories import AgencyFactory, make_member

pytestmark = pytest.mark.django_db
PASSWORD = "right-pass-4321"


@pytest.fixture
def account(db, settings):
    settings.AXES_FAILURE_LIMIT = 5
    agency = AgencyFactory(code="KG-CUS")
    user = make_member(agency, role=Role.OFFICER, username="kg-cus.officer")
    user.set_password(PASSWORD)
    user.save()
    return user


def web_sign_in(client, username, password, addr="10.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password},
                       REMOTE_ADDR=addr, HTTP_ACCEPT_LANGUAGE="ru")


def test_web_sign_in_locks_after_five_failures_even_with_the_right_password(account, client):
    for _attempt in range(4):
        assert web_sign_in(client, account.username, "wrong").status_code == 200  # form again, error shown
    assert web_sign_in(client, account.username, "wrong").status_code == 429  # the fifth failure locks
    response = web_sign_in(client, account.username, PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Слишком много неудачных попыток входа" in response.content.decode()  # translated
    assert AccessFailureLog.objects.filter(username=account.username).count() >= 5  # the audit entries


def test_lockout_is_per_account_from_other_addresses_too(account, client):
    for n in range(5):
        web_sign_in(client, account.username, "wrong", addr=f"10.0.1.{n}")
    assert web_sign_in(client, account.username, PASSWORD, addr="10.0.2.1").status_code == 429


def test_lockout_is_per_address_for_any_account(account, client):
    for n in range(5):
        web_sign_in(client, f"guess{n}", "wrong", addr="10.9.9.9")
    assert web_sign_in(client, account.username, PASSWORD, addr="10.9.9.9").status_code == 429
    assert web_sign_in(client, account.username, PASSWORD, addr="10.9.9.10").status_code == 302


def test_admin_sign_in_is_counted_and_locked(account, client):
    url = reverse("admin:login")
    for _attempt in range(5):
        client.post(url, {"username": account.username, "password": "wrong"}, REMOTE_ADDR="10.0.3.1")
    response = client.post(url, {"username": account.username, "password": PASSWORD}, REMOTE_ADDR="10.0.3.1")
    assert response.status_code == 429


def test_token_endpoint_is_locked_with_a_translated_json_answer(account, client):
    url = "/api/v1/auth/token/"
    for _attempt in range(4):
        assert client.post(url, {"username": account.username, "password": "wrong"},
                           REMOTE_ADDR="10.0.4.1").status_code in (400, 401, 403)
    client.post(url, {"username": account.username, "password": "wrong"}, REMOTE_ADDR="10.0.4.1")
    response = client.post(url, {"username": account.username, "password": PASSWORD}, REMOTE_ADDR="10.0.4.1",
                           HTTP_ACCEPT_LANGUAGE="ky")
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "token" not in response.json()
    assert "кирүү" in response.json()["detail"].lower()


def test_agency_admin_unlocks_own_agency_account_only(account, client):
    for _attempt in range(5):
        web_sign_in(client, account.username, "wrong", addr="10.0.5.1")
    assert AccessAttempt.objects.filter(username=account.username).exists()
    own_admin = make_member(account.membership.agency, role=Role.AGENCY_ADMIN, username="own-admin")
    own_admin.is_staff = True
    own_admin.save()
    stranger = make_member(AgencyFactory(code="KG-BGS"), role=Role.AGENCY_ADMIN, username="other-admin")
    stranger.is_staff = True
    stranger.save()
    with pytest.raises(PermissionDenied):
        lockout.unlock(stranger, account)
    assert AccessAttempt.objects.filter(username=account.username).exists()

    client.force_login(own_admin)
    response = client.post(reverse("admin:auth_user_changelist"),
                           {"action": "unlock_accounts", "_selected_action": [account.pk]})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=account.username).exists()
    client.logout()
    assert web_sign_in(client, account.username, PASSWORD, addr="10.0.6.1").status_code == 302
