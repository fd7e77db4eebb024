"""Signed verification codes for permits (HMAC-SHA256 over a canonical serialisation).

Two forms of one signature:
- the *QR code* carries the whole signed content (number, issuing country, holders, lines, validity), so a
  scanned code shows what the issuing authority signed even offline, and any alteration of the paper shows;
- the *short code* (``<id>-XXXX-XXXX-XXXX-XXXX``) is printed under the QR code to be typed by hand; it proves
  the content stored when the permit was signed.

On verification the signed content is compared with the permit as it is now: any change to the permit or its
lines after signing is reported by name. The key is ``settings.PERMIT_SIGNING_KEY`` (falling back to
``SECRET_KEY``).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Permit

CODE_PREFIX = "CITES1:"
_SALT = "permits.signing.v1"
_SHORT = re.compile(r"^(?P<id>\d+)[\s\-]+(?P<mac>[A-Za-z0-9][A-Za-z0-9\s\-]*)$")
_TYPO = str.maketrans({"0": "O", "1": "I", "8": "B"})  # base32 has no 0, 1 or 8: fix common misreadings


def _key() -> str:
    return getattr(settings, "PERMIT_SIGNING_KEY", None) or settings.SECRET_KEY


def _signer() -> signing.Signer:
    return signing.Signer(key=_key(), salt=_SALT, algorithm="sha256")


def _qty(value: Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text


def canonical_payload(permit: Permit, lines: list[Any] | None = None) -> dict[str, Any]:
    """The content a verification code covers, in a stable, compact form (short keys).

    `lines`: the permit's saved lines with their taxon, term, unit, source and purpose loaded (set-based
    writers pass them; otherwise they are read).
    """
    if lines is None:
        lines = list(permit.lines.select_related("taxon", "term", "unit", "source", "purpose"))
    rows = []
    for line in sorted(lines, key=lambda line: line.line_no):
        rows.append(
            [
                line.line_no,
                line.taxon.scientific_name,
                line.term.code,
                _qty(line.quantity),
                line.unit.code if line.unit_id else "",
                line.source.code,
                line.purpose.code,
            ]
        )
    return {
        "id": permit.pk,
        "n": permit.number_normalized,
        "c": permit.issuing_country.iso2,
        "t": permit.document_type,
        "e": permit.exporter_name,
        "i": permit.importer_name,
        "f": permit.valid_from.isoformat(),
        "u": permit.valid_until.isoformat(),
        "s": permit.security_stamp_number,
        "l": rows,
    }


def _canonical_bytes(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _short_mac(payload: dict[str, Any]) -> str:
    digest = hmac.new(
        (_SALT + _key()).encode(), _canonical_bytes(payload), hashlib.sha256
    ).digest()
    return base64.b32encode(digest[:10]).decode()  # 16 characters, 80 bits


@transaction.atomic
def sign_permits_bulk(permits: list[tuple[Permit, list[Any]]]) -> None:
    """Sign many just-written permits (each with its saved lines) in one UPDATE per 1,000 permits."""
    now = timezone.now()
    for permit, lines in permits:
        permit.signed_payload, permit.signed_at = canonical_payload(permit, lines), now
    Permit.objects.bulk_update([p for p, _lines in permits], ["signed_payload", "signed_at"], batch_size=1000)


def sign_permit(permit: Permit) -> Permit:
    """Sign the permit as it is now (after its lines are saved); signing again replaces the old code."""
    payload = canonical_payload(permit)
    Permit.objects.filter(pk=permit.pk).update(signed_payload=payload, signed_at=timezone.now())
    permit.signed_payload = payload
    permit.refresh_from_db(fields=["signed_at"])
    return permit


def qr_code(permit: Permit) -> str:
    """The text encoded in the permit's QR code (signed content). The permit must be signed."""
    if not permit.signed_payload:
        raise ValueError("The permit is not signed.")
    return CODE_PREFIX + _signer().sign_object(permit.signed_payload, compress=True)


def short_code(permit: Permit) -> str:
    """The code printed for typing by hand: ``<id>-XXXX-XXXX-XXXX-XXXX``."""
    if not permit.signed_payload:
        raise ValueError("The permit is not signed.")
    mac = _short_mac(permit.signed_payload)
    return f"{permit.pk}-" + "-".join(mac[i : i + 4] for i in range(0, 16, 4))


