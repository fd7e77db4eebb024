"""The case form without JavaScript: the server renders one empty row of each kind, the "+ add" buttons
post the form and come back with one more row (nothing typed is lost), and a submitted case needs an item."""
from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

from seizures.forms import ItemForm
from seizures.models import Case
from tests.web.conftest import PASSWORD, case_post_data, management

pytestmark = pytest.mark.django_db


def _total(html: str, prefix: str) -> int:
    match = re.search(rf'name="{prefix}-TOTAL_FORMS" value="(\d+)"', html)
    assert match, prefix
    return int(match.group(1))


def _outside_templates(html: str) -> str:
    return re.sub(r"<template.*?</template>", "", html, flags=re.S)


def test_new_case_page_renders_one_empty_row_of_each_kind(client, world):
    client.login(username="officer", password=PASSWORD)
    html = client.get(reverse("seizures:case_create")).content.decode()
    visible = _outside_templates(html)
    for prefix, field in (("items", "taxon_label"), ("parties", "full_name"), ("conveyances", "identifier"),
                          ("photos", "file")):
        assert _total(html, prefix) == 1
        assert f'name="{prefix}-0-{field}"' in visible
    assert 'name="add_row" value="items"' in html and "formnovalidate" in html


def test_add_button_without_javascript_adds_a_row_and_keeps_the_input(client, world):
    client.login(username="officer", password=PASSWORD)
    data = case_post_data(world, add_row="items", action="", **{"location_text": "Торугарт, пост 2"})
    response = client.post(reverse("seizures:case_create"), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert _total(html, "items") == 3
    assert 'name="items-2-taxon_label"' in _outside_templates(html)
    assert "Торугарт, пост 2" in html and "Токтогулов Бакыт" in html
    assert 'class="errorlist' not in html
    assert not Case.objects.exists()


def test_submitted_case_without_items_is_refused_and_a_draft_is_kept(client, world):
    client.login(username="officer", password=PASSWORD)
    data = case_post_data(world)
    for key in [k for k in data if k.startswith("items-")]:
        del data[key]
    # the one empty row the page renders, left untouched: the browser posts its default values
    row = ItemForm(prefix="items-0")
    data.update({row[n].html_name: row[n].value() for n in row.fields if row[n].value() not in (None, "")})
    data.update(management("items", 1))
    response = client.post(reverse("seizures:case_create"), data)
    assert response.status_code == 400
    with translation.override("ru"):  # the officer's language
        message = translation.gettext("Add at least one seized item before submitting the case.")
    assert message in response.content.decode()
    assert not Case.objects.exists()

    response = client.post(reverse("seizures:case_create"), {**data, "action": "draft"})
    assert response.status_code == 302
    draft = Case.objects.get()
    assert draft.status == "draft" and not draft.items.exists()

    submit = client.post(reverse("seizures:case_edit", args=[draft.pk]), {**data, "action": "submit"})
    assert submit.status_code == 400
    draft.refresh_from_db()
    assert draft.status == "draft"
