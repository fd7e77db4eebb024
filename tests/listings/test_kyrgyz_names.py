"""Kyrgyz names and listing notes: the Kyrgyz interface shows Kyrgyz names with their source, a marked scientific
name where none is known (never the Russian one), and higher-taxon notes without English words."""
import re

import pytest
from django.utils import translation

from agencies.models import Membership
from species.models import Taxon
from species.notes import listing_note, untranslated_parts
from species.reference import KY_SOURCES, apply_kyrgyz_names, load_codes, load_taxa, read_csv
from tests.factories import AgencyFactory, make_member

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def names() -> list[dict[str, str]]:
    return read_csv("names_ky.csv")


@pytest.fixture
def member(db):
    load_codes()
    load_taxa()
    return make_member(AgencyFactory())


def _client(client, user, language: str):
    Membership.objects.filter(user=user).update(language=language)
    client.force_login(user)
    return client


def _text(html: str) -> str:
    """The visible text of the page's main element."""
    main = html.split('id="main"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main))


def _rows(html: str) -> list[tuple[str, str]]:
    """(scientific name, common-name cell) of each row of the species guide's results table."""
    return re.findall(r'<td data-label="[^"]*"><span><a href="/species/\d+/"><i>([^<]+)</i></a></span></td>\s*'
                      r'<td data-label="[^"]*"><span>(.*?)</span></td>', html, re.S)


def test_every_row_names_a_taxon_a_known_source_and_where_it_comes_from(names):
    taxa = {row["scientific_name"]: row for row in read_csv("taxa.csv")}
    assert len(names) >= 76
    assert len({row["scientific_name"] for row in names}) == len(names)
    for row in names:
        assert row["scientific_name"] in taxa, row
        assert row["source"] in KY_SOURCES, row
        assert row["common_name_ky"].strip() and len(row["note"]) > 10, row
        # Kyrgyz in Cyrillic, not the Russian name of the taxon
        assert not re.search(r"[A-Za-z]", row["common_name_ky"]), row
        assert row["common_name_ky"] != taxa[row["scientific_name"]]["common_name_ru"], row


def test_loader_gives_one_name_and_species_csv_wins(names):
    rows = {row["scientific_name"]: dict(row) for row in read_csv("taxa.csv")}
    apply_kyrgyz_names(rows, names)
    # species.csv leaves Pallas's cat empty: the Red Book name fills it, once
    assert rows["Otocolobus manul"]["common_name_ky"] == "Маныл"
    assert "Red Book of the Kyrgyz Republic" in rows["Otocolobus manul"]["ky_source"]
    fresh = lambda: {row["scientific_name"]: dict(row) for row in read_csv("taxa.csv")}  # noqa: E731
    manul = {"scientific_name": "Otocolobus manul", "common_name_ky": "Манул", "source": "KYWP", "note": "x" * 12}
    with pytest.raises(ValueError, match="second Kyrgyz name"):
        apply_kyrgyz_names(fresh(), [*names, manul])
    snow_leopard = {"scientific_name": "Panthera uncia", "common_name_ky": "Ак илбирс", "source": "KYWP",
                    "note": "sputnik.kg, 2023"}
    with pytest.raises(ValueError, match="contradicts 'Илбирс' of species.csv"):
        apply_kyrgyz_names(fresh(), [snow_leopard])
    with pytest.raises(ValueError, match="unknown source key"):
        apply_kyrgyz_names(fresh(), [{**snow_leopard, "common_name_ky": "Илбирс", "source": "XX"}])
    with pytest.raises(ValueError, match="unknown taxon"):
        apply_kyrgyz_names(fresh(), [{**snow_leopard, "scientific_name": "Panthera nova"}])


def test_kyrgyz_guide_shows_kyrgyz_names_or_a_marked_scientific_name(client, member, names):
    sourced = {row["scientific_name"]: row["common_name_ky"] for row in names}
    taxa = {t.scientific_name: t for t in Taxon.objects.all()}
    guide = _client(client, member, "ky")
    seen, shown_sourced, page = 0, set(), 1
    while True:
        html = guide.get("/species/", {"page": page}).content.decode()
        assert '<html lang="ky">' in html
        for name, cell in _rows(html):
            seen += 1
            taxon = taxa[name]
            if taxon.common_name_ky:
                assert taxon.common_name_ky in cell, name
                if name in sourced:
                    assert sourced[name] in cell and "Kyrgyz name:" in taxon.data_source, name
                    shown_sourced.add(name)
            else:
                assert f"<i>{name}</i>" in cell and "data-no-local-name" in cell, name
            if taxon.common_name_ru and taxon.common_name_ru != taxon.common_name_ky:
                assert taxon.common_name_ru not in cell, name
        if f"page={page + 1}" not in html:
            break
        page += 1
    assert seen >= 100 and {"Otocolobus manul", "Aquila heliaca", "Chlamydotis macqueenii"} <= shown_sourced
    with translation.override("ky"):
        assert taxa["Otocolobus manul"].common_name == "Маныл"
        assert taxa["Otis tarda"].common_name == "Тоодак" and "Yudakhin" in taxa["Otis tarda"].data_source
        assert taxa["Moschus moschiferus"].common_name == ""  # no sourced name yet: scientific name, marked


def test_kyrgyz_type_ahead_finds_species_by_kyrgyz_name(client, member):
    suggest = _client(client, member, "ky")
    for query, expected in [("маныл", "Otocolobus manul"), ("Кара шакылдак", "Aquila heliaca"),
                            ("ылаачын", "Falco peregrinus"), ("безбелдек", "Tetrax tetrax")]:
        html = suggest.get("/species/suggest/", {"q": query}).content.decode()
        first = re.search(r'data-label="([^"]+)"', html)
        assert first and first[1].startswith(expected), (query, html[:300])


# English words the higher-taxon notes of the data use (names, numerals and CoP codes are kept as written).
ENGLISH = set("""
covered by included in is are appendix appendices except the species subspecies and populations population
family which not see separate entries annotation several asian of all other domesticated subject to convention
zero annual export quota for wild specimens traded primarily commercial purposes seychelles some source
tortoiseshell tubers salep hunting trophies need permit fossils coral sand fragments dead as defined provisions
many artificially propagated hybrids products exempt finished up shipment musical instruments among others
eight pangolin transferred from at before transfer form
""".split())


def _english(text: str) -> set[str]:
    """English words of `text` (country and language codes such as IN are not words)."""
    return {word for word in re.findall(r"[A-Za-z]+", text) if word.lower() in ENGLISH and not word.isupper()}


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_higher_taxon_note_of_the_data_is_translated(language):
    notes = {row["cites_annotation"] for row in read_csv("taxa.csv") if row["cites_annotation"]}
    checked = 0
    for annotation in sorted(notes):
        with translation.override(language):
            note = listing_note(annotation)
        if note == annotation:
            continue  # not a higher-taxon note: kept as published
        checked += 1
        assert untranslated_parts(annotation) == [], annotation
        assert _english(annotation) and not _english(note), (annotation, note)
    assert checked >= 40


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_covered_species_pages_show_no_english_words_of_their_notes(client, member, language):
    page = _client(client, member, language)
    for name in ("Falco cherrug", "Falco", "Aquila", "Grus", "Felis", "Ursus", "Psittacula", "Huso huso"):
        taxon = Taxon.objects.get(scientific_name=name)
        assert _english(taxon.cites_annotation), name
        html = page.get(f"/species/{taxon.pk}/").content.decode()
        assert f'<html lang="{language}">' in html
        text = _text(html)
        assert not _english(text), (name, _english(text))
        assert re.search(r"\bspp\. \((?:I|II)\)", text), name  # the covering taxon is named


def test_red_book_and_dictionary_names_follow_kyrgyz_usage(names):
    rows = {row["scientific_name"]: dict(row) for row in read_csv("taxa.csv")}
    apply_kyrgyz_names(rows, names)
    expected = {"Anser indicus": ("Тоо казы", "Red Book"), "Cygnus cygnus": ("Аккуу", "Red Book"),
                "Oxyura leucocephala": ("Ак баштуу өрдөк", "Wikipedia"),
                "Platalea leucorodia": ("Кашыктумшуктуу кытан", "Red Book"),
                "Marmota caudata": ("Кызыл суур", "tyup.net"), "Martes foina": ("Суусар", "Red Book"),
                "Felis lybica": ("Ала-мышык", "Fauna of Kyrgyzstan"),
                "Tulipa greigii": ("Грейг мандалагы", "Wikipedia")}
    for name, (kyrgyz, source) in expected.items():
        assert (rows[name]["common_name_ky"], source in rows[name]["ky_source"]) == (kyrgyz, True), name
    # чөө is the dhole of the Kyrgyz Red Book, not a translation of the Russian шакал
    assert rows["Cuon alpinus"]["common_name_ky"] == "Чөө"
    assert rows["Canis aureus"]["common_name_ky"] == "" and "ky_source" not in rows["Canis aureus"]
