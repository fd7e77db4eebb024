"""Sign-in lockout (django-axes): the answer to a locked-out attempt, and unlocking an account.

The rules of who may unlock are those of account management (agencies.services.can_manage).
"""
from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.utils import reset
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from . import services


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _("Too many failed sign-in attempts. Try again in %(minutes)d minutes or ask your agency "
             "administrator to unlock your account.") % {"minutes": minutes}


def locked_out_response(request: HttpRequest, original_response: HttpResponse | None = None,
                        credentials: dict[str, Any] | None = None) -> HttpResponse:
    """HTTP 429 with a translated message: JSON for the API, a page for the web and admin forms."""
    retry = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message()}, status=429)
    else:
        response = render(request, "registration/lockout.html", {"message": lockout_message()}, status=429)
    response["Retry-After"] = retry
    return response


def unlock(actor: Any, target: Any) -> int:
    """Clear the failed attempts of `target` (an account `actor` manages); the number of records removed."""
    services.require_manage(actor, target)
    return reset(username=target.get_username())


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check for every sign-in door that has a request.

    The web form, the admin and the token endpoint always pass their request, so they are checked. A
    credential check with no request at all (a management command, a test client's `login`) has no client
    address to count attempts against; it is left to the next backend instead of failing.
    """

    def authenticate(self, request: HttpRequest | None, username: str | None = None, password: str | None = None,
                     **kwargs: Any):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
