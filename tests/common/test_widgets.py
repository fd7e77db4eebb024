"""The fast select widgets must write exactly what Django's Select and SelectMultiple templates write."""
import pytest
from django import forms
from django.utils.safestring import mark_safe

from common.widgets import FastSelect, FastSelectMultiple, use_fast_selects

CHOICES = [
    ("", "---------"),
    ("KG", "Kyrgyzstan"),
    ("KZ", "Қазақстан & <Kazakhstan>"),
    ("Q\"X", 'Quote " and \' apostrophe'),
    (7, 1234),
    ("SAFE", mark_safe("<b>bold</b>")),
]
GROUPED = [
    ("Central Asia", [("KG", "Kyrgyzstan"), ("TJ", "Tajikistan")]),
    ("Other <group>", [("CN", "China")]),
    ("XX", "Ungrouped"),
]
ATTRS = [None, {"id": "id_country", "class": "wide", "data-x": "<&>", "disabled": True, "hidden": False}]


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []])
@pytest.mark.parametrize("value", [None, "", "KG", "KZ", 7, "nope"])
def test_select_writes_what_django_writes(choices, value, attrs):
    expected = forms.Select(choices=choices).render("country", value, attrs=attrs)
    assert FastSelect(choices=choices).render("country", value, attrs=attrs) == expected


@pytest.mark.parametrize("attrs", ATTRS)
@pytest.mark.parametrize("choices", [CHOICES, GROUPED])
@pytest.mark.parametrize("value", [None, [], ["KG"], ["KG", "TJ", "CN"], ["Q\"X", 7], ["KZ", "missing"]])
def test_select_multiple_writes_what_django_writes(choices, value, attrs):
    expected = forms.SelectMultiple(choices=choices).render("country", value, attrs=attrs)
    actual = FastSelectMultiple(choices=choices).render("country", value, attrs=attrs)
    assert actual == expected
    assert actual.count(" selected") == expected.count(" selected")


class CountryForm(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, required=False)
    many = forms.MultipleChoiceField(choices=GROUPED, required=False)
    live = forms.NullBooleanField(required=False)


def test_a_form_renders_the_same_with_fast_selects():
    data = {"one": "KZ", "many": ["KG", "CN"], "live": "true"}
    plain, fast = CountryForm(data), CountryForm(data)
    use_fast_selects(fast)
    assert type(fast.fields["one"].widget) is FastSelect
    assert type(fast.fields["many"].widget) is FastSelectMultiple
    assert type(fast.fields["live"].widget) is forms.NullBooleanSelect  # a subclass keeps its own rendering
    assert fast.fields["many"].widget.choices == plain.fields["many"].widget.choices
    for name in ("one", "many", "live"):
        assert str(fast[name]) == str(plain[name]), name
    assert "selected" in str(fast["one"]) and str(fast["many"]).count(" selected") == 2


def _country_reads(queries) -> tuple[int, int]:
    """(whole country lists read, COUNT queries of them) among captured queries."""
    sql = [q["sql"] for q in queries.captured_queries if 'FROM "agencies_country"' in q["sql"]
           and "WHERE" not in q["sql"]]
    counts = sum("COUNT(" in q for q in sql)
    return len(sql) - counts, counts


@pytest.mark.django_db
def test_model_choice_lists_are_read_once_per_form_and_render_the_same():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import translation

    from agencies.models import Country
    from agencies.reference import load_countries

    load_countries()

    class RouteForm(forms.Form):
        origin = forms.ModelMultipleChoiceField(Country.objects.order_by("iso2"), required=False)
        destination = forms.ModelMultipleChoiceField(Country.objects.order_by("iso2"), required=False)
        transit = forms.ModelChoiceField(Country.objects.order_by("iso2"), required=False)
        by_name = forms.ModelChoiceField(Country.objects.order_by("name"), required=False)  # another list

    kg, kz = Country.objects.get(iso2="KG"), Country.objects.get(iso2="KZ")
    data = {"origin": [kg.pk, kz.pk], "destination": [kz.pk], "transit": kg.pk, "by_name": kz.pk}
    for language in ("ru", "ky", "en"):
        with translation.override(language):
            plain, fast = RouteForm(data), RouteForm(data)
            use_fast_selects(fast)
            with CaptureQueriesContext(connection) as plain_queries:
                expected = {name: str(plain[name]) for name in plain.fields}
            with CaptureQueriesContext(connection) as fast_queries:
                actual = {name: str(fast[name]) for name in fast.fields}
            assert actual == expected, language
            plain_lists, _ = _country_reads(plain_queries)
            fast_lists, fast_counts = _country_reads(fast_queries)
            assert (plain_lists, fast_lists) == (4, 3)  # one per distinct list: origin and destination share
            assert fast_counts == 0  # and no COUNT before reading a list
            assert expected["origin"].count(" selected") == 2 and expected["transit"].count(" selected") == 1
    with translation.override("ru"):
        ru = RouteForm(data)
        use_fast_selects(ru)
        assert str(ru["origin"]) != actual["origin"]  # the names follow the language (the memo keys on it)