def qr_svg(permit: Permit, scale: int = 3) -> str:
    """The QR code as an inline SVG that scales to any printed size.

    ``omitsize`` makes segno write a ``viewBox`` instead of fixed width/height, so CSS can size the whole
    symbol (with its quiet zone) instead of cropping it to the top-left finder square."""
    import segno

    buffer = io.BytesIO()
    segno.make(qr_code(permit), error="m").save(
        buffer, kind="svg", scale=scale, border=4, xmldecl=False, svgns=True, omitsize=True,
    )
    return buffer.getvalue().decode()


def qr_png(permit: Permit, scale: int = 6) -> bytes:
    import segno

    buffer = io.BytesIO()
    segno.make(qr_code(permit), error="m").save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


@dataclass
class CodeCheck:
    """What a verification code proves. `valid` = genuine signature and permit unchanged since signing."""

    genuine: bool
    permit: Permit | None = None
    signed: dict[str, Any] | None = None
    changes: list[str] = field(default_factory=list)
    reason: str = ""

    @property
    def valid(self) -> bool:
        return self.genuine and self.permit is not None and not self.changes


def describe_changes(signed: dict[str, Any], current: dict[str, Any]) -> list[str]:
    labels = {
        "n": _("permit number"),
        "c": _("issuing country"),
        "t": _("document type"),
        "e": _("exporter"),
        "i": _("importer"),
        "f": _("valid from"),
        "u": _("valid until"),
        "s": _("security stamp number"),
    }
    changes = []
    for key, label in labels.items():
        if signed.get(key) != current.get(key):
            changes.append(
                _("%(field)s changed after signing: “%(old)s” → “%(new)s”")
                % {"field": label, "old": signed.get(key, ""), "new": current.get(key, "")}
            )
    old_lines = {row[0]: row for row in signed.get("l", [])}
    new_lines = {row[0]: row for row in current.get("l", [])}
    names = [_("taxon"), _("term"), _("quantity"), _("unit"), _("source"), _("purpose")]
    for no in sorted(set(old_lines) | set(new_lines)):
        old, new = old_lines.get(no), new_lines.get(no)
        if old is None:
            changes.append(_("Line %(no)s was added after signing.") % {"no": no})
        elif new is None:
            changes.append(_("Line %(no)s was removed after signing.") % {"no": no})
        else:
            for index, name in enumerate(names, start=1):
                if old[index] != new[index]:
                    changes.append(
                        _("Line %(no)s: %(field)s changed after signing: “%(old)s” → “%(new)s”")
                        % {"no": no, "field": name, "old": old[index], "new": new[index]}
                    )
    return changes


def _compare(permit: Permit | None, signed: dict[str, Any]) -> CodeCheck:
    if permit is None:
        return CodeCheck(
            genuine=True, signed=signed, reason=_("The code is genuine but the permit is not in the register.")
        )
    changes = describe_changes(signed, canonical_payload(permit))
    reason = _("The permit was altered after its code was issued.") if changes else ""
    return CodeCheck(genuine=True, permit=permit, signed=signed, changes=changes, reason=reason)


def _find(pk: Any) -> Permit | None:
    try:
        return Permit.objects.select_related("issuing_country").get(pk=int(pk))
    except (Permit.DoesNotExist, TypeError, ValueError):
        return None


def check_code(code: str) -> CodeCheck:
    """Check a scanned (QR) or typed (short) verification code."""
    code = (code or "").strip()
    forged = CodeCheck(genuine=False, reason=_("The code is not genuine: it was not issued by this system."))
    if code.upper().startswith(CODE_PREFIX):
        try:
            signed = _signer().unsign_object(code[len(CODE_PREFIX) :])
        except (signing.BadSignature, ValueError):
            return forged
        if not isinstance(signed, dict):
            return forged
        return _compare(_find(signed.get("id")), signed)
    match = _SHORT.match(code)
    if not match:
        return forged
    mac = re.sub(r"[\s\-]", "", match["mac"]).upper().translate(_TYPO)
    permit = _find(match["id"])
    if permit is None or not permit.signed_payload or len(mac) != 16:
        return forged
    if not hmac.compare_digest(_short_mac(permit.signed_payload), mac):
        return forged
    return _compare(permit, permit.signed_payload)


def decode_image(data: bytes) -> list[str]:
    """Texts of the QR codes found in an image (a phone photo or a scan)."""
    import zxingcpp
    from PIL import Image, ImageOps

    try:
        image = Image.open(io.BytesIO(data))
        image = ImageOps.exif_transpose(image).convert("RGB")
    except Exception:  # noqa: BLE001 - any unreadable upload
        return []
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    if not results:
        results = zxingcpp.read_barcodes(ImageOps.grayscale(image), formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in results if r.text]
