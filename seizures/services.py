"""Domain functions for cases: the one place each rule lives. Views, API, admin, commands call these."""
from __future__ import annotations

from django.utils import timezone

from .models import SeizedItem


def appendix_on(item: SeizedItem) -> str:
    """The CITES appendix of the item's taxon that applied on the seizure date."""
    if not item.taxon_id:
        return ""
    day = timezone.localtime(item.case.occurred_at).date()
    listing = (
        item.taxon.listings.filter(effective_from__lte=day).order_by("-effective_from").first()
        if item.taxon.listings.exists()
        else None
    )
    return listing.appendix if listing else item.taxon.cites_appendix


def stamp_listing(item: SeizedItem) -> None:
    """Record on the item the appendix that applied on the seizure date (cases keep their listing)."""
    if not item.cites_appendix_at_seizure:
        item.cites_appendix_at_seizure = appendix_on(item)
