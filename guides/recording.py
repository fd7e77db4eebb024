"""Real screen recordings of the guide journeys, without Playwright's own recorder (that needs a separate
ffmpeg download): Chromium sends the frames it paints through the DevTools protocol screencast
(`Page.startScreencast`, one `Page.screencastFrame` event per painted frame, each acknowledged), with the
time it was painted. Chromium sends a frame only when the screen changes, so `frames_at_rate` repeats the
last frame until the next one to keep the real timing at a steady rate, and `encode_webm` pipes the frames
to the ffmpeg binary of the imageio-ffmpeg wheel (VP8 in WebM).

The pages get a visible pointer and a ring on each click (`POINTER_SCRIPT`): headless Chromium draws no
mouse pointer of its own.
"""
from __future__ import annotations

import base64
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FPS = 6
SIZE = (1280, 720)
CRF = 12  # constant quality: a still screen costs almost nothing, typing and page changes get the bits
MAX_BITRATE = "1M"
JPEG_QUALITY = 70

#: Drawn in every page of a recorded journey: a dot that follows the mouse and a ring where it presses.
#: (The builder's browser context bypasses the site's Content-Security-Policy for this script only.)
POINTER_SCRIPT = """
(() => {
  const ring = 'position:fixed;z-index:2147483647;pointer-events:none;border-radius:50%;';
  let dot = null;
  const place = (x, y) => {
    if (!document.body) return;
    if (!dot || !dot.isConnected) {
      dot = document.createElement('div');
      dot.setAttribute('data-guide-pointer', '');
      dot.style.cssText = ring + 'width:18px;height:18px;margin:-9px 0 0 -9px;background:rgba(228,87,46,.85);'
        + 'border:2px solid #fff;box-shadow:0 0 0 1px #333;';
      document.body.appendChild(dot);
    }
    dot.style.left = x + 'px';
    dot.style.top = y + 'px';
  };
  window.addEventListener('mousemove', (e) => place(e.clientX, e.clientY), true);
  window.addEventListener('mousedown', (e) => {
    place(e.clientX, e.clientY);
    const wave = document.createElement('div');
    wave.setAttribute('data-guide-pointer', '');
    wave.style.cssText = ring + 'width:44px;height:44px;margin:-22px 0 0 -22px;border:4px solid #e4572e;'
      + 'left:' + e.clientX + 'px;top:' + e.clientY + 'px;transition:transform .45s,opacity .45s;';
    document.body.appendChild(wave);
    setTimeout(() => { wave.style.transform = 'scale(1.7)'; wave.style.opacity = '0'; }, 30);
    setTimeout(() => wave.remove(), 600);
  }, true);
})();
"""
#: Hides the pointer in the still screenshots taken during a recording.
HIDE_POINTER_CSS = "[data-guide-pointer]{display:none !important}"


@dataclass
class Frame:
    at: float  # seconds since the epoch, when Chromium painted it
    jpeg: bytes


@dataclass
class ScreenRecorder:
    """The screencast of one page: `start()`, drive the page, `stop()`; then `frames` holds what was painted."""

    page: Any
    size: tuple[int, int] = SIZE
    frames: list[Frame] = field(default_factory=list)
    started_at: float = 0.0
    stopped_at: float = 0.0
    _session: Any = None

    def start(self) -> None:
        self._session = self.page.context.new_cdp_session(self.page)
        self._session.on("Page.screencastFrame", self._on_frame)
        self.started_at = time.time()
        self._session.send("Page.startScreencast", {
            "format": "jpeg", "quality": JPEG_QUALITY, "maxWidth": self.size[0], "maxHeight": self.size[1],
            "everyNthFrame": 1,
        })
        deadline = time.monotonic() + 5
        while not self.frames and time.monotonic() < deadline:  # Chromium sends the current screen first
            self.page.wait_for_timeout(50)
        if not self.frames:
            raise RuntimeError("Chromium sent no screencast frame")

    def _on_frame(self, params: dict[str, Any]) -> None:
        painted = params.get("metadata", {}).get("timestamp") or time.time()
        self.frames.append(Frame(float(painted), base64.b64decode(params["data"])))
        try:
            self._session.send("Page.screencastFrameAck", {"sessionId": params["sessionId"]})
        except Exception:  # noqa: BLE001 - the page closed between the frame and its acknowledgement
            pass

    def stop(self) -> None:
        self.page.wait_for_timeout(100)  # let the last painted frames arrive
        self.stopped_at = time.time()
        self._session.send("Page.stopScreencast")
        self._session.detach()


def frames_at_rate(frames: list[Frame], start: float, end: float, fps: int = FPS) -> list[int]:
    """For each tick of a steady `fps` clock from `start` to `end`, the index of the frame on screen then
    (the last one painted at or before the tick; the first one before anything was painted)."""
    if not frames:
        return []
    order = sorted(range(len(frames)), key=lambda i: frames[i].at)
    ticks = max(1, round((end - start) * fps))
    chosen, current, position = [], order[0], 0
    for tick in range(ticks):
        moment = start + tick / fps
        while position < len(order) and frames[order[position]].at <= moment:
            current = order[position]
            position += 1
        chosen.append(current)
    return chosen


def _rgb(jpeg: bytes, size: tuple[int, int]) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(jpeg)).convert("RGB")
    if image.size != size:
        canvas = Image.new("RGB", size, (255, 255, 255))
        image.thumbnail(size)
        canvas.paste(image, (0, 0))
        image = canvas
    return image.tobytes()


def encode_webm(frames: list[Frame], timeline: list[int], target: Path, *, size: tuple[int, int] = SIZE,
                fps: int = FPS) -> None:
    """Write `timeline` (frame indexes, one per tick) as a WebM (VP8) video of `size` at `fps`."""
    import imageio_ffmpeg

    writer = imageio_ffmpeg.write_frames(
        str(target), size, fps=fps, codec="libvpx", bitrate=None, quality=None, pix_fmt_out="yuv420p",
        macro_block_size=8, ffmpeg_log_level="error",
        # one encoder thread: on a busy machine libvpx's threads wait on each other (14 s instead of 2 s here)
        output_params=["-crf", str(CRF), "-b:v", MAX_BITRATE, "-deadline", "realtime", "-cpu-used", "8",
                       "-threads", "1", "-auto-alt-ref", "0", "-an"],
    )
    writer.send(None)
    try:
        last_index, last_rgb = -1, b""
        for index in timeline:
            if index != last_index:
                last_index, last_rgb = index, _rgb(frames[index].jpeg, size)
            writer.send(last_rgb)
    finally:
        writer.close()


def read_video(path: Path, width: int | None = None) -> tuple[dict[str, Any], Iterator[bytes]]:
    """The metadata (fps, size, duration) and the decoded RGB frames of a video (scaled to `width` if given)."""
    import imageio_ffmpeg

    scale = ["-vf", f"scale={width}:-2"] if width else None
    reader = imageio_ffmpeg.read_frames(str(path), output_params=scale)
    return reader.__next__(), reader
