"""A new case starts at the officer's usual post (the membership's post); never another agency's post."""
from __future__ import annotations

import pytest

from agencies.models import Membership
from tests.factories import PostFactory
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _selected_post(html: str) -> str | None:
    import re

    select = re.search(r'<select name="post".*?</select>', html, re.S)
    assert select
    chosen = re.search(r'<option value="(\d+)"[^>]*selected', select.group(0))
    return chosen.group(1) if chosen else None


def test_new_case_prefills_the_officers_post(client, world):
    torugart = PostFactory(agency=world["customs"], name="Torugart")
    PostFactory(agency=world["customs"], name="Manas airport")
    Membership.objects.filter(user=world["officer"]).update(post=torugart)
    client.login(username="officer", password=PASSWORD)
    assert _selected_post(client.get("/cases/new/").content.decode()) == str(torugart.pk)


def test_no_prefill_for_an_inactive_or_foreign_post(client, world):
    closed = PostFactory(agency=world["customs"], name="Old post", is_active=False)
    foreign = PostFactory(agency=world["border"], name="Border post")
    client.login(username="officer", password=PASSWORD)
    for post in (closed, foreign):
        Membership.objects.filter(user=world["officer"]).update(post=post)
        assert _selected_post(client.get("/cases/new/").content.decode()) is None
