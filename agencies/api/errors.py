"""JSON errors for the API: DRF's handler, plus the domain errors raised by the services modules."""
from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler


def api_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Services raise Django's ValidationError / PermissionDenied with translated messages: keep them.

    Not-found answers carry no detail about the object (a hidden row looks like a missing one).
    """
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    return exception_handler(exc, context)


class DomainErrorsMixin:
    """For API views calling services: their errors become JSON 400/403 answers with the message."""

    def get_exception_handler(self):
        return api_exception_handler
