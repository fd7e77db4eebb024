"""Two-factor sign-in (TOTP, django-otp) for system administrators and agency administrators.

When settings.OTP_REQUIRED is on (the production default; off for the demo set and in development), an
administrator who has signed in with a password reaches nothing but the two-factor pages until the session
is verified with a one-time code: `web.middleware.SecondFactorMiddleware` guards every door of the session
(web pages, the Django admin, the API used with the session). The API token endpoint asks them for a code too.

Enrolment: `start_enrolment` creates an unconfirmed TOTP device (RFC 6238, 30 s, 6 digits); the user scans its
QR code (SVG made on the server) or types the key, and `confirm_enrolment` checks a first code, confirms the
device and returns ten single-use recovery codes (a static device), shown once. `verify` accepts a TOTP code
or a recovery code (which is then used up).
"""
from __future__ import annotations

import io
import secrets
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .choices import Role
from .services import membership_of

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    AnyUser = AbstractBaseUser | AnonymousUser

RECOVERY_CODES = 10
TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery codes"


def required_for(user: AnyUser | None) -> bool:
    """Whether `user` must sign in with a second factor (system and agency administrators, setting on)."""
    if not getattr(settings, "OTP_REQUIRED", False) or user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    membership = membership_of(user)
    return membership is not None and membership.role == Role.AGENCY_ADMIN


def is_enrolled(user: AnyUser) -> bool:
    return user_has_device(user, confirmed=True)


def start_enrolment(user: AnyUser) -> TOTPDevice:
    """The user's unconfirmed authenticator device (created, or the pending one reused)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)


def qr_svg(device: TOTPDevice) -> str:
    """The device's otpauth:// address as a QR code (inline SVG, made on the server)."""
    import segno

    buffer = io.BytesIO()
    segno.make(device.config_url, error="m").save(
        buffer, kind="svg", scale=4, border=4, xmldecl=False, svgns=True, omitsize=True,
    )
    return buffer.getvalue().decode()


def base32_key(device: TOTPDevice) -> str:
    """The key as authenticator apps let you type it (groups of four)."""
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i:i + 4] for i in range(0, len(key), 4))


def new_recovery_codes(user: AnyUser) -> list[str]:
    """Replace the user's recovery codes with ten new ones (each works once)."""
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(RECOVERY_CODES)]
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_NAME,
                                                              defaults={"confirmed": True})
        device.token_set.all().delete()
        StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def confirm_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm `device` if `code` is right: the session is then verified. Returns the recovery codes."""
    if device.confirmed or not device.verify_token(_clean(code)):
        return None
    with transaction.atomic():
        TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()  # one authenticator per user
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def verify(user: AnyUser, code: str) -> Any:
    """The device that accepts `code` (a TOTP code, or a recovery code, used up), else None."""
    code = _clean(code)
    return match_token(user, code) if code else None


def verify_session(request: HttpRequest, code: str) -> bool:
    device = verify(request.user, code)
    if device is None:
        return False
    otp_login(request, device)
    return True


def _clean(code: str | None) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum())


def reset(user: AnyUser) -> None:
    """Remove every device of `user` (a system administrator does this for someone who lost theirs)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
