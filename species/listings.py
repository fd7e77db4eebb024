"""CITES listing of a taxon on a given day, and taxonomic containment.

The listing history lives in `CitesListing` rows (one per change, as in the Checklist / Species+ history);
`Taxon.cites_appendix` holds the current listing and is the fallback when no history is known.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from .choices import Appendix, ListingChange, Rank
from .models import CitesListing, Taxon

_MAX_DEPTH = 32
# Denormalised column holding the name of an ancestor of each rank.
_RANK_COLUMN = {
    Rank.KINGDOM: "kingdom",
    Rank.PHYLUM: "phylum",
    Rank.CLASS: "class_name",
    Rank.ORDER: "order",
    Rank.FAMILY: "family",
    Rank.GENUS: "genus",
}
# Most restrictive first.
_STRICTNESS = [Appendix.I, Appendix.II, Appendix.III, Appendix.NOT_LISTED]


@dataclass(frozen=True)
class ListingOnDate:
    """The listing in force on a day: appendix (I, II, III or NC), annotation and the App. III listing party."""

    appendix: str
    annotation: str = ""
    party: str = ""
    from_history: bool = False


def _ancestors(taxon: Taxon) -> list[Taxon]:
    chain: list[Taxon] = []
    seen = {taxon.pk}
    current = taxon.parent
    while current is not None and current.pk not in seen and len(chain) < _MAX_DEPTH:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def _replay(rows: list[CitesListing], day: datetime.date) -> ListingOnDate | None:
    """Replay listing changes up to `day`; None when the rows say nothing about that day."""
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: (r.effective_from, r.change_type != ListingChange.DELETION))
    applied = [r for r in rows if r.effective_from <= day]
    if not applied:
        # Before the first recorded change: a deletion first means the taxon was listed before it.
        first_date = rows[0].effective_from
        deleted = [r for r in rows if r.effective_from == first_date and r.change_type == ListingChange.DELETION]
        if deleted:
            return ListingOnDate(deleted[0].appendix, deleted[0].annotation, deleted[0].party, True)
        return ListingOnDate(Appendix.NOT_LISTED, from_history=True)
    in_force: dict[str, CitesListing] = {}
    for row in applied:
        if row.change_type == ListingChange.ADDITION:
            if row.appendix != Appendix.III:
                in_force.pop(Appendix.I, None)
                in_force.pop(Appendix.II, None)
            in_force[row.appendix] = row
        elif row.change_type == ListingChange.DELETION:
            in_force.pop(row.appendix, None)
    for appendix in _STRICTNESS:
        if appendix in in_force:
            row = in_force[appendix]
            return ListingOnDate(appendix, row.annotation, row.party, True)
    return ListingOnDate(Appendix.NOT_LISTED, from_history=True)


def listing_on(taxon: Taxon, day: datetime.date | None = None) -> ListingOnDate:
    """The listing that applied to `taxon` on `day` (today by default).

    Order of evidence: the taxon's own listing history; else the history of its nearest listed ancestor
    (a listing of a genus or an order covers its species) when that agrees with the taxon's current
    appendix today; else `Taxon.cites_appendix`.
    """
    day = day or timezone.localdate()
    current = ListingOnDate(taxon.cites_appendix or Appendix.NOT_LISTED, taxon.cites_annotation,
                            taxon.cites_listing_party)
    own = _replay(list(taxon.listings.all()), day)
    if own is not None:
        return own
    for ancestor in _ancestors(taxon):
        rows = list(CitesListing.objects.filter(taxon=ancestor))
        if not rows:
            continue
        today = _replay(rows, timezone.localdate())
        if today is not None and today.appendix == current.appendix:
            return _replay(rows, day) or current
        break
    return current


def appendix_on(taxon: Taxon, day: datetime.date | None = None) -> str:
    """The CITES appendix ("I", "II", "III" or "NC") that applied to `taxon` on `day`."""
    return listing_on(taxon, day).appendix


def is_within(taxon: Taxon, higher_taxon: Taxon) -> bool:
    """Whether `taxon` is `higher_taxon` or lies below it (parent chain, then the denormalised columns)."""
    if taxon.pk == higher_taxon.pk:
        return True
    if any(a.pk == higher_taxon.pk for a in _ancestors(taxon)):
        return True
    column = _RANK_COLUMN.get(higher_taxon.rank)
    if column:
        value = getattr(taxon, column, "") or ""
        return value.casefold() == higher_taxon.scientific_name.casefold()
    if higher_taxon.rank == Rank.SPECIES:
        return taxon.scientific_name.casefold().startswith(higher_taxon.scientific_name.casefold() + " ")
    return False
