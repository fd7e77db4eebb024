"""The Kyrgyz species guide never shows the Russian name where a Kyrgyz one is expected."""
import re

import pytest
from django.utils import translation

from agencies.models import Membership
from species.models import Taxon
from species.reference import load_taxa
from tests.factories import AgencyFactory, make_member

PASSWORD = "x-Strong-pass-9"


@pytest.fixture
def kyrgyz_client(client, db):
    load_taxa()
    user = make_member(AgencyFactory())
    user.set_password(PASSWORD)
    user.save()
    Membership.objects.filter(user=user).update(language="ky")
    client.force_login(user)
    return client


def _rows(html: str) -> list[tuple[str, str]]:
    """(scientific name, common-name cell) of each row of the results table."""
    return re.findall(r'<td data-label="[^"]*"><span><a href="/species/\d+/"><i>([^<]+)</i></a></span></td>\s*'
                      r'<td data-label="[^"]*"><span>(.*?)</span></td>', html, re.S)


def test_kyrgyz_guide_shows_no_russian_names(kyrgyz_client):
    russian = {t.scientific_name: t.common_name_ru for t in Taxon.objects.all()}
    kyrgyz = {t.scientific_name: t.common_name_ky for t in Taxon.objects.all()}
    seen, page = 0, 1
    while True:
        response = kyrgyz_client.get("/species/", {"page": page})
        html = response.content.decode()
        assert '<html lang="ky">' in html
        rows = _rows(html)
        for name, cell in rows:
            seen += 1
            if kyrgyz[name]:
                assert kyrgyz[name] in cell, name
            else:
                assert "<i>" in cell and name in cell and "data-no-local-name" in cell, name
            if russian[name] and russian[name] != kyrgyz[name]:
                assert russian[name] not in cell, name
        if f'page={page + 1}' not in html:
            break
        page += 1
    assert seen >= 100


def test_higher_taxon_note_is_translated(db):
    load_taxa()
    saker = Taxon.objects.get(scientific_name="Falco cherrug")
    bustard = Taxon.objects.get(scientific_name="Otis tarda")
    with translation.override("ky"):
        note = saker.cites_note
        assert "Covered by" not in note and "Falconiformes spp." in note and "(II)" in note
        assert bustard.common_name == "Тоодак"
        assert Taxon.objects.get(scientific_name="Otocolobus manul").common_name == ""
    with translation.override("ru"):
        assert "Covered by" not in saker.cites_note
    assert "Yudakhin" in bustard.data_source
