"""Two people edit one case: the later save is refused, shows what changed and keeps what was typed."""
from __future__ import annotations

import re

import pytest

from seizures import services
from seizures.models import Case
from tests.web.conftest import case_post_data
from tests.web.test_case_form import _existing_rows

pytestmark = pytest.mark.django_db


def _version(html: str) -> str:
    found = re.search(r'<input type="hidden" name="case_version" value="(\d+)">', html)
    assert found, "the edit form does not carry the case version"
    return found.group(1)


def test_a_stale_save_is_refused_and_keeps_the_input(client, world):
    client.force_login(world["officer"])
    client.post("/cases/new/", case_post_data(world))
    case = Case.objects.get()
    version = _version(client.get(f"/cases/{case.pk}/edit/").content.decode())
    services.update_case(world["supervisor"], case, {"location_text": "Irkeshtam"})  # meanwhile
    data = case_post_data(world, location_text="Dostuk", case_version=version, **_existing_rows(case))
    response = client.post(f"/cases/{case.pk}/edit/", data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 409
    html = response.content.decode()
    assert "его изменил другой пользователь; ничего не сохранено" in html
    changed = html.split('id="changed-meanwhile"', 1)[1].split("</section>", 1)[0]
    assert "supervisor" in changed and "Torugart" in changed and "Irkeshtam" in changed
    assert 'value="Dostuk"' in html  # what the officer typed is still in the form
    case.refresh_from_db()
    assert case.location_text == "Irkeshtam"
    again = client.post(f"/cases/{case.pk}/edit/", {**data, "case_version": _version(html)})
    assert again.status_code == 302
    case.refresh_from_db()
    assert case.location_text == "Dostuk"
