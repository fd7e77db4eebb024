"""Identification sheets: three languages, a taxon and a term of the reference data, sources, and the
appendix and documents of the rules engine on the page (never stored in a sheet)."""
from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from django.urls import reverse
from django.utils import translation

from identification.services import trade_documents
from identification.sheets import LANGUAGES, SECTIONS, SHEETS_DIR, all_sheets, groups
from species.listings import listing_on
from species.models import Taxon

DATA = Path(__file__).resolve().parents[2] / "species" / "data"


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


def test_at_least_forty_sheets_each_in_three_languages_naming_data_taxa_and_terms():
    sheets = all_sheets()
    assert len(sheets) >= 40
    taxa = {row["scientific_name"] for row in _csv("taxa.csv")}
    terms = {row["code"] for row in _csv("terms.csv")}
    kinds = set()
    for sheet in sheets:
        assert sheet.taxon in taxa, sheet.slug
        assert sheet.term in terms, sheet.slug
        assert set(sheet.look_alike_taxa) <= taxa, sheet.slug
        assert sheet.sources, sheet.slug
        kinds.add((sheet.taxon, sheet.term))
        assert len(set(sheet.title.values())) == 3, f"{sheet.slug}: a title is a copy of another language"
        for name in (*SECTIONS, "handling", "record"):
            texts = {lang: sheet.section(name, lang) for lang in LANGUAGES}
            assert all(texts.values()), (sheet.slug, name)
            assert texts["ru"] != texts["en"] and texts["ky"] != texts["en"] and texts["ky"] != texts["ru"], (
                sheet.slug, name)
            assert len(texts["en"]) == len(texts["ru"]) == len(texts["ky"]), (sheet.slug, name)
    assert len(kinds) == len(sheets)
    assert len(groups()) >= 5


def test_no_sheet_file_stores_an_appendix_or_documents():
    for path in SHEETS_DIR.glob("[!_]*.yaml"):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert not {"appendix", "cites_appendix", "documents", "permits"} & set(raw), path.name


@pytest.mark.django_db
def test_every_sheet_shows_the_rules_engines_appendix_and_documents(reference_data, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    for sheet in all_sheets():
        taxon = Taxon.objects.get(scientific_name=sheet.taxon)
        response = client.get(reverse("identification:sheet", args=[sheet.slug]), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, sheet.slug
        html = response.content.decode()
        appendix = listing_on(taxon).appendix
        assert f'data-appendix="{appendix}"' in html, sheet.slug
        with translation.override("en"):
            answers = trade_documents(taxon)
        expected = {d.code for answer in answers for d in answer["requirement"].all_documents}
        shown = {code for code in ("export", "import", "origin", "re_export") if f'data-document="{code}"' in html}
        assert shown == expected - {"national"}, sheet.slug
        if appendix == "I":  # commercial import of wild App. I specimens is refused by the rules
            assert any(answer["requirement"].refused for answer in answers)


@pytest.mark.django_db
def test_sheets_in_russian_and_kyrgyz_and_the_sheet_of_a_subspecies(reference_data, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="x"))
    sheet = next(s for s in all_sheets() if s.slug == "saiga-tatarica-horns")
    for language in LANGUAGES:
        client.cookies["django_language"] = language
        html = client.get(reverse("identification:sheet", args=[sheet.slug])).content.decode()
        assert sheet.title[language] in html
        assert sheet.section("features", language)[0] in html
    polii = Taxon.objects.get(scientific_name="Ovis ammon polii")
    pentadactyla = Taxon.objects.get(scientific_name="Manis pentadactyla")
    client.cookies["django_language"] = "en"
    fragment = client.get(reverse("identification:taxon", args=[pentadactyla.pk]), {"fragment": "1"}).content.decode()
    assert 'data-sheet="manis-scales"' in fragment and "<html" not in fragment
    page = client.get(reverse("identification:taxon", args=[polii.pk])).content.decode()
    assert 'data-sheet="ovis-ammon-polii-trophies"' in page


@pytest.mark.django_db
def test_species_guide_and_permit_check_link_to_the_sheet(reference_data, client, django_user_model):
    from agencies.models import Country
    from permits.services import register_permit
    from species.models import Purpose, Source, Term

    client.force_login(django_user_model.objects.create_user("reader", password="x", is_superuser=True))
    saiga = Taxon.objects.get(scientific_name="Saiga tatarica")
    html = client.get(reverse("web:species_detail", args=[saiga.pk])).content.decode()
    assert reverse("identification:sheet", args=["saiga-tatarica-horns"]) in html
    assert "No identification notes yet" not in html
    kg = Country.objects.get_or_create(iso2="KG", defaults={"iso3": "KGZ", "name": "Kyrgyzstan"})[0]
    sheet_html = client.get(reverse("identification:sheet", args=["saiga-tatarica-horns"])).content.decode()
    link = re.search(r'href="(/permits/required-documents/\?[^"]+)"', sheet_html).group(1).replace("&amp;", "&")
    assert client.get(link).context["requirement"].appendix == "II"  # the guide answers at once
    import datetime

    today = datetime.date.today()
    register_permit(
        document_type="export", number="KG-ID-1", issuing_country=kg, valid_from=today,
        valid_until=today + datetime.timedelta(days=90), sign=False,
        lines=[{"line_no": 1, "taxon": saiga, "term": Term.objects.get(code="HOR"), "quantity": 2,
                "source": Source.objects.get(code="W"), "purpose": Purpose.objects.get(code="T")}],
    )
    html = client.get(reverse("permits:check"), {"number": "KG-ID-1", "country": "KG"}).content.decode()
    assert reverse("identification:taxon", args=[saiga.pk]) in html
