"""Uploaded files: the size limit applied while reading, and the type decided from the content.

The name a browser sends and the content type it claims are never trusted. `detect` reads the first bytes
(magic numbers, with the `filetype` library) and `check_document` accepts only raster photos that Pillow can
open and verify, and PDF documents; SVG, HTML and anything else is refused whatever its name says.

`LimitedUploadHandler` (settings.FILE_UPLOAD_HANDLERS) stops storing a file once it passes
settings.UPLOAD_MAX_BYTES: the rest of the body is read and dropped, nothing large reaches the disk, and the
file is marked `too_large` so that the form answers with a translated message instead of a broken request.
"""
from __future__ import annotations

from typing import IO, Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.translation import gettext as _

#: The content types accepted for photos and scanned documents, and the extension stored for each.
DOCUMENT_TYPES: dict[str, str] = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/tiff": "tif",
    "application/pdf": "pdf",
}
IMAGE_TYPES = frozenset(t for t in DOCUMENT_TYPES if t.startswith("image/"))
HEAD_BYTES = 8192


def detect(file: IO[bytes] | Any) -> str | None:
    """The content type read from the first bytes of `file` (position restored), or None if unknown."""
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(position)
    kind = filetype.guess(head) if head else None
    return kind.mime if kind is not None else None


def _limit_mb(limit: int) -> str:
    return f"{limit / 1048576:g}"


def check_size(file: Any, limit: int) -> None:
    """Refuse a file over `limit` bytes (also one the upload handler stopped reading)."""
    if getattr(file, "too_large", False) or (file.size or 0) > limit:
        raise ValidationError(
            _("The file is too large; the limit is %(limit)s MB.") % {"limit": _limit_mb(limit)},
            code="too_large",
        )


def check_document(file: Any, limit: int) -> str:
    """The content type of an uploaded photo or scan, decided from its content; ValidationError otherwise."""
    check_size(file, limit)
    mime = detect(file)
    if mime not in DOCUMENT_TYPES:
        raise ValidationError(
            _("This file is not a photo (JPEG, PNG, WebP, TIFF) or a PDF document. Its content was checked, "
              "not its name."),
            code="file_type",
        )
    if mime in IMAGE_TYPES:
        from PIL import Image

        file.seek(0)
        try:
            with Image.open(file) as image:
                image.verify()
        except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds for damaged or hostile images
            raise ValidationError(_("This image is damaged and cannot be read."), code="broken_image") from exc
        finally:
            file.seek(0)
    return mime


class LimitedUploadHandler(TemporaryFileUploadHandler):
    """Writes uploads to a temporary file, but stops storing one after settings.UPLOAD_MAX_BYTES."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.over_limit = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        self.received += len(raw_data)
        if self.received > settings.UPLOAD_MAX_BYTES:
            self.over_limit = True
            return None  # dropped: nothing beyond the limit is stored
        return super().receive_data_chunk(raw_data, start)

    def file_complete(self, file_size: int) -> Any:
        file = super().file_complete(min(file_size, self.received))
        if self.over_limit:
            file.too_large = True
            file.size = self.received
        return file


XLSX_TYPES = frozenset({"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"})


def check_spreadsheet(file: Any, limit: int) -> str:
    """"csv" or "xlsx", decided from the content and required to agree with the name's extension: a workbook
    is a zip package, a CSV file is text (no recognised binary format, no NUL byte). ValidationError otherwise."""
    check_size(file, limit)
    name = (getattr(file, "name", "") or "").lower()
    mime = detect(file)
    position = file.tell()
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(position)
    if mime in XLSX_TYPES:
        kind = "xlsx"
    elif mime is None and b"\x00" not in head:
        kind = "csv"
    else:
        kind = ""
    expected = "xlsx" if name.endswith((".xlsx", ".xlsm")) else "csv" if name.endswith((".csv", ".txt")) else kind
    if not kind or kind != expected:
        raise ValidationError(
            _("The content of this file is not a CSV text or an XLSX workbook matching its name. Its content "
              "was checked, not its name."),
            code="file_type",
        )
    return kind
