import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agencies.choices import Role
from imports.models import ImportBatch, MappingTemplate
from seizures.models import Case
from tests.factories import make_member

from .fixtures import BAD_CSV, CP1251_CSV, messy_xlsx


@pytest.mark.django_db
def test_import_page_refused_to_officer_and_other_agency_admin(client, customs, border, supervisor):
    officer = make_member(customs, Role.OFFICER)
    client.force_login(officer)
    assert client.get(reverse("imports:start")).status_code == 403
    assert "/imports/" not in client.get(reverse("web:home")).content.decode()
    client.force_login(supervisor)
    client.post(reverse("imports:start"), {"file": SimpleUploadedFile("r.csv", CP1251_CSV)})
    batch = ImportBatch.objects.get()
    other_admin = make_member(border, Role.AGENCY_ADMIN)
    client.force_login(other_admin)
    assert client.get(reverse("imports:batch", args=[batch.pk])).status_code == 404
    assert client.get(reverse("imports:report", args=[batch.pk])).status_code == 404
    assert client.post(reverse("imports:undo", args=[batch.pk])).status_code == 404


@pytest.mark.django_db
def test_upload_map_preview_template_and_import(client, supervisor, customs):
    client.force_login(supervisor)
    assert "/imports/" in client.get(reverse("web:home")).content.decode()
    response = client.post(reverse("imports:start"), {"file": SimpleUploadedFile("w.xlsx", messy_xlsx())})
    batch = ImportBatch.objects.get()
    assert response.status_code == 302
    page = client.get(reverse("imports:batch", args=[batch.pk]))
    html = page.content.decode()
    assert 'name="map_quantity"' in html and 'value="3" selected' in html  # suggested from "Количество"
    form = {f"map_{k}": v for k, v in {"case_number": "0", "occurred_at": "1", "species": "2", "quantity": "3",
                                       "unit": "4", "nationality": "5"}.items()}
    form.update(sheet="Изъятия", action="preview")
    preview = client.post(reverse("imports:batch", args=[batch.pk]), form)
    text = preview.content.decode()
    assert "Saiga tatarica" in text and "Panthera uncia" in text and Case.objects.count() == 0
    client.post(reverse("imports:batch", args=[batch.pk]), {**form, "action": "template", "template_name": "ГТС"})
    assert MappingTemplate.objects.get(agency=customs).mapping["quantity"] == "Количество"
    response = client.post(reverse("imports:batch", args=[batch.pk]), {**form, "action": "import"})
    assert response.status_code == 302
    from imports.tasks import run_batch

    run_batch(batch.pk)  # runs in-process when no worker took it (idempotent when one did)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE and Case.objects.count() == 2
    progress = client.get(reverse("imports:progress", args=[batch.pk])).content.decode()
    assert batch.sha256 in progress and "Количество" in progress


@pytest.mark.django_db
def test_report_download_names_rows(client, supervisor):
    client.force_login(supervisor)
    client.post(reverse("imports:start"), {"file": SimpleUploadedFile("bad.csv", BAD_CSV)})
    batch = ImportBatch.objects.get()
    client.post(reverse("imports:batch", args=[batch.pk]), {
        "map_case_number": "0", "map_occurred_at": "1", "map_species": "2", "map_quantity": "3", "map_unit": "4",
        "action": "preview"})
    report = client.get(reverse("imports:report", args=[batch.pk])).content.decode("utf-8-sig")
    assert "\n2;A-1;" in report and "\n8;A-6;" in report
    assert Case.objects.count() == 0


@pytest.mark.django_db
def test_agency_number_shown_on_case_page_list_search_and_api(client, supervisor, customs):
    from imports.services import create_batch, run_import

    batch = create_batch(supervisor, customs, CP1251_CSV, "r.csv")
    run_import(batch, CP1251_CSV)
    case = Case.objects.get(agency_case_number="13/19")
    client.force_login(supervisor)
    page = client.get(reverse("seizures:case_detail", args=[case.pk])).content.decode()
    assert "13/19" in page and "r.csv" in page
    found = client.get(reverse("seizures:case_list"), {"q": "13/19"}).content.decode()
    assert case.reference in found and Case.objects.get(agency_case_number="14/19").reference not in found
    data = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert data["agency_case_number"] == "13/19"
