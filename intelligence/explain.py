"""Flag explanations in words: the matcher's field keys and agreement levels, translated.

The matcher stores keys (`name`, `birth_date`) and levels (`exact`, `swapped`) in
`Flag.explanation`; pages show these labels instead. Unknown keys fall back to the key itself.
"""
from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

FIELD_LABELS: dict[str, Any] = {
    "name": _("Name"),
    "birth_date": _("Date of birth"),
    "document": _("Identity document"),
    "phone": _("Phone number"),
    "nationality": _("Nationality"),
    "patronymic": _("Patronymic"),
    # route flags
    "origin": _("Country of origin"),
    "destination": _("Country of destination"),
    "transit_countries": _("Transit countries"),
    "posts": _("Posts"),
    "taxon_group": _("Group of species"),
}
LEVEL_LABELS: dict[str, Any] = {
    "exact": _("exact match"),
    "close": _("close match"),
    "fuzzy": _("similar spelling"),
    "different": _("different"),
    "missing": _("not recorded on both"),
    "swapped": _("day and month swapped"),
    "near": _("nearly the same"),
    "same_year_other_day": _("same year, other day"),
    "other_year": _("different year"),
    "year": _("same year of birth"),
    "same": _("same"),
}
NODE_TYPE_LABELS: dict[str, Any] = {
    "person": _("Person"),
    "case": _("Case"),
    "agency": _("Record at another agency"),
    "route": _("Route"),
}


def field_label(key: str) -> str:
    return str(FIELD_LABELS.get(key, key.replace("_", " ")))


def level_label(level: str) -> str:
    return str(LEVEL_LABELS.get(level, level.replace("_", " ")))


def explanation_rows(explanation: dict) -> list[dict[str, Any]]:
    """A person flag's explanation as rows of field, agreement (words), similarity (0–1 or None), points."""
    rows = []
    for key, detail in explanation.items():
        if not isinstance(detail, dict) or "level" not in detail:
            continue
        similarity = detail.get("similarity")
        rows.append({
            "field": field_label(key), "level": level_label(str(detail["level"])),
            "similarity": similarity, "points": detail.get("points"),
            "percent": round(float(similarity) * 100) if similarity is not None else None,
        })
    return rows
