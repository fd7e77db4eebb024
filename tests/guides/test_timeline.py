"""The timing rules of the screen recordings, without a browser: frames repeated at a steady rate in real
time, captions from the moments the steps started, journeys left out when the data lacks what they need."""
from __future__ import annotations

from guides.builder import step_cues, webvtt
from guides.journeys import JOURNEYS, journey, runnable
from guides.recording import Frame, frames_at_rate


def test_frames_are_repeated_until_the_next_one_was_painted():
    frames = [Frame(10.0, b"a"), Frame(10.5, b"b"), Frame(10.45, b"late-arrival"), Frame(12.0, b"c")]
    timeline = frames_at_rate(frames, start=10.0, end=12.5, fps=4)
    # ticks at 10.0, 10.25, 10.5, ... 12.25: the frame on screen at each tick, by paint time (not arrival)
    assert [frames[i].jpeg for i in timeline] == [b"a", b"a", b"b", b"b", b"b", b"b", b"b", b"b", b"c", b"c"]
    assert len(timeline) / 4 == 2.5  # the video lasts as long as the recording
    assert frames_at_rate([], 0, 1) == []


def test_cues_follow_the_step_starts_and_end_with_the_video():
    cues = step_cues([0.0, 2.5, 7.25], 9.0, ["one", "two", "three"])
    assert cues == [(0.0, 2.5, "one"), (2.5, 7.25, "two"), (7.25, 9.0, "three")]
    assert "00:00:07.250 --> 00:00:09.000\nthree" in webvtt(cues)


def test_journeys_run_only_with_what_they_need():
    base = {"base_url": "http://x"}
    assert not runnable(journey("check-permit-qr"), base)
    assert runnable(journey("check-permit-qr"), {**base, "qr_permit_pk": 3})
    assert not runnable(journey("repeat-suspect"), {**base, "suspect_name": "A"})
    assert not runnable(journey("share-case"), base) and runnable(journey("share-case"), {"case_path": "/cases/1/"})
    assert {"manage-accounts", "check-permit-qr", "repeat-suspect"} <= {j.slug for j in JOURNEYS}
    assert journey("manage-accounts").account == "agency_admin"
