"""The network view draws in every language (decimal points in SVG) and flag explanations are in words."""
from __future__ import annotations

import datetime
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from intelligence.models import Flag, FlagKind
from tests.factories import CaseFactory, PersonFactory, add_party

from .conftest import PASSWORD
from .test_statistics import assert_numeric_coordinates

EXPLANATION = {
    "name": {"level": "exact", "similarity": 1.0, "points": 6.5},
    "birth_date": {"level": "swapped", "points": 2.0},
    "document": {"level": "near", "points": 3.0},
}


@pytest.fixture
def person_flag(analyst_world):
    w = analyst_world
    flag = Flag.objects.create(kind=FlagKind.PERSON, key="test:person", score=11.5, explanation=EXPLANATION,
                               cross_agency=True, country=w["kg"])
    for agency, user, name in ((w["border"], w["border_officer"], "Токтогулов Бакыт"),
                               (w["kz_customs"], w["kz_officer"], "TOKTOGULOV BAKYT")):
        case = CaseFactory(agency=agency, recorded_by=user)
        person = PersonFactory(agency=agency, full_name=name, birth_date=datetime.date(1987, 3, 9))
        add_party(case, person)
        flag.cases.add(case)
        flag.persons.add(person)
        flag.agencies.add(agency)
    return flag


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_network_svg_has_numeric_coordinates_and_translated_types(client, person_flag, language):
    client.login(username="analyst", password=PASSWORD)
    client.cookies["django_language"] = language
    response = client.get(reverse("intelligence:network"), {"flag": person_flag.pk})
    assert response.status_code == 200
    html = response.content.decode()
    svg = re.search(r"<svg viewBox=.*?</svg>", html, re.S).group(0)
    root = ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
    assert assert_numeric_coordinates(root) >= 8
    assert ",0\"" not in svg
    assert "<td>person</td>" not in html and "<td>case</td>" not in html
    if language == "en":
        assert "Record at another agency" in html and "TOKTOGULOV" not in html


@pytest.mark.parametrize(("language", "words"), [
    ("en", ["Date of birth", "day and month swapped", "exact match", "similarity 100 %"]),
    ("ru", ["Дата рождения"]),
    ("ky", ["Туулган күнү"]),
])
def test_flag_explanation_in_words(client, person_flag, language, words):
    client.login(username="analyst", password=PASSWORD)
    client.cookies["django_language"] = language
    html = client.get(reverse("intelligence:flag_detail", args=[person_flag.pk])).content.decode()
    for word in words:
        assert word in html
    assert "birth_date" not in html and ">exact<" not in html
