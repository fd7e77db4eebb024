from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from permits.models import Permit, PermitLine
from permits.services import use_quantity
from permits.signing import check_code, qr_png, short_code

pytestmark = pytest.mark.urls("tests.permits.api_urls")


@pytest.fixture
def api():
    return APIClient()


def _payload(taxa, number="KG-API-1"):
    return {
        "document_type": "export", "number": number, "issuing_country": "KG", "exporter_name": "Hunter Tours",
        "importer_name": "Trophy GmbH", "country_of_import": "AE", "valid_from": "2026-05-01",
        "valid_until": "2026-10-31",
        "lines": [{"taxon": taxa.ovis.pk, "term": "TRO", "quantity": "1", "unit": "KIL", "source": "W",
                   "purpose": "H"}],
    }


def test_anonymous_refused(api, db):
    assert api.get("/api/v1/permits/").status_code in (401, 403)


def test_read_for_every_user_write_for_cites_ma(api, customs_user, cites_ma_user, taxa, codes, countries,
                                                make_permit):
    permit = make_permit()
    api.force_authenticate(customs_user)
    listing = api.get("/api/v1/permits/", {"number": "kg 2026 0001"})
    assert listing.status_code == 200
    row = listing.json()["results"][0]
    assert row["id"] == permit.pk and row["lines"][0]["taxon_name"] == "Falco cherrug"
    assert row["verification_code"] == short_code(permit)
    assert api.post("/api/v1/permits/", _payload(taxa), format="json").status_code == 403
    assert api.delete(f"/api/v1/permits/{permit.pk}/").status_code == 403

    api.force_authenticate(cites_ma_user)
    created = api.post("/api/v1/permits/", _payload(taxa), format="json")
    assert created.status_code == 201, created.json()
    new = Permit.objects.get(number="KG-API-1")
    assert new.created_by == cites_ma_user and new.lines.get().unit.code == "KIL"
    assert check_code(created.json()["verification_code"]).valid


def test_write_validation(api, cites_ma_user, taxa, codes, countries):
    api.force_authenticate(cites_ma_user)
    bad = _payload(taxa)
    bad["lines"][0]["unit"] = "GRM"  # TRO accepts KIL only
    response = api.post("/api/v1/permits/", bad, format="json")
    assert response.status_code == 400 and "unit" in str(response.json())
    empty = _payload(taxa)
    empty["lines"] = []
    assert api.post("/api/v1/permits/", empty, format="json").status_code == 400
    assert Permit.objects.count() == 0


def test_update_resigns_and_protects_used_lines(api, cites_ma_user, kilo_permit):
    api.force_authenticate(cites_ma_user)
    old_code = short_code(kilo_permit)
    response = api.patch(f"/api/v1/permits/{kilo_permit.pk}/", {"importer_name": "New Importer"}, format="json")
    assert response.status_code == 200
    assert response.json()["verification_code"] != old_code
    assert check_code(response.json()["verification_code"]).valid
    use_quantity(kilo_permit.lines.get(), Decimal("1"), reference="X")
    lines = [{"taxon": kilo_permit.lines.get().taxon_id, "term": "TRO", "quantity": "5", "unit": "KIL",
              "source": "W", "purpose": "H"}]
    replaced = api.patch(f"/api/v1/permits/{kilo_permit.pk}/", {"lines": lines}, format="json")
    assert replaced.status_code == 400
    assert PermitLine.objects.get(permit=kilo_permit).quantity == Decimal("10")


def test_verify_endpoint(api, customs_user, kilo_permit, taxa):
    api.force_authenticate(customs_user)
    use_quantity(kilo_permit.lines.get(), Decimal("8"), reference="X")
    body = api.post("/api/v1/permits/verify/", {
        "number": "KG 2026 O100", "country": "KG", "on_date": "2026-06-01",
        "items": [{"taxon": taxa.ovis.pk, "term": "TRO", "quantity": "3", "unit": "KIL"}],
    }, format="json").json()
    assert body["status"] == "quantity_exceeded"
    assert body["lines"][0]["remaining"] == Decimal("2")
    assert body["mismatches"][0]["field"] == "quantity"
    by_code = api.get("/api/v1/permits/verify/", {"code": short_code(kilo_permit)}).json()
    assert by_code["code"]["valid"] is True and by_code["permit"]["id"] == kilo_permit.pk
    forged = api.get("/api/v1/permits/verify/", {"code": "1-AAAA-AAAA-AAAA-AAAA"}).json()
    assert forged["code"]["genuine"] is False and "status" not in forged
    image = SimpleUploadedFile("qr.png", qr_png(kilo_permit), content_type="image/png")
    scanned = api.post("/api/v1/permits/verify/", {"image": image}, format="multipart").json()
    assert scanned["code"]["valid"] is True
    assert api.get("/api/v1/permits/verify/").status_code == 400


def test_required_documents_endpoint(api, customs_user, taxa, codes, countries):
    api.force_authenticate(customs_user)
    body = api.get("/api/v1/permits/required-documents/", {
        "taxon": "Panthera uncia", "source": "W", "purpose": "Z", "direction": "import",
        "exporting_country": "KZ", "importing_country": "KG",
    }).json()
    assert body["codes"] == ["export", "import"] and body["refused"] is False
    refused = api.get("/api/v1/permits/required-documents/", {
        "taxon": taxa.uncia.pk, "source": "W", "purpose": "T", "direction": "export",
        "exporting_country": "KG", "importing_country": "AE",
    }).json()
    assert refused["refused"] is True and "III(3)(c)" in refused["refusal_reason"]


def test_qr_png_endpoint(api, customs_user, kilo_permit):
    api.force_authenticate(customs_user)
    response = api.get(f"/api/v1/permits/{kilo_permit.pk}/qr/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response.content[:4] == b"\x89PNG"
