"""Form fields shared by every app that asks for a country: one type-ahead everywhere.

A short text box for the ISO code, completed from one <datalist> of all countries on the page
(`{% load countries %}{% country_datalist %}`); "KG" and "KG — Kyrgyzstan" are both accepted.
"""
from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Country

COUNTRY_LIST_ID = "countries-list"


class CountryCodeInput(forms.TextInput):
    """A short text box for an ISO country code, completed from one shared <datalist> on the page."""

    def __init__(self, attrs: dict | None = None) -> None:
        base = {"list": COUNTRY_LIST_ID, "autocomplete": "off", "maxlength": "60", "size": "6"}
        super().__init__({**base, **(attrs or {})})


class CountryField(forms.ModelChoiceField):
    """A country given by its ISO alpha-2 code ("KG") or chosen from the list ("KG — Kyrgyzstan")."""

    widget = CountryCodeInput

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("queryset", Country.objects.all())
        kwargs.setdefault("to_field_name", "iso2")
        kwargs.setdefault("help_text", _("Two-letter code, e.g. KG, CN, KZ."))
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.split("—")[0].strip().upper()
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, Country):
            return value.iso2
        if isinstance(value, int):
            country = Country.objects.filter(pk=value).only("iso2").first()
            return country.iso2 if country else value
        return super().prepare_value(value)
