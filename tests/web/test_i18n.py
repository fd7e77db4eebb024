"""Russian and Kyrgyz: every string of the web pages is in locale/ru and locale/ky, translated and not fuzzy,
and the pages rendered for a ru or ky user show the translation, not the English.

These tests read the catalogs (polib) and the compiled .mo files through Django: they pass once the
translator has caught up with the strings the templates and views use.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation
from django.utils.translation.template import templatize

from agencies.models import Membership

ROOT = Path(settings.BASE_DIR)
TEMPLATE_DIRS = [ROOT / "web" / "templates", ROOT / "seizures" / "templates"]
PYTHON_FILES = [ROOT / "seizures" / "views.py", ROOT / "seizures" / "forms.py", *sorted((ROOT / "web").glob("*.py"))]
LANGUAGES = ["ru", "ky"]
GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy"}
_CALL = re.compile(r"\b(n?gettext)\(u('(?:[^'\\]|\\.)*')(?:, u('(?:[^'\\]|\\.)*'))?")


def template_msgids() -> set[str]:
    found = set()
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            for match in _CALL.finditer(templatize(path.read_text(encoding="utf-8"), origin=str(path))):
                found.add(ast.literal_eval(match.group(2)))  # a plural entry is keyed by its singular
    return found


def python_msgids() -> set[str]:
    found = set()
    for path in PYTHON_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT_NAMES
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.add(node.args[0].value)
    return found


MSGIDS = sorted(template_msgids() | python_msgids())


def catalog(language: str) -> polib.POFile:
    return polib.pofile(str(ROOT / "locale" / language / "LC_MESSAGES" / "django.po"))


def test_the_pages_use_translatable_strings():
    assert len(MSGIDS) > 100
    assert "New seizure" in MSGIDS and "Species guide" in MSGIDS


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_of_the_web_pages_is_translated(language):
    entries = {entry.msgid: entry for entry in catalog(language) if not entry.obsolete}
    missing = [m for m in MSGIDS if m not in entries]
    fuzzy = [m for m in MSGIDS if m in entries and "fuzzy" in entries[m].flags]
    empty = [
        m for m in MSGIDS if m in entries and not (
            entries[m].msgstr or (entries[m].msgstr_plural and all(entries[m].msgstr_plural.values()))
        )
    ]
    assert not missing, f"{language}: not in the catalog: {missing[:20]} ({len(missing)})"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy[:20]}"
    assert not empty, f"{language}: untranslated: {empty[:20]} ({len(empty)})"


# --- rendered pages --------------------------------------------------------------------------------

_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
_ATTRS = re.compile(r'\b(?:aria-label|placeholder|title|alt)="([^"]*)"')


def visible_text(html: str) -> str:
    return " ".join([_TAGS.sub(" ", html), *_ATTRS.findall(html)])


def _english_only(msgid: str, language: str) -> bool:
    """The msgid has a real translation that differs from the English (so the English must not show)."""
    with translation.override(language):
        translated = translation.gettext(msgid)
    return translated != msgid and len(msgid) >= 4 and "%(" not in msgid and "{" not in msgid


def _pages(world, case) -> list[str]:
    return ["/", "/cases/", "/cases/new/", f"/cases/{case.pk}/", f"/cases/{case.pk}/edit/", "/species/",
            f"/species/{world['falcon'].pk}/", "/account/password/"]


@pytest.fixture
def user_language(settings):
    middleware = "web.middleware.UserLanguageMiddleware"
    if middleware not in settings.MIDDLEWARE:
        items = list(settings.MIDDLEWARE)
        items.insert(items.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1, middleware)
        settings.MIDDLEWARE = items


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_pages_show_the_translation_not_the_english(client, world, customs_case, user_language, language):
    user = world["supervisor"]
    Membership.objects.filter(user=user).update(language=language)
    client.force_login(user)
    checked = [m for m in MSGIDS if _english_only(m, language)]
    assert checked, f"no {language} translations compiled yet"
    for url in _pages(world, customs_case):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert f'<html lang="{language}">' in html
        text = visible_text(html)
        shown_english = [m for m in checked if re.search(rf"(?<![\w-]){re.escape(m)}(?![\w-])", text)]
        assert not shown_english, f"{url} in {language} shows English: {shown_english[:10]}"
    with translation.override(language):
        for msgid in ("New seizure", "Cases", "Species guide"):
            assert translation.gettext(msgid) in html


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_form_labels_and_help_are_translated(world, language):
    from seizures import forms

    untranslated = []
    for form_class in (forms.CaseForm, forms.ItemForm, forms.PartyForm, forms.ConveyanceForm, forms.AttachmentForm,
                       forms.VoidForm, forms.SharingForm, forms.CloseForm):
        form = form_class() if form_class is not forms.CaseForm else form_class(agency=world["customs"])
        for name, field in form.fields.items():
            for text in (field.label, field.help_text):
                if not text:
                    continue
                with translation.override("en"):
                    english = str(text)
                with translation.override(language):
                    local = str(text)
                if local == english and re.search("[A-Za-z]{3}", english):
                    untranslated.append(f"{form_class.__name__}.{name}: {english}")
    assert not untranslated, f"{language}: {untranslated[:20]} ({len(untranslated)})"


@pytest.mark.django_db
def test_sign_in_page_in_kyrgyz(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ky"
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="ky">' in html
    with translation.override("ky"):
        assert translation.gettext("Sign in") != "Sign in"
        assert translation.gettext("Sign in") in html
