"""Activate the language a signed-in user saved (agencies.Membership.language) on every request.

Place it after AuthenticationMiddleware (and after django.middleware.locale.LocaleMiddleware, which
handles anonymous visitors from the cookie or the browser's Accept-Language). API requests follow their
Accept-Language header, and users who never chose a language follow their browser.
"""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

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
