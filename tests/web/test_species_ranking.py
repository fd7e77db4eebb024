"""The species type-ahead: on an exact vernacular match, species and subspecies come before the genus or
family that shares the name, whatever the case and spacing typed."""
from __future__ import annotations

import re

import pytest

from species.choices import Rank
from tests.factories import TaxonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saiga_family(world):
    TaxonFactory(scientific_name="Saiga", rank=Rank.GENUS, genus="Saiga", common_name_ru="Сайгак",
                 common_name_en="Saiga", common_name_ky="Акбөкөн")
    TaxonFactory(scientific_name="Bovidae", rank=Rank.FAMILY, genus="", common_name_ru="Полорогие",
                 common_name_en="Saiga and other bovids", common_name_ky="Көңдөй мүйүздүүлөр")
    TaxonFactory(scientific_name="Saiga tatarica mongolica", rank=Rank.SUBSPECIES, genus="Saiga",
                 common_name_ru="Монгольский сайгак", common_name_en="Mongolian saiga",
                 common_name_ky="Моңгол акбөкөнү")
    return world


def _offered(client, query: str) -> list[str]:
    html = client.get("/species/suggest/", {"q": query}).content.decode()
    return re.findall(r"<i>([^<]+)</i>", html)


@pytest.mark.parametrize("typed", ["сайгак", "Сайгак", "  САЙГАК ", "акбөкөн", "Акбөкөн"])
def test_species_before_genus_on_exact_vernacular_name(client, saiga_family, typed):
    client.force_login(saiga_family["officer"])
    offered = _offered(client, typed)
    assert offered[0] == "Saiga tatarica"
    assert offered.index("Saiga tatarica") < offered.index("Saiga")


def test_subspecies_before_family_on_a_partial_name(client, saiga_family):
    client.force_login(saiga_family["officer"])
    offered = _offered(client, "saiga")
    # "Saiga" is the genus' own scientific name (an exact match), then species and subspecies, then the family
    assert offered[0] == "Saiga"
    assert offered.index("Saiga tatarica") < offered.index("Bovidae")
    assert offered.index("Saiga tatarica mongolica") < offered.index("Bovidae")
