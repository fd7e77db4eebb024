"""The guide builder on a small set, as CI runs it: screenshots of every step in ru, ky and en, and one real
screen recording (DevTools screencast → WebM) with WebVTT captions in its language, timed to the steps; the
Help page serves them. Then the three journeys about accounts, the QR check and a repeat suspect, each doing
what its captions say against the real database."""
from __future__ import annotations

import datetime
import hashlib
import itertools
import re

import pytest
from django.test import override_settings
from django.utils import timezone, translation

from agencies.models import Membership
from guides.builder import build_guides
from guides.journeys import journey
from guides.recording import FPS, SIZE, read_video
from intelligence.models import Flag, FlagStatus
from permits.models import Permit
from permits.signing import sign_permit
from seizures.models import Case
from tests.factories import CaseFactory, PersonFactory, PostFactory, add_party
from tests.web.conftest import PASSWORD, world  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAMP = r"(\d\d):(\d\d):(\d\d\.\d\d\d)"


def seconds(hours: str, minutes: str, secs: str) -> float:
    return int(hours) * 3600 + int(minutes) * 60 + float(secs)


def base_ctx(live_server, world) -> dict:  # noqa: F811
    return {"base_url": live_server.url, "username": "officer", "password": PASSWORD, "location": "Torugart",
            "species_query": "saiga", "permit_number": "KG-0", "term_value": world["hor"].pk,
            "suspect_query": "Toktogulov"}


def test_builder_makes_screenshots_in_three_languages_and_one_real_recording(
    live_server, world, tmp_path, client, chromium,  # noqa: F811
):
    ctx = base_ctx(live_server, world)
    manifest = build_guides(ctx, languages=["en", "ru"], journeys=["check-permit"], videos=[], out_dir=tmp_path,
                            browser=chromium)
    assert "video" not in manifest["guides"]["check-permit"]["en"]
    manifest = build_guides(ctx, languages=["ky"], journeys=["check-permit"], videos=["check-permit"],
                            out_dir=tmp_path, browser=chromium)
    assert set(manifest["guides"]["check-permit"]) == {"ru", "en", "ky"}  # the partial build kept ru and en
    steps = journey("check-permit").steps
    for language in ("ru", "ky", "en"):
        shots = sorted((tmp_path / language / "check-permit").glob("*.png"))
        assert len(shots) == len(steps) and all(s.stat().st_size > 1000 for s in shots)
    entry = manifest["guides"]["check-permit"]["ky"]
    video = tmp_path / "ky" / entry["video"]
    assert video.read_bytes()[:4] == b"\x1a\x45\xdf\xa3"  # WebM (EBML)

    # The video: the steady rate and size asked for, and what Chromium painted (typing makes many distinct
    # frames; a slideshow of the step screenshots would have one per step).
    meta, frames = read_video(video, width=480)
    assert tuple(meta["source_size"]) == SIZE and round(meta["fps"]) == FPS
    digests = [hashlib.md5(frame).hexdigest() for frame in frames]
    changes = sum(1 for a, b in itertools.pairwise(digests) if a != b)
    assert changes > 2 * len(steps), f"only {changes} changes of picture in {len(digests)} frames"
    duration = len(digests) / FPS
    assert abs(duration - meta["duration"]) < 0.5

    # The captions: one cue per step in Kyrgyz, in order, inside the video, the last ending where it ends.
    vtt = (tmp_path / "ky" / entry["captions"]).read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")
    cues = [(seconds(*m[:3]), seconds(*m[3:])) for m in re.findall(f"{STAMP} --> {STAMP}", vtt)]
    assert len(cues) == len(steps) and cues[0][0] == 0
    assert all(start <= end for start, end in cues)
    assert all(a[1] <= b[0] + 0.001 and a[0] < b[0] for a, b in itertools.pairwise(cues))
    assert abs(cues[-1][1] - duration) < 0.01 and abs(entry["seconds"] - duration) < 0.01
    # the step of typing the permit number (with its pace) lasts longer than a bare page change
    assert cues[1][1] - cues[1][0] > 2.0
    # each cue shows a different picture at its middle: the steps happened at the times the cues say
    middles = {digests[min(int((start + end) / 2 * FPS), len(digests) - 1)] for start, end in cues}
    assert len(middles) == len(cues)
    with translation.override("ky"):
        assert all(str(step.caption) in vtt for step in steps)

    client.force_login(world["officer"])
    with override_settings(GUIDES_ROOT=str(tmp_path)):
        client.cookies["django_language"] = "ky"
        page = client.get("/help/", {"from": "/permits/check/"}).content.decode()
        assert '<track kind="captions"' in page and "ky/check-permit.vtt" in page
        assert client.get("/help/media/ky/check-permit.vtt")["Content-Type"].startswith("text/vtt")
        assert client.get("/help/media/../manifest.json").status_code == 404
        part = client.get("/help/media/ky/check-permit.webm", HTTP_RANGE="bytes=100-199")  # a player seeking
        assert part.status_code == 206 and part.content == video.read_bytes()[100:200]
        assert part["Content-Range"] == f"bytes 100-199/{video.stat().st_size}"
        whole = client.get("/help/media/ky/check-permit.webm")
        assert whole["Accept-Ranges"] == "bytes" and b"".join(whole.streaming_content) == video.read_bytes()


