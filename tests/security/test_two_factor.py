"""Two-factor sign-in for system and agency administrators, with real TOTP codes (RFC 6238) computed here
from the key the enrolment page shows."""
import base64
import hashlib
import hmac
import re
import struct
import time

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

from agencies.choices import Role
from tests.factories import AgencyFactory, make_member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("two_factor_on")]
PASSWORD = "admin-pass-9876"


@pytest.fixture
def two_factor_on():
    # django-otp also slows down guessing (1 s, 2 s, 4 s... after failures); the tests try codes back to back.
    with override_settings(OTP_REQUIRED=True, OTP_TOTP_THROTTLE_FACTOR=0, OTP_STATIC_THROTTLE_FACTOR=0):
        yield


@pytest.fixture
def agency(db):
    return AgencyFactory(code="KG-CUS")


@pytest.fixture
def agency_admin(agency):
    user = make_member(agency, role=Role.AGENCY_ADMIN, username="agency-admin", is_staff=True)
    user.set_password(PASSWORD)
    user.save()
    return user


def totp(key_text: str, step_offset: int = 0) -> str:
    """RFC 6238 with SHA-1, 30-second steps, 6 digits (what authenticator apps compute)."""
    key = base64.b32decode(key_text.replace(" ", "") + "=" * (-len(key_text.replace(" ", "")) % 8))
    counter = int(time.time()) // 30 + step_offset
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset:offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def enrol(client) -> tuple[str, list[str]]:
    page = client.get("/account/two-factor/", {"next": "/admin/"})
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "<path" in html  # the QR code, drawn on the server
    key = re.search(r"<code data-totp-key>([A-Z2-7 ]+)</code>", html).group(1)
    wrong = f"{(int(totp(key)) + 1) % 1_000_000:06d}"
    assert client.post("/account/two-factor/", {"code": wrong, "next": "/admin/"}).status_code == 400
    done = client.post("/account/two-factor/", {"code": totp(key), "next": "/admin/"})
    assert done.status_code == 200
    codes = re.findall(r"<li><code>(\d{8})</code></li>", done.content.decode())
    assert len(codes) == 10 and len(set(codes)) == 10
    return key, codes


def test_agency_admin_enrols_then_every_sign_in_needs_a_code(client, agency_admin):
    client.force_login(agency_admin)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/account/two-factor/?next=%2Fadmin%2F"
    assert client.get("/api/v1/me/").status_code == 403  # the API through the session too
    key, codes = enrol(client)
    assert client.get("/admin/").status_code == 200  # this session is confirmed
    assert 'href="/account/two-factor/"' in client.get("/").content.decode()  # renew codes from any page

    client.logout()
    client.force_login(agency_admin)  # a new sign-in with the password only
    response = client.get("/admin/auth/user/")
    assert response.status_code == 302 and response["Location"].startswith("/account/two-factor/verify/")
    assert client.post("/account/two-factor/verify/", {"code": totp(key)}).status_code == 400  # replayed code
    response = client.post("/account/two-factor/verify/", {"code": totp(key, 1), "next": "/admin/auth/user/"})
    assert response.status_code == 302 and response["Location"] == "/admin/auth/user/"
    assert client.get("/admin/auth/user/").status_code == 200


def test_recovery_codes_work_once_and_can_be_renewed(client, agency_admin):
    client.force_login(agency_admin)
    key, codes = enrol(client)
    client.logout()
    client.force_login(agency_admin)
    assert client.post("/account/two-factor/verify/", {"code": codes[0], "next": "/cases/"}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    client.force_login(agency_admin)
    assert client.post("/account/two-factor/verify/", {"code": codes[0]}).status_code == 400  # used up
    assert client.post("/account/two-factor/verify/", {"code": codes[1]}).status_code == 302
    renewed = client.post("/account/two-factor/", {"action": "codes"})
    fresh = re.findall(r"<li><code>(\d{8})</code></li>", renewed.content.decode())
    assert len(fresh) == 10 and not set(fresh) & set(codes)
    client.logout()
    client.force_login(agency_admin)
    assert client.post("/account/two-factor/verify/", {"code": codes[2]}).status_code == 400  # replaced


def test_system_administrator_needs_it_and_an_officer_does_not(client, superuser, agency):
    client.force_login(superuser)
    assert client.get("/cases/").status_code == 302
    assert client.get("/admin/").status_code == 302
    client.logout()
    client.force_login(make_member(agency, role=Role.OFFICER, username="officer"))
    assert client.get("/cases/").status_code == 200


def test_token_endpoint_asks_administrators_for_a_code(client, agency_admin):
    client.force_login(agency_admin)
    key, codes = enrol(client)
    api = APIClient()
    refused = api.post("/api/v1/auth/token/", {"username": "agency-admin", "password": PASSWORD}, format="json")
    assert refused.status_code == 401
    given = api.post("/api/v1/auth/token/", {"username": "agency-admin", "password": PASSWORD,
                                             "otp": totp(key, 1)}, format="json")
    assert given.status_code in (200, 201) and given.json()["token"]


def test_with_the_setting_off_administrators_sign_in_with_a_password(client, agency_admin):
    with override_settings(OTP_REQUIRED=False):
        client.force_login(agency_admin)
        assert client.get("/admin/").status_code == 200
