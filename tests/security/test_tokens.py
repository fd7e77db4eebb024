"""API tokens die with a password change or reset and with deactivation; expired or invalid ones answer 401."""
import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies import services
from agencies.choices import Role
from tests.factories import AgencyFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(db):
    user = make_member(AgencyFactory(code="KG-CUS"), role=Role.OFFICER, username="officer",
                       email="officer@example.org")
    user.set_password("first-pass-5678")
    user.save()
    return user


@pytest.fixture
def agency_admin(officer):
    admin = make_member(officer.membership.agency, role=Role.AGENCY_ADMIN, username="agency-admin")
    admin.is_staff = True
    admin.save()
    return admin


def me(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/me/")


def test_token_works_then_dies_with_an_administrator_password_reset(officer, agency_admin):
    token = Token.objects.create(user=officer)
    assert me(token.key).status_code == 200
    services.set_password(agency_admin, officer, "second-pass-8765")
    assert not Token.objects.filter(user=officer).exists()
    response = me(token.key)
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_token_dies_with_the_e_mail_password_reset(officer, client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    token = Token.objects.create(user=officer)
    client.post(reverse("password_reset"), {"email": officer.email})
    link = re.search(r"/accounts/reset/[^/\s]+/[^/\s]+/", mail.outbox[-1].body).group(0)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "third-pass-1357", "new_password2": "third-pass-1357"})
    officer.refresh_from_db()
    assert officer.check_password("third-pass-1357")
    assert me(token.key).status_code == 401


def test_token_dies_with_deactivation_and_does_not_come_back(officer, agency_admin):
    token = Token.objects.create(user=officer)
    services.deactivate(agency_admin, officer)
    services.reactivate(agency_admin, officer)
    assert not Token.objects.filter(key=token.key).exists()
    assert me(token.key).status_code == 401


def test_other_saves_keep_the_token(officer):
    token = Token.objects.create(user=officer)
    officer.first_name = "Bakyt"
    officer.save()
    assert me(token.key).status_code == 200


def test_expired_token_is_refused_and_deleted(officer, settings):
    settings.API_TOKEN_MAX_AGE_HOURS = 24
    token = Token.objects.create(user=officer)
    assert me(token.key).status_code == 200
    Token.objects.filter(pk=token.pk).update(created=timezone.now() - datetime.timedelta(hours=25))
    response = me(token.key)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Token")
    assert not Token.objects.filter(pk=token.pk).exists()


def test_invalid_and_missing_tokens_answer_401_with_www_authenticate():
    response = me("0" * 40)
    assert response.status_code == 401 and "WWW-Authenticate" in response
    response = APIClient().get("/api/v1/me/")
    assert response.status_code == 401 and "WWW-Authenticate" in response
