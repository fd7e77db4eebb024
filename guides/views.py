"""Help: the how-to guides in the interface language, with the screenshots and videos built by
`manage.py build_guides` (served by the app itself, to signed-in users)."""
from __future__ import annotations

import mimetypes
import re
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from .builder import guides_root, read_manifest
from .journeys import JOURNEYS, journeys_for_path

mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("video/webm", ".webm")


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    language = (get_language() or "en").split("-")[0]
    built = read_manifest().get("guides", {})
    here = journeys_for_path(request.GET.get("from", ""))
    ordered = here + [j for j in JOURNEYS if j not in here]
    guides = []
    for journey in ordered:
        media = built.get(journey.slug, {}).get(language, {})
        shots = media.get("steps", [])
        steps = [(step.caption, f"{language}/{journey.slug}/{shots[i]}" if i < len(shots) else "")
                 for i, step in enumerate(journey.steps)]
        guides.append({
            "journey": journey, "steps": steps, "for_this_page": journey in here,
            "video": f"{language}/{media['video']}" if media.get("video") else "",
            "captions": f"{language}/{media['captions']}" if media.get("captions") else "",
        })
    return render(request, "guides/index.html", {"guides": guides, "language": language})


@login_required
@require_GET
def media(request: HttpRequest, path: str) -> HttpResponse:
    root = guides_root().resolve()
    target = (root / path).resolve()
    if root not in target.parents or not target.is_file() or target.suffix not in {".png", ".webm", ".vtt"}:
        raise Http404
    content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
    return _ranged(request, Path(target), content_type)


def _ranged(request: HttpRequest, target: Path, content_type: str) -> HttpResponse:
    """The file, or the one byte range asked for (players seek in a video with Range requests)."""
    size = target.stat().st_size
    match = re.fullmatch(r"bytes=(\d*)-(\d*)", request.headers.get("Range", "").strip())
    if not match or not (match[1] or match[2]):
        response: HttpResponse = FileResponse(target.open("rb"), content_type=content_type)
    else:
        if match[1]:
            start, end = int(match[1]), min(int(match[2]) if match[2] else size - 1, size - 1)
        else:  # the last N bytes
            start, end = max(size - int(match[2]), 0), size - 1
        if start > end:
            response = HttpResponse(status=416)
            response["Content-Range"] = f"bytes */{size}"
            return response
        with target.open("rb") as handle:
            handle.seek(start)
            response = HttpResponse(handle.read(end - start + 1), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    response["Accept-Ranges"] = "bytes"
    return response