@pytest.fixture
def eager_matching():
    """The live server saves cases in this process: run the matching task there too (no worker needed)."""
    from config.celery import app

    old = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = old


def test_accounts_qr_check_and_repeat_suspect_journeys_do_what_they_say(
    live_server, world, tmp_path, chromium, eager_matching,  # noqa: F811
):
    today = timezone.localdate()
    permit = Permit.objects.create(
        document_type="export", number="KG-2026-0412", issuing_country=world["kg"],
        exporter_name="Sunkar Falcons LLC", importer_name="Desert Hawks Trading",
        valid_from=today - datetime.timedelta(days=10), valid_until=today + datetime.timedelta(days=170),
    )
    sign_permit(permit)
    earlier = CaseFactory(agency=world["border"], recorded_by=world["border_officer"],
                          occurred_at=timezone.now() - datetime.timedelta(days=40))
    add_party(earlier, PersonFactory(agency=world["border"], full_name="Токтогулов Бакыт",
                                     id_document_type="passport", id_document_number="AC1234567"))
    post = PostFactory(agency=world["customs"], name="Torugart")
    ctx = {
        **base_ctx(live_server, world),
        "accounts": {"officer": ("officer", PASSWORD), "analyst": ("analyst", PASSWORD),
                     "agency_admin": ("agency_admin", PASSWORD)},
        "qr_permit_pk": permit.pk, "suspect_name": "Toktogulov Bakyt", "suspect_document": "AC 1234567",
        "review_reason": "Same passport", "new_username": "b.usenov", "new_first_name": "Bakyt",
        "new_last_name": "Usenov", "new_password": "Field-guide-2026!",
    }
    slugs = ["manage-accounts", "check-permit-qr", "repeat-suspect"]
    manifest = build_guides(ctx, languages=["ru"], journeys=slugs, videos=[], out_dir=tmp_path, browser=chromium)
    for slug in slugs:
        shots = sorted((tmp_path / "ru" / slug).glob("*.png"))
        assert manifest["guides"][slug]["ru"]["steps"] and len(shots) == len(journey(slug).steps)

    # manage accounts: an officer of the administrator's agency, with the post chosen, then deactivated
    membership = Membership.objects.select_related("user").get(user__username="b.usenov.ru")
    assert (membership.agency, membership.role, membership.post) == (world["customs"], "officer", post)
    assert membership.user.email == "b.usenov.ru@example.org" and membership.user.is_active is False
    # QR check: the journey waits for "genuine" on the verification page (it would time out otherwise)
    # repeat suspect: the officer's new case joins the earlier Border case in one flag, confirmed by the analyst
    new_case = Case.objects.exclude(pk=earlier.pk).get()
    assert new_case.agency == world["customs"] and new_case.parties.get().person.id_document_number
    flag = Flag.objects.get(kind="person")
    assert set(flag.cases.values_list("pk", flat=True)) == {earlier.pk, new_case.pk} and flag.cross_agency
    assert (flag.status, flag.reviewed_by, flag.review_reason) == (FlagStatus.CONFIRMED, world["analyst"],
                                                                    "Same passport")
