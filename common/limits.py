"""Hard limits on free text, shared by every door (API, web forms, admin, imports).

One-line fields are `CharField`s and carry their own `max_length`. Text areas (notes, descriptions,
addresses, reasons) use `LimitedTextField`: a `TextField` with a `max_length` (`TEXT_MAX_LENGTH` unless a
field gives another) that is also checked by the model's own validation (`full_clean`), so web forms show
the form error, the API answers 400 naming the field (`common.serializers`), and the OpenAPI schema
declares `maxLength`.
"""
from __future__ import annotations

from typing import Any

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

#: Longest note, description, address or reason (characters); a page and a half of typed text.
TEXT_MAX_LENGTH = 4000

MAX_LENGTH_MESSAGE = _("At most %(limit_value)d characters are allowed here (this text has %(show_value)d).")


class LimitedMaxLengthValidator(MaxLengthValidator):
    message = MAX_LENGTH_MESSAGE


class LimitedTextField(models.TextField):
    """A text area with a maximum length that the model validation enforces (a plain `TextField` only
    passes `max_length` on to its form widget)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        super().__init__(*args, **kwargs)

    @property
    def validators(self) -> list[Any]:  # type: ignore[override]
        return [*super().validators, LimitedMaxLengthValidator(self.max_length)]
