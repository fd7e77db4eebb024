"""The seizure map: shipped outlines, visible cases' locations and route legs, coordinates with a decimal point."""
from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation

from analytics import maps
from seizures.models import Case
from tests.factories import PostFactory

from .test_statistics import chart_of, signed_in

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def test_region_outlines_are_shipped_with_their_source():
    data = maps.region()
    assert "Natural Earth" in data["source"]
    assert {"KG", "KZ", "UZ", "TJ", "CN"} <= {c["iso2"] for c in data["countries"]}
    proj = maps.projection()
    x, y = proj.xy(*data["anchors"]["KG"])  # Kyrgyzstan is drawn on the map
    assert proj.inside(x, y)


def test_map_shows_visible_locations_and_route_legs(client, analyst_world):
    w = analyst_world
    post = PostFactory(agency=w["border"], latitude="40.5", longitude="73.25")
    first, second, third = w["visible"]
    Case.objects.filter(pk__in=[first.pk, second.pk]).update(post=post)
    first.transit_countries.add(w["kz"])  # KZ → KZ (transit) → KG: one leg KZ → KG only
    Case.objects.filter(pk=w["hidden"].pk).update(post=post)  # hidden: never counted
    signed_in(client, w["analyst"])
    for language in ("ru", "ky", "en"):
        client.cookies["django_language"] = language
        check_map(client.get(reverse("analytics:map")), post, language)
    client.logout()
    signed_in(client, w["border_officer"])
    assert client.get(reverse("analytics:map")).status_code == 403


def check_map(response, post, language: str) -> None:
    assert response.status_code == 200
    result = response.context["result"]
    assert [(loc.key, loc.cases) for loc in result.locations if loc.key == post.code] == [(post.code, 2)]
    with translation.override(language):
        names = maps.country_names({"KZ", "KG"})
    assert sorted((leg.source, leg.target, leg.cases) for leg in result.legs) == sorted(
        [(names["KZ"], names["KG"], 1), (names["KG"], names["KZ"], 1)])
    svg = result.svg
    for value in re.findall(r'\b(?:cx|cy|r|x|y|width|height|stroke-width)="([^"]*)"', svg):
        assert NUMBER.match(value), value
    for d in re.findall(r'\bd="([^"]*)"', svg):
        assert "," not in d, d[:40]
    assert svg.count('class="map-flow"') == 2 and svg.count('class="map-point"') == 1
    html = response.content.decode()
    assert f'lang="{language}"' in html
    assert chart_of(html).get("role") == "img"  # well-formed XML
    assert 'id="map-locations"' in html and "Natural Earth" in html

