"""CITES listing of a taxon on a given day for a given origin, and taxonomic containment.

The listing history lives in `CitesListing` rows (one per change, as in the Checklist / Species+ history).
Rules, in order:

- A taxon's own rows decide; a taxon without rows takes the rows of its nearest ancestor that has some
  (a subspecies listed on its own wins over its species; Falco cherrug is covered by "Falconiformes spp."
  and keeps that entry's dates).
- A row without a date of entry into force counts as in force on every earlier day ("date of listing
  unknown"), never as "not listed".
- A row may cover named populations only (ONLY + countries) or all but named ones (EXCEPT + countries).
  With a known origin country only the rows covering it are replayed. With the origin unknown and the
  populations answering differently, the answer is the strictest appendix, with every alternative and
  `origin_needed` set so the officer is asked to confirm the origin.
- `Taxon.cites_appendix` (the current listing) is the fallback when no history is known.

The functions use only model attributes and related managers, so data migrations can call them with
historical models.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Appendix, ListingChange, PopulationScope, Rank
from .models import Taxon

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
STRICTNESS = [Appendix.I, Appendix.II, Appendix.III, Appendix.NOT_LISTED]
# An origin that no population listing names ("any other country").
_OTHER = "~~"


def stricter(a: str, b: str) -> str:
    """The more restrictive of two appendix codes."""
    return a if STRICTNESS.index(a or Appendix.NOT_LISTED) <= STRICTNESS.index(b or Appendix.NOT_LISTED) else b


@dataclass(frozen=True)
class PopulationAnswer:
    """One of several possible answers when the origin is unknown: the appendix and the origins giving it."""

    appendix: str
    countries: tuple[str, ...] = ()  # empty: every other origin

    def __str__(self) -> str:
        if self.countries:
            return _("%(appendix)s if from %(countries)s") % {
                "appendix": self.appendix, "countries": ", ".join(self.countries)}
        return _("otherwise %(appendix)s") % {"appendix": self.appendix}


@dataclass(frozen=True)
class ListingOnDate:
    """The listing in force on a day: appendix (I, II, III or NC), annotation and the App. III listing party.

    `date_unknown`: the listing in force has no known date of entry into force. `listed_under`: the higher
    taxon whose entry covers this one. `alternatives`/`origin_needed`: the origin is unknown and the
    populations of the taxon are listed differently; `appendix` is then the strictest of them.
    """

    appendix: str
    annotation: str = ""
    party: str = ""
    from_history: bool = False
    date_unknown: bool = False
    effective_from: datetime.date | None = None
    source: str = ""
    listed_under: str = ""
    alternatives: tuple[PopulationAnswer, ...] = field(default=())
    origin_needed: bool = False

    def summary(self) -> str:
        """Human-readable answer: "I if from BT, IN, NP, PK, otherwise II", "II (date of listing unknown)"."""
        if self.alternatives:
            return "; ".join(str(a) for a in self.alternatives)
        text = self.appendix
        if self.date_unknown and self.appendix != Appendix.NOT_LISTED:
            text += " (" + _("date of listing unknown") + ")"
        return text


def applies_to(row: Any, origin: str | None) -> bool | None:
    """Whether a listing row covers specimens from `origin` (ISO2); None when the origin is unknown."""
    scope = row.population_scope or PopulationScope.ALL
    if scope == PopulationScope.ALL:
        return True
    if not origin:
        return None
    inside = origin.upper() in (row.countries or "").upper().split()
    return inside if scope == PopulationScope.ONLY else not inside


def _ancestors(taxon: Any) -> list[Any]:
    chain: list[Any] = []
    seen = {taxon.pk}
    current = taxon.parent
    while current is not None and current.pk not in seen and len(chain) < _MAX_DEPTH:
        chain.append(current)
        seen.add(current.pk)
        current = current.parent
    return chain


def _sort_key(row: Any) -> tuple[datetime.date, bool]:
    return (row.effective_from or datetime.date.min, row.change_type != ListingChange.DELETION)


def _answer(row: Any, listed_under: str) -> ListingOnDate:
    return ListingOnDate(
        row.appendix, row.annotation, row.party, True, row.effective_from is None, row.effective_from,
        row.source, listed_under,
    )


def _replay(rows: list[Any], day: datetime.date, listed_under: str = "") -> ListingOnDate:
    """Replay listing changes (already filtered for one origin) up to `day`."""
    rows = sorted(rows, key=_sort_key)
    applied = [r for r in rows if r.effective_from is None or r.effective_from <= day]
    if not applied:
        if rows:
            # Before the first recorded change: a deletion first means the taxon was listed before it.
            first_date = rows[0].effective_from
            deleted = [r for r in rows if r.effective_from == first_date and r.change_type == ListingChange.DELETION]
            if deleted:
                answer = _answer(deleted[0], listed_under)
                return ListingOnDate(answer.appendix, answer.annotation, answer.party, True, True, None,
                                     answer.source, listed_under)
        return ListingOnDate(Appendix.NOT_LISTED, from_history=True, listed_under=listed_under)
    in_force: dict[str, Any] = {}
    for row in applied:
        if row.change_type == ListingChange.ADDITION:
            if row.appendix != Appendix.III:
                in_force.pop(Appendix.I, None)
                in_force.pop(Appendix.II, None)
            in_force[row.appendix] = row
        elif row.change_type == ListingChange.DELETION:
            in_force.pop(row.appendix, None)
    for appendix in STRICTNESS:
        if appendix in in_force:
            return _answer(in_force[appendix], listed_under)
    return ListingOnDate(Appendix.NOT_LISTED, from_history=True, listed_under=listed_under)


def _for_origin(rows: list[Any], day: datetime.date, origin: str | None, listed_under: str) -> ListingOnDate:
    if origin:
        return _replay([r for r in rows if applies_to(r, origin)], day, listed_under)
    named = sorted({c for r in rows if applies_to(r, None) is None for c in (r.countries or "").upper().split()})
    if not named:
        return _replay(rows, day, listed_under)
    answers = {code: _replay([r for r in rows if applies_to(r, code)], day, listed_under)
               for code in [*named, _OTHER]}
    appendices = {a.appendix for a in answers.values()}
    if len(appendices) == 1:
        return answers[_OTHER]
    strictest = min(appendices, key=STRICTNESS.index)
    chosen = next(a for code, a in answers.items() if a.appendix == strictest)
    other = answers[_OTHER].appendix
    alternatives = [
        PopulationAnswer(appendix, tuple(c for c in named if answers[c].appendix == appendix))
        for appendix in sorted(appendices - {other}, key=STRICTNESS.index)
    ]
    alternatives.append(PopulationAnswer(other))
    return ListingOnDate(
        strictest, chosen.annotation, chosen.party, True, chosen.date_unknown, chosen.effective_from,
        chosen.source, listed_under, tuple(alternatives), True,
    )


def listing_on(taxon: Taxon, day: datetime.date | None = None, origin: str | None = None) -> ListingOnDate:
    """The listing that applied to `taxon` on `day` (today by default) for specimens from `origin` (ISO2).

    Order of evidence: the taxon's own listing history; else the history of its nearest ancestor that has
    one, when that entry gives today the taxon's current appendix (otherwise the taxon is listed on its own
    or excluded and has no history of its own); else `Taxon.cites_appendix`.
    """
    day = day or timezone.localdate()
    origin = (origin or "").strip().upper() or None
    own = list(taxon.listings.all())
    if own:
        return _for_origin(own, day, origin, "")
    for ancestor in _ancestors(taxon):
        rows = list(ancestor.listings.all())
        if not rows:
            continue
        today = _for_origin(rows, timezone.localdate(), None, ancestor.scientific_name)
        possible = {a.appendix for a in today.alternatives} or {today.appendix}
        if (taxon.cites_appendix or Appendix.NOT_LISTED) not in possible:
            break  # listed on its own (or excluded) without a history of its own: the current listing applies
        return _for_origin(rows, day, origin, ancestor.scientific_name)
    appendix = taxon.cites_appendix or Appendix.NOT_LISTED
    since = getattr(taxon, "cites_listed_since", None)
    if appendix != Appendix.NOT_LISTED and since and day < since:
        return ListingOnDate(Appendix.NOT_LISTED)
    return ListingOnDate(appendix, taxon.cites_annotation, taxon.cites_listing_party,
                         date_unknown=appendix != Appendix.NOT_LISTED and since is None, effective_from=since)


def appendix_on(taxon: Taxon, day: datetime.date | None = None, origin: str | None = None) -> str:
    """The CITES appendix ("I", "II", "III" or "NC") that applied to `taxon` on `day` (the strictest when
    the origin is unknown and populations differ)."""
    return listing_on(taxon, day, origin).appendix


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
