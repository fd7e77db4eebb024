from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from permits.models import Permit
from permits.signing import qr_png, short_code

DATA = Path(__file__).parent / "data"


@pytest.fixture
def officer_client(client, customs_user):
    client.force_login(customs_user)
    return client


def test_login_required(client, db):
    for name in ("permits:index", "permits:check", "permits:verify", "permits:import", "permits:documents"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_check_page(officer_client, make_permit):
    permit = make_permit()
    response = officer_client.get(reverse("permits:check"), {"number": "kg 2026 0001", "country": "KG",
                                                             "on_date": "2026-06-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Sunkar Falcons LLC" in body and "Falco cherrug" in body
    assert "status-valid" in body
    assert "Export permit" in body  # required documents shown
    assert reverse("permits:print", args=[permit.pk]) in body


def test_check_page_unknown(officer_client, make_permit):
    response = officer_client.get(reverse("permits:check"), {"number": "NOPE-1"})
    assert "status-unknown" in response.content.decode()


def test_verify_typed_and_photo(officer_client, make_permit):
    permit = make_permit()
    typed = officer_client.post(reverse("permits:verify"), {"code": short_code(permit)})
    assert "Genuine code: the permit matches" in typed.content.decode()
    photo = SimpleUploadedFile("qr.png", qr_png(permit), content_type="image/png")
    scanned = officer_client.post(reverse("permits:verify"), {"image": photo})
    body = scanned.content.decode()
    assert "Genuine code: the permit matches" in body and "Sunkar Falcons LLC" in body
    forged = officer_client.post(reverse("permits:verify"), {"code": f"{permit.pk}-AAAA-BBBB-CCCC-DDDD"})
    assert "Forged or mistyped code" in forged.content.decode()


def test_print_page_has_qr(officer_client, make_permit):
    permit = make_permit()
    body = officer_client.get(reverse("permits:print", args=[permit.pk])).content.decode()
    assert "<svg" in body and short_code(permit) in body


def test_sign_only_for_cites_ma(client, customs_user, cites_ma_user, make_permit):
    permit = make_permit(sign=False)
    assert not permit.signed_payload
    client.force_login(customs_user)
    assert client.post(reverse("permits:sign", args=[permit.pk])).status_code == 403
    client.force_login(cites_ma_user)
    assert client.post(reverse("permits:sign", args=[permit.pk])).status_code == 302
    assert Permit.objects.get(pk=permit.pk).signed_payload


def test_import_page(client, customs_user, cites_ma_user, codes, taxa, countries):
    client.force_login(customs_user)
    assert client.get(reverse("permits:import")).status_code == 403
    client.force_login(cites_ma_user)
    bad = SimpleUploadedFile("bad.csv", (DATA / "permits_bad.csv").read_bytes())
    body = client.post(reverse("permits:import"), {"file": bad}).content.decode()
    assert "nothing was imported" in body and "Unknown taxon" in body
    assert Permit.objects.count() == 0
    good = SimpleUploadedFile("ok.csv", (DATA / "permits_ok.csv").read_bytes())
    client.post(reverse("permits:import"), {"file": good})
    assert Permit.objects.count() == 2


def test_documents_page(officer_client, taxa, codes, countries):
    response = officer_client.get(reverse("permits:documents"), {
        "taxon": taxa.uncia.pk, "source": "W", "purpose": "T", "direction": "export",
        "exporting_country": "KG", "importing_country": "AE",
    })
    body = response.content.decode()
    assert response.status_code == 200 and "III(3)(c)" in body
