"""Build the how-to guides: drive Chromium through each journey in each language and save a screenshot per
step; for the chosen journeys, also record the browser session as a real video (the DevTools screencast,
`recording.py`): typing and clicks as they happen, at a steady frame rate, encoded as WebM (VP8) by the ffmpeg
binary of the imageio-ffmpeg wheel, with WebVTT captions in that language whose cues start when each step
actually started in the recording. Output in `settings.GUIDES_ROOT`:

    <lang>/<journey>/<n>.png, <lang>/<journey>.webm, <lang>/<journey>.vtt, manifest.json
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from . import recording
from .journeys import HOLD_MS, JOURNEYS, Journey, runnable, sign_in

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORT = {"width": recording.SIZE[0], "height": recording.SIZE[1]}


def guides_root() -> Path:
    return Path(settings.GUIDES_ROOT)


def _stamp(seconds: float) -> str:
    hours, rest = divmod(max(seconds, 0.0), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:06.3f}"


def webvtt(cues: list[tuple[float, float, str]]) -> str:
    """A WebVTT file from (start, end, text) cues in seconds."""
    lines = ["WEBVTT", ""]
    for number, (start, end, text) in enumerate(cues, 1):
        lines += [str(number), f"{_stamp(start)} --> {_stamp(end)}", text, ""]
    return "\n".join(lines)


def step_cues(starts: list[float], end: float, captions: list[str]) -> list[tuple[float, float, str]]:
    """Cues from the moments (seconds into the video) the steps started; each lasts until the next one."""
    bounds = [*starts[1:], end]
    return [(start, max(stop, start), text) for start, stop, text in zip(starts, bounds, captions, strict=True)]


def build_guides(
    ctx: dict[str, Any],
    *,
    languages: Iterable[str] = ("ru", "ky", "en"),
    journeys: Iterable[str] | None = None,
    videos: Iterable[str] = (),
    out_dir: Path | None = None,
    browser: Any = None,
) -> dict[str, Any]:
    """Run the journeys; `ctx` holds base_url, username, password and the journeys' inputs. Returns the manifest.

    `browser` is a Playwright Chromium already launched (the tests' one); without it one is started here."""
    out = Path(out_dir or guides_root())
    chosen: list[Journey] = [j for j in JOURNEYS if (journeys is None or j.slug in set(journeys)) and runnable(j, ctx)]
    videos = set(videos)
    manifest = read_manifest(out)  # a partial build (some journeys or languages) keeps the others
    manifest["built_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())

    def run_all(chromium: Any) -> None:
        for language in languages:
            for journey in chosen:
                manifest["guides"].setdefault(journey.slug, {})[language] = _run(
                    chromium, ctx, journey, language, out, record=journey.slug in videos,
                )

    if browser is not None:
        run_all(browser)
    else:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            try:
                run_all(chromium)
            finally:
                chromium.close()
    out.mkdir(parents=True, exist_ok=True)
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def _run(browser: Any, ctx: dict[str, Any], journey: Journey, language: str, out: Path, *, record: bool) -> dict:
    folder = out / language / journey.slug
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    # A recording draws a pointer into the pages (recording.POINTER_SCRIPT): only there is the site's CSP bypassed.
    context = browser.new_context(viewport=VIEWPORT, locale=language, bypass_csp=record)
    context.set_default_timeout(60000)  # demo data on a busy machine: some pages take seconds
    if record:
        context.add_init_script(script=recording.POINTER_SCRIPT)
    page = context.new_page()
    began = time.monotonic()
    shots, starts = [], []
    recorder = recording.ScreenRecorder(page) if record else None
    with tempfile.TemporaryDirectory() as work_dir:
        run_ctx = {**ctx, "language": language, "pace": record, "work_dir": work_dir, "state": {}}
        try:
            sign_in(page, {**run_ctx, "pace": False}, language, journey.account)
            with translation.override(language):
                if recorder:
                    recorder.start()
                for number, step in enumerate(journey.steps, 1):
                    starts.append(time.time())
                    step.action(page, run_ctx)
                    page.wait_for_timeout(HOLD_MS if record else 150)
                    name = f"{number}.png"
                    page.screenshot(path=str(folder / name), style=recording.HIDE_POINTER_CSS if record else None)
                    shots.append(name)
                if recorder:
                    recorder.stop()
        finally:
            context.close()
    entry: dict[str, Any] = {"steps": shots}
    if recorder:
        encoding = time.monotonic()
        target = out / language / f"{journey.slug}.webm"
        timeline = recording.frames_at_rate(recorder.frames, recorder.started_at, recorder.stopped_at)
        recording.encode_webm(recorder.frames, timeline, target)
        duration = len(timeline) / recording.FPS
        with translation.override(language):
            captions = [str(step.caption) for step in journey.steps]
        offsets = [0.0] + [min(s - recorder.started_at, duration) for s in starts[1:]]
        cues = step_cues(offsets, duration, captions)
        (out / language / f"{journey.slug}.vtt").write_text(webvtt(cues), encoding="utf-8")
        entry.update(video=target.name, captions=f"{journey.slug}.vtt", seconds=round(duration, 2),
                     frames_painted=len(recorder.frames), bytes=target.stat().st_size,
                     encoded_in=round(time.monotonic() - encoding, 1))
    entry["built_in"] = round(time.monotonic() - began, 1)
    return entry


def read_manifest(root: Path | None = None) -> dict[str, Any]:
    path = Path(root or guides_root()) / "manifest.json"
    if not path.exists():
        return {"guides": {}}
    return json.loads(path.read_text(encoding="utf-8"))
