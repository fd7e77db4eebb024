"""Analyst fixtures: the web world plus cases of several units, routes and one case the analyst may not see."""
from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from seizures.choices import SharingLevel
from tests.factories import CaseFactory, SeizedItemFactory, UnitFactory
from tests.web.conftest import PASSWORD, reset_language, world  # noqa: F401


@pytest.fixture
def analyst_world(world):  # noqa: F811
    """Border cases (visible to the border analyst) in two months and three units, one hidden Kazakh case."""
    w = world
    grams = UnitFactory(code="GRM")
    now = timezone.now()
    visible = []
    for i, (months_ago, origin, destination) in enumerate(
        [(1, w["kz"], w["kg"]), (1, w["kg"], w["kz"]), (14, w["kz"], None)]
    ):
        case = CaseFactory(agency=w["border"], recorded_by=w["border_officer"],
                           occurred_at=now - timezone.timedelta(days=30 * months_ago + i),
                           origin_country=origin, destination_country=destination,
                           sharing_level=SharingLevel.AGENCY, location_text=f"Torugart km {i}")
        SeizedItemFactory(case=case, taxon=w["falcon"], term=w["liv"], quantity=Decimal("2"), live_count=2)
        SeizedItemFactory(case=case, taxon=w["saiga"], term=w["hor"], quantity=Decimal("1.5"), unit=w["kil"])
        SeizedItemFactory(case=case, taxon=w["saiga"], term=w["hor"], quantity=Decimal("250"), unit=grams)
        visible.append(case)
    hidden = CaseFactory(agency=w["kz_customs"], recorded_by=w["kz_officer"], sharing_level=SharingLevel.AGENCY,
                         origin_country=w["kz"])
    SeizedItemFactory(case=hidden, taxon=w["snow"], term=w["hor"], quantity=Decimal("99"), unit=w["kil"])
    return {**w, "visible": visible, "hidden": hidden, "grm": grams}
