"""Template helpers of the web interface: links to other apps' pages that may not exist yet, role checks."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms, template
from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

PERMIT_CHECK_URL_NAMES = ("permits:check", "permits:permit_check", "permits:verify")


@register.simple_tag
def permit_check_url() -> str:
    """The permit-check page of the permits app, or "" until it exists."""
    for name in PERMIT_CHECK_URL_NAMES:
        try:
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


@register.simple_tag
def optional_url(name: str) -> str:
    """The address of a named page of another app, or "" while that page does not exist."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


@register.simple_tag
def is_agency_admin(user) -> bool:
    """Agency administrators (and system administrators) manage accounts in the admin."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    from agencies.services import is_agency_admin as agency_admin

    return agency_admin(user)


@register.filter
def appendix_badge(appendix: str) -> str:
    """CSS class for a CITES appendix badge."""
    return f"app-{appendix}" if appendix in {"I", "II", "III"} else ""


@register.filter
def quantity(value) -> str:
    """A quantity without trailing zeros, in the language's number format (1.500 → "1,5" in Russian)."""
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value)).normalize()
    except InvalidOperation:
        return str(value)
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    return formats.number_format(number, use_l10n=True)


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs) -> str:
    """The current query string with some parameters replaced (pagination, sorting)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag
def can_record_cases(user) -> bool:
    """Whether the menu offers "New seizure": only roles that may record cases (seizures.permissions)."""
    from seizures.permissions import can_create_case

    return can_create_case(user)


@register.filter
def measures(item) -> str:
    """An item's quantity and optional second measure with unit names: "2 specimens · 4,5 kilograms"."""
    parts = []
    for amount, unit in item.measures():
        parts.append(f"{quantity(amount)} {unit.name if unit is not None else _('specimens')}")
    return " · ".join(parts)


@register.simple_tag
def validation_messages() -> str:
    """The messages the forms show when checked in the browser, in the page's language (Django's own texts,
    so that the browser's bubbles, in the browser's language, are never shown)."""
    from django.core import validators
    from django.utils.html import json_script

    messages = {
        "required": forms.Field.default_error_messages["required"],
        "number": forms.DecimalField.default_error_messages["invalid"],
        "date": forms.DateField.default_error_messages["invalid"],
        "email": validators.EmailValidator.message,
        "invalid": validators.RegexValidator.message,
        "min": validators.MinValueValidator.message,
        "max": validators.MaxValueValidator.message,
    }
    return json_script({key: str(text) for key, text in messages.items()}, "validation-messages")


@register.simple_tag
def permit_links(user) -> list[tuple[str, str]]:
    """Permit pages for the menu, by role: field roles verify (number, QR code), analysts read the permit pages,
    everyone who works with cases gets the required-documents guide. Agency administrators get none."""
    from django.utils.translation import gettext as _

    from agencies.choices import Role

    if user is None or not user.is_authenticated:
        return []
    role = getattr(getattr(user, "membership", None), "role", None)
    if role == Role.AGENCY_ADMIN and not user.is_superuser:
        return []
    links = []
    if user.is_superuser or role in (Role.OFFICER, Role.SUPERVISOR):
        links += [("permits:check", _("Permit check")), ("permits:verify", _("Verify QR code"))]
    links += [("permits:index", _("CITES permits")), ("permits:documents", _("Required documents"))]
    return [(reverse(name), label) for name, label in links]
