"""Text hygiene: the one place that cleans free text typed or pasted by users before it is stored or matched.

Names, document numbers and plates arrive from phones, scanned forms and copied spreadsheet cells. They
carry invisible characters that look like nothing on screen but split a word in two for every program that
reads it: zero-width spaces and joiners (U+200B–U+200D, U+2060, U+FEFF), soft hyphens (U+00AD), the
bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) and C0/C1 control
characters. Unicode classes them as "Cf" (format) and "Cc" (control); both are removed here. Text is then
brought to Unicode normalisation form C, so that "й" typed as и + combining breve equals the precomposed
letter, and runs of whitespace (including no-break spaces) become one space.
"""
from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def strip_invisible(text: str) -> str:
    """Remove format (Cf) and control (Cc) characters except ordinary whitespace, which becomes a space."""
    out = []
    for ch in text:
        if ch in "\t\n\r\x0b\x0c":
            out.append(" ")
            continue
        if unicodedata.category(ch) in ("Cf", "Cc"):
            continue
        out.append(ch)
    return "".join(out)


def clean_text(text: str | None) -> str:
    """NFC, no invisible or control characters, single spaces, no leading or trailing space."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", strip_invisible(str(text)))
    return _SPACES.sub(" ", text).strip()


def clean_multiline(text: str | None) -> str:
    """Like `clean_text` but keeps line breaks (for notes and narratives)."""
    if not text:
        return ""
    lines = [clean_text(line) for line in str(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def clean_instance(instance: object) -> None:
    """Clean every editable text field of a model instance in place: `clean_text` for one-line
    fields (names, document numbers, plates), `clean_multiline` for text areas (notes, addresses)."""
    from django.db import models

    for field in instance._meta.concrete_fields:  # type: ignore[attr-defined]
        if not field.editable or field.choices:
            continue
        value = getattr(instance, field.attname, None)
        if not isinstance(value, str):
            continue
        if isinstance(field, models.TextField):
            setattr(instance, field.attname, clean_multiline(value))
        elif isinstance(field, models.CharField):
            setattr(instance, field.attname, clean_text(value))


class CleanTextMixin:
    """For models whose text is typed by users: text is cleaned before it is validated and before it
    is stored, whichever door it comes through (web form, API, admin, import, shell)."""

    def clean_fields(self, exclude=None) -> None:  # noqa: ANN001 - Django's signature
        clean_instance(self)
        super().clean_fields(exclude=exclude)  # type: ignore[misc]

    def save(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        clean_instance(self)
        super().save(*args, **kwargs)  # type: ignore[misc]
