"""The guide builder on a small set, as CI runs it: screenshots of every step in ru, ky and en, and one video
with WebVTT captions in its language; the Help page serves them."""
from __future__ import annotations

import re

import pytest
from django.test import override_settings
from django.utils import translation

from guides.builder import build_guides
from guides.journeys import journey
from tests.web.conftest import PASSWORD, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_builder_makes_screenshots_in_three_languages_and_one_captioned_video(
    live_server, world, tmp_path, client, chromium,  # noqa: F811
):
    ctx = {"base_url": live_server.url, "username": "officer", "password": PASSWORD, "location": "Torugart",
           "species_query": "saiga", "permit_number": "KG-0", "term_value": world["hor"].pk,
           "suspect_query": "Toktogulov"}
    manifest = build_guides(ctx, languages=["ru", "en"], journeys=["check-permit"], videos=[], out_dir=tmp_path,
                            browser=chromium)
    assert "video" not in manifest["guides"]["check-permit"]["en"]
    manifest = build_guides(ctx, languages=["ky"], journeys=["check-permit"], videos=["check-permit"],
                            out_dir=tmp_path, browser=chromium)
    steps = journey("check-permit").steps
    for language in ("ru", "ky", "en"):
        shots = sorted((tmp_path / language / "check-permit").glob("*.png"))
        assert len(shots) == len(steps) and all(s.stat().st_size > 1000 for s in shots)
    entry = manifest["guides"]["check-permit"]["ky"]
    video = tmp_path / "ky" / entry["video"]
    assert video.stat().st_size > 10_000 and video.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # WebM (EBML)
    vtt = (tmp_path / "ky" / entry["captions"]).read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    cues = re.findall(r"(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)", vtt)
    assert len(cues) == len(journey("check-permit").steps)
    assert cues == sorted(cues)
    with translation.override("ky"):
        assert str(journey("check-permit").steps[0].caption) in vtt

    client.force_login(world["officer"])
    with override_settings(GUIDES_ROOT=str(tmp_path)):
        client.cookies["django_language"] = "ky"
        page = client.get("/help/", {"from": "/permits/check/"}).content.decode()
        assert '<track kind="captions"' in page and "ky/check-permit.vtt" in page
        assert client.get("/help/media/ky/check-permit.vtt")["Content-Type"].startswith("text/vtt")
        assert client.get("/help/media/../manifest.json").status_code == 404
