"""What the case list shows of a case's items: its species and its quantities, one total per unit."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .models import Case

#: Species names shown in a list row before "and N more".
SPECIES_SHOWN = 3


@dataclass
class ItemsSummary:
    species: list[str] = field(default_factory=list)
    more_species: int = 0
    quantities: list[tuple[Decimal, str]] = field(default_factory=list)


def case_items_summary(case: Case) -> ItemsSummary:
    """Distinct species (scientific names; unidentified items by their description) and per-unit totals.

    Uses the prefetched `items` (with taxon and unit) when there; quantities of different units are
    never added together ("" unit = specimens).
    """
    names: list[str] = []
    totals: dict[str, Decimal] = {}
    unit_names: dict[str, str] = {}
    for item in case.items.all():
        name = item.taxon.scientific_name if item.taxon_id else (item.unidentified_description or _("unidentified"))
        if name not in names:
            names.append(name)
        code = item.unit.code if item.unit_id else ""
        unit_names[code] = str(item.unit.name) if item.unit_id else _("specimens")
        totals[code] = totals.get(code, Decimal(0)) + (item.quantity or Decimal(0))
    return ItemsSummary(
        species=names[:SPECIES_SHOWN], more_species=max(len(names) - SPECIES_SHOWN, 0),
        quantities=[(totals[c], unit_names[c]) for c in sorted(totals)],
    )
