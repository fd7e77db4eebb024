"""Wording of the catalogues: a custody transfer is the chain of custody of evidence, not safekeeping; the
Kyrgyz catalogue says "specimen" with one word (экземпляр; үлгү stays for templates and samples)."""
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def catalogue(language: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po")) if not e.obsolete]


def test_custody_transfer_is_the_chain_of_custody_of_evidence():
    ru = {e.msgid: e.msgstr for e in catalogue("ru")}
    ky = {e.msgid: e.msgstr for e in catalogue("ky")}
    for msgid in ("custody transfer", "Custody chain", "Record a custody transfer"):
        assert "доказательств" in ru[msgid] and "на хранение" not in ru[msgid]
        assert "далил" in ky[msgid] and "сактоого" not in ky[msgid]


def test_specimen_is_one_kyrgyz_word():
    specimen = [e for e in catalogue("ky") if "specimen" in e.msgid.lower()]
    assert len(specimen) > 10
    for entry in specimen:
        text = (entry.msgstr or " ".join(entry.msgstr_plural.values())).lower()
        assert "үлгү" not in text, entry.msgid
        assert "экземпляр" in text, entry.msgid
