"""Permits in the demo set: a few items come with a permit number that is not on record, as when a
courier shows a forged or someone else's document. The permits register itself is left empty."""
from __future__ import annotations

import random

from seizures.models import Case, SeizedItem

UNRECORDED_PERMIT_SHARE = 0.06


def unrecorded_permit(item: SeizedItem, case: Case, rng: random.Random) -> None:
    """Now and then, note on the item a permit number as presented that no permit of the register matches."""
    if rng.random() < UNRECORDED_PERMIT_SHARE:
        item.permit_number_as_written = f"KG {case.occurred_at.year - 1}/{rng.randint(10, 999):04d}"
        item.notes = (item.notes + " " if item.notes else "") + "Permit presented is not on record."
