"""The Django admin has a language switch that remembers the choice like the rest of the interface."""
import pytest

pytestmark = pytest.mark.django_db


def test_admin_pages_offer_the_three_languages(client, superuser):
    client.force_login(superuser)
    page = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ky").content.decode()
    assert 'name="language"' in page
    for code in ("ru", "ky", "en"):
        assert f'value="{code}"' in page
    assert 'value="ky" selected' in page


def test_switching_language_in_the_admin_changes_the_next_page(client, superuser):
    client.force_login(superuser)
    response = client.post("/language/", {"language": "ky", "next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert 'lang="ky"' in client.get("/admin/").content.decode()
