"""Build the how-to guides: drive Chromium through each journey in each language, save a screenshot per step
and, for the chosen journeys, a short video (WebM/VP8) made of the Playwright frames of the steps, with WebVTT
captions whose cues are the step captions in that language, timed to the frames. The video is encoded by the
ffmpeg binary that the imageio-ffmpeg wheel ships (Playwright's own recorder needs a separate download).
Output in `settings.GUIDES_ROOT`:

    <lang>/<journey>/<n>.png, <lang>/<journey>.webm, <lang>/<journey>.vtt, manifest.json
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import translation

from .journeys import JOURNEYS, Journey

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
VIEWPORT = {"width": 1024, "height": 700}
STEP_SECONDS = 3.0  # how long each step stays on screen in a video


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


def encode_video(frames: list[Path], target: Path, seconds: float = STEP_SECONDS) -> None:
    """A WebM (VP8) slideshow of `frames`, each shown `seconds`."""
    import imageio_ffmpeg

    listing = target.with_suffix(".frames.txt")
    lines = []
    for frame in frames:
        lines += [f"file '{frame.resolve()}'", f"duration {seconds}"]
    lines.append(f"file '{frames[-1].resolve()}'")  # the concat demuxer needs the last frame twice
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    command = [
        imageio_ffmpeg.get_ffmpeg_exe(), "-y", "-loglevel", "error", "-f", "concat", "-safe", "0",
        "-i", str(listing), "-vf", "fps=5,scale=960:-2,format=yuv420p", "-c:v", "libvpx", "-b:v", "250k",
        "-an", str(target),
    ]
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=300)
    finally:
        listing.unlink(missing_ok=True)


def _sign_in(page: Any, ctx: dict[str, Any], language: str) -> None:
    page.goto(ctx["base_url"] + "/accounts/login/")
    page.select_option("#id_language", language)
    page.wait_for_selector(f'html[lang="{language}"]')
    page.fill("#id_username", ctx["username"])
    page.fill("#id_password", ctx["password"])
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


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
    chosen: list[Journey] = [j for j in JOURNEYS if journeys is None or j.slug in set(journeys)]
    videos = set(videos)
    manifest: dict[str, Any] = {"built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "guides": {}}

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
    context = browser.new_context(viewport=VIEWPORT, locale=language)
    context.set_default_timeout(15000)
    page = context.new_page()
    _sign_in(page, ctx, language)
    cues, shots = [], []
    try:
        with translation.override(language):
            for number, step in enumerate(journey.steps, 1):
                step.action(page, ctx)
                page.wait_for_timeout(150)
                name = f"{number}.png"
                page.screenshot(path=str(folder / name))
                shots.append(name)
                start = (number - 1) * STEP_SECONDS
                cues.append((start, start + STEP_SECONDS, str(step.caption)))
    finally:
        context.close()
    entry: dict[str, Any] = {"steps": shots}
    if record:
        target = out / language / f"{journey.slug}.webm"
        encode_video([folder / name for name in shots], target)
        (out / language / f"{journey.slug}.vtt").write_text(webvtt(cues), encoding="utf-8")
        entry.update(video=target.name, captions=f"{journey.slug}.vtt")
    return entry


def read_manifest() -> dict[str, Any]:
    path = guides_root() / "manifest.json"
    if not path.exists():
        return {"guides": {}}
    return json.loads(path.read_text(encoding="utf-8"))
