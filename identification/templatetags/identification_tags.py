"""Sheet texts in the active language."""
from __future__ import annotations

from django import template
from django.utils.translation import get_language

from identification.sheets import Sheet

register = template.Library()


@register.filter
def sheet_title(sheet: Sheet) -> str:
    return sheet.title_in(get_language())


@register.filter
def section(sheet: Sheet, name: str) -> list[str]:
    return sheet.section(name, get_language())


@register.filter
def common_name(taxon) -> str:
    """The common name in the active language only (Kyrgyz never falls back to Russian)."""
    language = (get_language() or "en").split("-")[0]
    return getattr(taxon, f"common_name_{language}", "") or ""
