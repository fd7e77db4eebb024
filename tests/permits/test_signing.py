import io
from decimal import Decimal

import pytest
import segno
from django.test import override_settings
from PIL import Image

from permits.models import Permit, PermitLine
from permits.signing import check_code, decode_image, qr_code, qr_png, qr_svg, short_code, sign_permit


@pytest.fixture
def permit(make_permit):
    return make_permit()


def test_registered_permit_is_signed(permit):
    assert permit.signed_payload["n"] == "KG20260001"
    assert permit.signed_at is not None
    for code in (qr_code(permit), short_code(permit)):
        check = check_code(code)
        assert check.valid, check.reason
        assert check.permit == permit


def test_short_code_tolerates_typing(permit):
    code = short_code(permit)
    assert check_code(code.lower().replace("-", " ")).valid


def test_forged_codes(permit):
    code = qr_code(permit)
    tampered = code[:-3] + ("AAA" if code[-3:] != "AAA" else "BBB")
    assert not check_code(tampered).genuine
    assert not check_code("CITES1:garbage").genuine
    assert not check_code("").genuine
    short = short_code(permit)
    assert not check_code(short[:-1] + ("A" if short[-1] != "A" else "B")).genuine
    with override_settings(PERMIT_SIGNING_KEY="another-key"):
        assert not check_code(code).genuine


def test_altered_line_is_named(permit):
    code = qr_code(permit)
    PermitLine.objects.filter(permit=permit).update(quantity=Decimal("20"))
    check = check_code(code)
    assert check.genuine and not check.valid
    assert len(check.changes) == 1 and "Line 1" in check.changes[0] and "20" in check.changes[0]
    short_check = check_code(short_code(Permit.objects.get(pk=permit.pk)))
    assert short_check.changes == check.changes


def test_altered_holder_and_validity_named(permit):
    code = qr_code(permit)
    Permit.objects.filter(pk=permit.pk).update(exporter_name="Someone Else", valid_until="2030-01-01")
    changes = check_code(code).changes
    assert len(changes) == 2
    assert any("Someone Else" in c for c in changes) and any("2030-01-01" in c for c in changes)


def test_resigning_accepts_new_content_and_rejects_old_paper(permit):
    old = qr_code(permit)
    PermitLine.objects.filter(permit=permit).update(quantity=Decimal("3"))
    sign_permit(permit)
    assert check_code(qr_code(permit)).valid
    assert check_code(old).changes  # the old paper shows 2 specimens, the register 3


def test_qr_svg(permit):
    svg = qr_svg(permit)
    assert svg.startswith("<svg") and "path" in svg


def _photo(png: bytes, angle: float, scale: float) -> bytes:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image = image.resize((int(image.width * scale), int(image.height * scale)))
    image = image.rotate(angle, expand=True, fillcolor="white")
    canvas = Image.new("RGB", (image.width + 200, image.height + 150), "white")
    canvas.paste(image, (120, 60))
    out = io.BytesIO()
    canvas.save(out, format="JPEG", quality=85)
    return out.getvalue()


def test_decode_phone_image(permit):
    png = qr_png(permit)
    assert decode_image(png) == [qr_code(permit)]
    texts = decode_image(_photo(png, angle=7, scale=1.4))
    assert texts == [qr_code(permit)]
    assert check_code(texts[0]).valid


def test_decode_image_without_code():
    out = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(out, format="PNG")
    assert decode_image(out.getvalue()) == []
    assert decode_image(b"not an image") == []
    other = io.BytesIO()
    segno.make("hello").save(other, kind="png", scale=5)
    assert not check_code(decode_image(other.getvalue())[0]).genuine
