"""Web middleware: the user's saved language, Permissions-Policy, and the second-factor gate.

UserLanguageMiddleware activates the language a signed-in user saved (agencies.Membership.language).

Place it after AuthenticationMiddleware (and after django.middleware.locale.LocaleMiddleware, which
handles anonymous visitors from the cookie or the browser's Accept-Language). API requests follow their
Accept-Language header, and users who never chose a language follow their browser.
"""
from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from agencies import two_factor

from .services import saved_language


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith("/api/"):
            return self.get_response(request)  # the API follows Accept-Language
        language = saved_language(getattr(request, "user", None))
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """Adds settings.PERMISSIONS_POLICY (no camera, microphone, location... for any page) to every answer."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        return response


#: Paths an administrator may open before the second factor (the two-factor pages, signing out, files).
OPEN_PREFIXES = ("/account/two-factor/", "/accounts/logout/", "/admin/logout/", "/language/", "/i18n/",
                 "/static/", "/health/", "/ready/")


class SecondFactorMiddleware:
    """Sends an administrator whose session has no second factor yet to enrolment or verification."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (two_factor.required_for(user) and not user.is_verified()
                and not request.path_info.startswith(OPEN_PREFIXES)):
            return self._refuse(request)
        return self.get_response(request)

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        name = "web:two_factor_verify" if two_factor.is_enrolled(request.user) else "web:two_factor_setup"
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": _("Confirm your sign-in with a one-time code first.")}, status=403)
        return HttpResponseRedirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
