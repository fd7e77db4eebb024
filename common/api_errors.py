"""API limits and errors: an API client always gets JSON, never an HTML error page.

- A body larger than `DATA_UPLOAD_MAX_MEMORY_SIZE` answers 413 before it is read.
- JSON nested deeper than `API_MAX_JSON_DEPTH` answers 400 (the parser refuses it; Python's own
  parser would hit its recursion limit and answer 500).
- Any other error page under /api/ (404 of an unknown address, 500, 400 of Django itself) is turned
  into `{"detail": "..."}` with the same status.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

API_PREFIX = "/api/"


def json_depth_exceeded(value: Any, limit: int) -> bool:
    """True when lists/objects are nested more than `limit` levels (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class LimitedJSONParser(JSONParser):
    """DRF's JSON parser with a nesting limit, and no 500 on pathological input."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: dict | None = None) -> Any:
        limit = getattr(settings, "API_MAX_JSON_DEPTH", 20)
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(_("The JSON document is nested too deeply (at most %(limit)s levels).")
                             % {"limit": limit}) from None
        if json_depth_exceeded(data, limit):
            raise ParseError(_("The JSON document is nested too deeply (at most %(limit)s levels).")
                             % {"limit": limit})
        return data


def _too_large() -> JsonResponse:
    limit_mb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024)
    return JsonResponse({"detail": _("The request body is too large (at most %(size)s MB).")
                         % {"size": f"{limit_mb:g}"}}, status=413)


def _detail_for(status: int) -> str:
    return {
        400: _("The request could not be understood."),
        403: _("You do not have permission to perform this action."),
        404: _("Not found."),
        405: _("This method is not allowed here."),
        413: _("The request body is too large."),
    }.get(status, _("The server could not answer this request; nothing was changed by it. Try again later.")
          if status >= 500 else _("The request could not be answered."))


class ApiErrorMiddleware:
    """JSON error answers under /api/ (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            return self.get_response(request)
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return _too_large()
        response = self.get_response(request)
        content_type = response.get("Content-Type", "")
        if response.status_code >= 400 and "json" not in content_type and not response.streaming:
            replaced = JsonResponse({"detail": _detail_for(response.status_code)}, status=response.status_code)
            for header in ("WWW-Authenticate", "Allow", "Retry-After", "Vary"):
                if header in response:
                    replaced[header] = response[header]
            return replaced
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(API_PREFIX) and isinstance(exception, RequestDataTooBig):
            return _too_large()
        return None


__all__ = ["ApiErrorMiddleware", "LimitedJSONParser", "json_depth_exceeded"]
