"""The analyst's case list: every filter on screen, species and quantity columns, saved searches per user."""
from __future__ import annotations

import pytest
from django.urls import reverse

from analytics.models import SavedSearch

from .test_statistics import signed_in

ON_SCREEN = ("q", "taxon", "term", "origin_country", "transit_country", "destination_country", "agency", "post",
             "detection_method", "concealment", "transport_mode", "date_from", "date_to", "status", "appendix")


def test_every_filter_is_on_screen(client, analyst_world):
    signed_in(client, analyst_world["analyst"])
    html = client.get(reverse("seizures:case_list")).content.decode()
    for name in ON_SCREEN:
        assert f'name="{name}"' in html, name
    assert 'hx-get="/species/suggest/"' in html


def test_species_filter_with_subtree_and_columns(client, analyst_world):
    w = analyst_world
    signed_in(client, w["analyst"])
    response = client.get(reverse("seizures:case_list"), {"taxon": w["saiga"].pk})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 3
    assert "<i>Saiga tatarica</i>" in html and "<i>Falco cherrug</i>" in html
    # quantities per unit, never added across units: 2 specimens; 1.5 kg; 250 g
    assert "1.5 " in html and "250 " in html and "251" not in html
    assert 'value="Saiga tatarica' in html  # the chosen species is shown in the type-ahead


def test_country_filter_from_the_screen(client, analyst_world):
    signed_in(client, analyst_world["analyst"])
    response = client.get(reverse("seizures:case_list"), {"destination_country": "KZ"})
    assert response.context["page"].paginator.count == 1


def test_saved_searches_are_per_user(client, analyst_world):
    w = analyst_world
    signed_in(client, w["analyst"])
    response = client.post(reverse("analytics:saved_search_create"),
                           {"search_name": " Saiga\u200b horns ", "query": f"taxon={w['saiga'].pk}&page=3&q="})
    assert response.status_code == 302
    search = SavedSearch.objects.get(user=w["analyst"])
    assert (search.name, search.query) == ("Saiga horns", f"taxon={w['saiga'].pk}")
    assert response["Location"].endswith(f"?taxon={w['saiga'].pk}")
    html = client.get(reverse("seizures:case_list")).content.decode()
    assert "Saiga horns" in html
    # an empty name is refused with a message and nothing is saved
    client.post(reverse("analytics:saved_search_create"), {"search_name": " ", "query": "q=x"})
    assert SavedSearch.objects.count() == 1
    client.logout()
    signed_in(client, w["supervisor"])
    assert "Saiga horns" not in client.get(reverse("seizures:case_list")).content.decode()
    response = client.post(reverse("analytics:saved_search_delete", args=[search.pk]))
    assert response.status_code == 404 and SavedSearch.objects.filter(pk=search.pk).exists()
    client.logout()
    signed_in(client, w["analyst"])
    client.post(reverse("analytics:saved_search_delete", args=[search.pk]))
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize("language", ["ru", "ky"])
def test_case_list_translated(client, analyst_world, language):
    signed_in(client, analyst_world["analyst"], language)
    html = client.get(reverse("seizures:case_list")).content.decode()
    assert "Save search" not in html and "My saved searches" not in html


def test_has_flags_filter_from_intelligence(client, analyst_world):
    """The "has flags" filter is on screen and narrows by the flags the analyst may know of."""
    from intelligence.models import Flag, FlagKind, FlagStatus

    w = analyst_world
    flagged, other, _third = w["visible"]
    seen = Flag.objects.create(kind=FlagKind.ROUTE, key="route:test-kg", country=w["kg"], status=FlagStatus.OPEN)
    seen.cases.add(flagged)
    unseen = Flag.objects.create(kind=FlagKind.ROUTE, key="route:test-kz", country=w["kz"],
                                 status=FlagStatus.CONFIRMED)
    unseen.cases.add(other)  # a Kazakh flag on a case the analyst sees: the analyst does not know of it
    signed_in(client, w["analyst"])
    url = reverse("seizures:case_list")
    assert 'name="has_flags"' in client.get(url).content.decode()
    assert list(client.get(url, {"has_flags": "any"}).context["page"].object_list) == [flagged]
    assert list(client.get(url, {"has_flags": "open"}).context["page"].object_list) == [flagged]
    assert list(client.get(url, {"has_flags": "confirmed"}).context["page"].object_list) == []
    assert flagged not in client.get(url, {"has_flags": "none"}).context["page"].object_list
    assert other in client.get(url, {"has_flags": "none"}).context["page"].object_list
    stats = client.get(reverse("analytics:statistics"), {"has_flags": "any"})
    assert stats.context["result"].totals["cases"] == 1
