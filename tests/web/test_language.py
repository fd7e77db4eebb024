"""Language choice: on the sign-in page and in the header, remembered per user (Membership.language)."""
import pytest

from agencies.models import Membership
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db

MIDDLEWARE = "web.middleware.UserLanguageMiddleware"


@pytest.fixture(autouse=True)
def user_language_middleware(settings):
    """The middleware as config/settings.py lists it (after authentication)."""
    if MIDDLEWARE not in settings.MIDDLEWARE:
        middleware = list(settings.MIDDLEWARE)
        middleware.insert(middleware.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1, MIDDLEWARE)
        settings.MIDDLEWARE = middleware
    yield


def test_sign_in_with_a_language_saves_it(client, world):
    response = client.post("/accounts/login/", {"username": "officer", "password": PASSWORD, "language": "ky"})
    assert response.status_code == 302
    assert Membership.objects.get(user=world["officer"]).language == "ky"
    assert '<html lang="ky">' in client.get("/").content.decode()


def test_saved_language_is_used_on_every_page_whatever_the_browser_says(client, world):
    Membership.objects.filter(user=world["officer"]).update(language="en")
    client.force_login(world["officer"])
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert '<html lang="en">' in html


def test_header_switch_saves_the_language(client, world):
    client.force_login(world["officer"])
    response = client.post("/language/", {"language": "ru", "next": "/cases/"})
    assert response.status_code == 302 and response["Location"] == "/cases/"
    assert Membership.objects.get(user=world["officer"]).language == "ru"
    assert '<html lang="ru">' in client.get("/cases/").content.decode()


def test_switch_rejects_unknown_languages_and_foreign_redirects(client, world):
    client.force_login(world["officer"])
    Membership.objects.filter(user=world["officer"]).update(language="ky")
    response = client.post("/language/", {"language": "de", "next": "https://evil.example/"})
    assert response["Location"] == "/"
    assert Membership.objects.get(user=world["officer"]).language == "ky"


def test_anonymous_visitor_can_switch_the_sign_in_page(client, db):
    response = client.post("/language/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/accounts/login/").content.decode()


def test_sign_out_and_password_change(client, world):
    client.force_login(world["officer"])
    response = client.post("/account/password/", {
        "old_password": PASSWORD, "new_password1": "Wild-Argali-2026", "new_password2": "Wild-Argali-2026",
    })
    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").status_code == 302
