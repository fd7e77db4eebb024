"""The new-case form carries a one-time token: submitting it twice records one case."""
from __future__ import annotations

import re

import pytest
from django.utils import translation

from seizures.models import Case
from tests.web.conftest import PASSWORD, case_post_data

pytestmark = pytest.mark.django_db


def _token(html: str) -> str:
    found = re.search(r'<input type="hidden" name="form_token" value="([0-9a-f]{32})">', html)
    assert found, "the new-case form has no one-time token"
    return found.group(1)


def test_a_resubmitted_form_records_one_case(client, world):
    client.login(username="officer", password=PASSWORD)
    token = _token(client.get("/cases/new/").content.decode())
    assert _token(client.get("/cases/new/").content.decode()) != token  # a new form, a new token
    before = Case.objects.count()
    first = client.post("/cases/new/", case_post_data(world, form_token=token))
    assert first.status_code == 302
    case = Case.objects.latest("pk")
    with translation.override("ru"):
        again = client.post("/cases/new/", case_post_data(world, form_token=token), follow=True,
                            HTTP_ACCEPT_LANGUAGE="ru")
    assert again.redirect_chain[-1][0].endswith(f"/cases/{case.pk}/")
    assert Case.objects.count() == before + 1
    page = again.content.decode()
    assert case.reference in page and "второй раз" in page
    fresh = _token(client.get("/cases/new/").content.decode())
    other = client.post("/cases/new/", case_post_data(world, form_token=fresh))
    assert other.status_code == 302 and Case.objects.count() == before + 2


def test_an_invalid_form_keeps_its_token(client, world):
    client.login(username="officer", password=PASSWORD)
    token = _token(client.get("/cases/new/").content.decode())
    response = client.post("/cases/new/", case_post_data(world, form_token=token, detection_method=""))
    assert response.status_code == 400
    assert _token(response.content.decode()) == token


def test_a_huge_row_count_is_refused_quickly(client, world):
    """TOTAL_FORMS=100000 builds at most the allowed rows and answers the form again, not a 500."""
    client.login(username="officer", password=PASSWORD)
    before = Case.objects.count()
    response = client.post("/cases/new/", case_post_data(world, **{"items-TOTAL_FORMS": "100000"}))
    assert response.status_code == 400
    assert Case.objects.count() == before
