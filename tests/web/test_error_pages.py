"""The menu offers only what the role may do; 403, 404 and 500 answer in the site's layout and language."""
from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _in(language: str, text: str) -> str:
    with translation.override(language):
        return translation.gettext(text)


@pytest.mark.parametrize("username,offered", [
    ("officer", True), ("supervisor", True), ("analyst", False), ("agency_admin", False),
])
def test_new_seizure_link_only_for_roles_that_record_cases(client, world, username, offered):
    client.login(username=username, password=PASSWORD)
    html = client.get("/").content.decode()
    assert ('href="/cases/new/"' in html) is offered


@pytest.mark.parametrize("language", ["ru", "ky", "en"])
def test_403_and_404_in_the_layout_and_language(client, world, language):
    client.login(username="analyst", password=PASSWORD)
    client.post("/language/", {"language": language, "next": "/"})
    forbidden = client.get("/cases/new/")
    assert forbidden.status_code == 403
    html = forbidden.content.decode()
    assert 'class="site-header"' in html and f'lang="{language}"' in html
    assert _in(language, "Access denied") in html
    missing = client.get("/cases/999999/")
    assert missing.status_code == 404
    assert _in(language, "Page not found") in missing.content.decode()
    assert 'class="site-header"' in missing.content.decode()


def test_500_page_in_the_layout_and_language(world):
    request = RequestFactory().get("/cases/")
    with translation.override("ky"):
        response = server_error(request)
        expected = translation.gettext("Server error")
    assert response.status_code == 500
    html = response.content.decode()
    assert 'class="site-header"' in html and 'lang="ky"' in html and expected in html
