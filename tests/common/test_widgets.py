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
