"""The Russian and Kyrgyz catalogs are complete, compiled, really Kyrgyz, and close Django's own ky gaps."""
import gettext
import re
from html.parser import HTMLParser
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGS = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
DJANGO = Path(django.__file__).parent
DJANGO_CATALOGS = ["contrib/admin/locale/{}/LC_MESSAGES/django.po", "contrib/admin/locale/{}/LC_MESSAGES/djangojs.po",
                   "contrib/auth/locale/{}/LC_MESSAGES/django.po", "conf/locale/{}/LC_MESSAGES/django.po"]
PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")
KYRGYZ_LETTERS = set("ңөүҢӨҮ")


def entries(path: Path):
    return [e for e in polib.pofile(str(path)) if not e.obsolete]


def test_both_languages_have_a_catalog():
    names = {(p.parent.parent.name, p.name) for p in CATALOGS}
    assert {("ru", "django.po"), ("ky", "django.po")} <= names


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_every_msgid_is_translated_and_not_fuzzy(path):
    bad = [e.msgid for e in entries(path) if "fuzzy" in e.flags or not e.translated()]
    assert bad == []
    assert not polib.pofile(str(path)).metadata_is_fuzzy


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_placeholders_are_kept(path):
    wrong = []
    for e in entries(path):
        expected = sorted(set(PLACEHOLDER.findall(e.msgid)))
        texts = e.msgstr_plural.values() if e.msgid_plural else [e.msgstr]
        for text in texts:
            if e.msgid_plural:  # a plural form may drop the count, never add an unknown name
                if not set(PLACEHOLDER.findall(text)) <= set(expected) | set(PLACEHOLDER.findall(e.msgid_plural)):
                    wrong.append(e.msgid)
            elif sorted(set(PLACEHOLDER.findall(text))) != expected:
                wrong.append(e.msgid)
    assert wrong == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_mo_file_is_in_sync_with_po(path):
    mo = path.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run manage.py compilemessages"
    with mo.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for e in entries(path):
        key = f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid
        if e.msgid_plural:
            for index, text in e.msgstr_plural.items():
                expected[(key, int(index))] = text
        else:
            expected[key] = e.msgstr
    compiled = {k: v for k, v in compiled.items() if k != ""}
    assert compiled == expected


def test_kyrgyz_is_kyrgyz_not_russian():
    ky = {e.msgid: e.msgstr for e in entries(LOCALE / "ky/LC_MESSAGES/django.po") if not e.msgid_plural}
    ru = {e.msgid: e.msgstr for e in entries(LOCALE / "ru/LC_MESSAGES/django.po") if not e.msgid_plural}
    with_letters = [text for text in ky.values() if KYRGYZ_LETTERS & set(text)]
    assert len(with_letters) > len(ky) / 3
    # Kyrgyz must not be the Russian text copied over (codes, names and loanwords may coincide).
    same = [m for m, text in ky.items() if text == ru.get(m) and len(text.split()) > 1 and text != m]
    assert len(same) < len(ky) / 50, same[:20]
    for term, word in {"Customs": "Бажы", "Border service": "Чек ара кызматы", "Case": "Иш", "Species": "Түр",
                       "Permit": "Уруксат"}.items():
        assert ky[term] == word


def django_catalog(language: str, relative: str) -> list:
    path = DJANGO / relative.format(language)
    return entries(path) if path.exists() else []


def test_django_ky_gaps_are_supplied():
    """Every Django admin/auth/core string translated in ru but not in Django's ky is in our ky catalog."""
    ours = {}
    for path in LOCALE.glob("ky/LC_MESSAGES/*.po"):
        ours.update({(e.msgctxt, e.msgid): e for e in entries(path) if e.translated()})
    missing = []
    for relative in DJANGO_CATALOGS:
        ky = {(e.msgctxt, e.msgid) for e in django_catalog("ky", relative) if e.translated()}
        for e in django_catalog("ru", relative):
            if e.translated() and (e.msgctxt, e.msgid) not in ky and (e.msgctxt, e.msgid) not in ours:
                missing.append(e.msgid)
    assert missing == []


class VisibleText(HTMLParser):
    """Text a user reads in the page language: text nodes, titles, labels, placeholders and button captions.

    Elements marked with another language (e.g. `<option lang="en">English</option>` in a language switch)
    and scripts are left out.
    """

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    HIDDEN = {"script", "style", "svg", "template"}

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language
        self.texts: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        foreign = tag != "html" and attrs.get("lang") not in (None, self.language)
        if not self._skipping() and not foreign:
            for name in ("title", "aria-label", "placeholder"):
                if attrs.get(name):
                    self.texts.append(attrs[name].strip())
            if tag == "input" and attrs.get("type") == "submit" and attrs.get("value"):
                self.texts.append(attrs["value"].strip())
        if tag not in self.VOID:
            self._stack.append((tag, foreign or tag in self.HIDDEN))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.texts.append(" ".join(data.split()))


def english_msgids() -> set[str]:
    """English strings that have a different Kyrgyz text (ours or Django's), with Russian as the full list."""
    ids = set()
    for path in LOCALE.glob("ky/LC_MESSAGES/*.po"):
        ids |= {e.msgid for e in entries(path) if e.msgstr and e.msgstr != e.msgid}
    for relative in DJANGO_CATALOGS:
        ids |= {e.msgid for e in django_catalog("ru", relative) if e.translated() and e.msgstr != e.msgid}
    return {i for i in ids if re.search(r"[A-Za-z]{3}", i) and "%" not in i and "{" not in i}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["admin:index", "admin:auth_user_changelist", "admin:auth_user_add",
                                  "admin:seizures_case_changelist", "admin:seizures_case_add",
                                  "admin:species_taxon_add", "admin:permits_permit_add"])
def test_kyrgyz_admin_shows_no_untranslated_catalog_string(client, superuser, page):
    client.force_login(superuser)
    client.cookies["django_language"] = "ky"
    response = client.get(reverse(page))
    assert response.status_code == 200
    assert '<html lang="ky"' in response.content.decode()
    parser = VisibleText("ky")
    parser.feed(response.content.decode())
    known = english_msgids()
    untranslated = sorted({text for text in parser.texts if text in known or text.rstrip(":") in known})
    assert untranslated == []
