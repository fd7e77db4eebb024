"""The new / edit seizure form: saves through the services, keeps every input on errors, rows and photos."""
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from permits.models import Permit
from seizures.choices import CaseStatus
from seizures.models import Attachment, Case, CaseParty, SeizedItem
from tests.web.conftest import case_post_data, management

pytestmark = pytest.mark.django_db


def png(name="seizure.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_new_seizure_page_has_rows_templates_and_type_ahead(client, world):
    client.force_login(world["officer"])
    html = client.get("/cases/new/").content.decode()
    for prefix in ("items", "parties", "conveyances", "photos"):
        assert f'id="{prefix}-template"' in html
        assert f'data-add-row="{prefix}"' in html
        assert f'name="{prefix}-TOTAL_FORMS"' in html
    assert "/species/suggest/" in html and "/cases/permit-status/" in html
    assert 'data-autosave="draft:new"' in html
    assert 'enctype="multipart/form-data"' in html


def test_submit_creates_the_case_with_items_parties_conveyances_and_photo(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **management("photos", 1))
    data.update({"photos-0-file": png(), "photos-0-kind": "photo", "photos-0-description": "boxes"})
    response = client.post("/cases/new/", data)
    assert response.status_code == 302
    case = Case.objects.get()
    assert response["Location"] == f"/cases/{case.pk}/"
    assert case.status == CaseStatus.OPEN
    assert case.agency == world["customs"] and case.recorded_by == world["officer"]
    assert case.items.count() == 2
    live = case.items.get(term=world["liv"])
    assert live.live_count == 2 and live.cites_appendix_at_seizure == "II"
    party = case.parties.get()
    assert party.person.full_name == "Токтогулов Бакыт" and party.person.nationality == world["kg"]
    assert case.conveyances.get().identifier == "01KG123ABC"
    attachment = Attachment.objects.get(case=case)
    assert attachment.uploaded_by == world["officer"] and attachment.description == "boxes"
    detail = client.get(response["Location"])
    assert 'data-clear-draft="draft:new"' in detail.content.decode()
    assert "Falco cherrug" in detail.content.decode()


def test_save_as_draft(client, world):
    client.force_login(world["officer"])
    response = client.post("/cases/new/", case_post_data(world, action="draft", export_country="KG"))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.status == CaseStatus.DRAFT
    assert case.export_country.iso2 == "KG"  # the country of export/re-export, from the form
    assert case in client.get("/").context["drafts"]
    edit = client.get(f"/cases/{case.pk}/edit/").content.decode()
    assert 'value="draft"' in edit  # a draft can still be saved as draft or submitted
    data = case_post_data(world, action="submit", **_existing_rows(case))
    assert client.post(f"/cases/{case.pk}/edit/", data).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def _existing_rows(case):
    """Form data that keeps the case's rows as they are (ids of the existing rows)."""
    items = list(case.items.order_by("id"))
    parties = list(case.parties.order_by("id"))
    conveyances = list(case.conveyances.order_by("id"))
    data = {**management("items", len(items), len(items)), **management("parties", len(parties), len(parties)),
            **management("conveyances", len(conveyances), len(conveyances))}
    for i, item in enumerate(items):
        data.update({f"items-{i}-id": str(item.pk), f"items-{i}-taxon": str(item.taxon_id or ""),
                     f"items-{i}-term": str(item.term_id), f"items-{i}-quantity": str(item.quantity),
                     f"items-{i}-unit": str(item.unit_id or ""), f"items-{i}-live_count": str(item.live_count or ""),
                     f"items-{i}-disposition": item.disposition})
    for i, party in enumerate(parties):
        person = party.person
        data.update({f"parties-{i}-id": str(party.pk), f"parties-{i}-kind": "person", f"parties-{i}-role": party.role,
                     f"parties-{i}-full_name": person.full_name,
                     f"parties-{i}-nationality": person.nationality.iso2 if person.nationality else "",
                     f"parties-{i}-id_document_type": person.id_document_type,
                     f"parties-{i}-id_document_number": person.id_document_number})
    for i, conveyance in enumerate(conveyances):
        data.update({f"conveyances-{i}-id": str(conveyance.pk), f"conveyances-{i}-kind": conveyance.kind,
                     f"conveyances-{i}-identifier": conveyance.identifier})
    return data


def test_validation_error_keeps_everything_typed_and_shows_it_next_to_the_field(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **{"items-1-quantity": "-3", "location_text": "Торугарт, склад 3"})
    response = client.post("/cases/new/", data)
    assert response.status_code == 400
    assert not Case.objects.exists()
    html = response.content.decode()
    for typed in ("Торугарт, склад 3", "Токтогулов Бакыт", "AC1234567", "01KG123ABC", "Two falcons in boxes"):
        assert typed in html
    assert 'name="items-TOTAL_FORMS" value="2"' in html
    row = html[html.index('name="items-1-quantity"') - 600: html.index('name="items-1-quantity"') + 900]
    assert 'class="errorlist"' in row and 'value="-3"' in row


def test_model_rule_error_appears_on_the_item_row(client, world):
    client.force_login(world["officer"])
    response = client.post("/cases/new/", case_post_data(world, **{"items-1-live_count": "3"}))
    assert response.status_code == 400
    errors = response.context["items"].forms[1].errors
    assert "live_count" in errors


def test_service_error_appears_next_to_the_case_field(client, world):
    client.force_login(world["officer"])
    response = client.post("/cases/new/", case_post_data(world, sharing_level="named"))
    assert response.status_code == 400
    assert "shared_with_agencies" in response.context["form"].errors
    assert not Case.objects.exists()


def test_files_must_be_selected_again_after_an_error(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **management("photos", 1), **{"items-0-quantity": ""})
    data.update({"photos-0-file": png(), "photos-0-kind": "photo"})
    response = client.post("/cases/new/", data)
    assert response.status_code == 400
    assert response.context["had_files"] is True
    assert not Attachment.objects.exists()


def test_edit_changes_and_removes_rows_and_keeps_the_person(client, world):
    client.force_login(world["officer"])
    client.post("/cases/new/", case_post_data(world))
    case = Case.objects.get()
    person_id = case.parties.get().person_id
    data = case_post_data(world, location_text="Dostuk", **_existing_rows(case))
    data["items-1-DELETE"] = "on"
    response = client.post(f"/cases/{case.pk}/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    case.refresh_from_db()
    assert case.location_text == "Dostuk"
    assert list(SeizedItem.objects.filter(case=case).values_list("term__code", flat=True)) == ["LIV"]
    assert CaseParty.objects.get(case=case).person_id == person_id


def test_edit_page_shows_existing_rows(client, world):
    client.force_login(world["officer"])
    client.post("/cases/new/", case_post_data(world))
    case = Case.objects.get()
    html = client.get(f"/cases/{case.pk}/edit/").content.decode()
    assert "Токтогулов Бакыт" in html and "Falco cherrug" in html and "01KG123ABC" in html
    assert f'data-autosave="draft:case-{case.pk}"' in html


def _permit(world, number, valid_until):
    return Permit.objects.create(
        document_type="export", number=number, issuing_country=world["kz"],
        valid_from=valid_until - datetime.timedelta(days=180), valid_until=valid_until, exporter_name="Altyn LLP",
    )


def test_permit_number_checked_on_the_spot(client, world):
    client.force_login(world["officer"])
    today = timezone.localdate()
    _permit(world, "KZ-2025-001", today - datetime.timedelta(days=10))
    _permit(world, "KZ-2026-777", today + datetime.timedelta(days=100))
    expired = client.get("/cases/permit-status/", {"items-0-permit_number_as_written": "KZ 2025 001"})
    assert expired.context["result"].status == "expired"
    assert "Altyn LLP" in expired.content.decode()
    unknown = client.get("/cases/permit-status/", {"items-0-permit_number_as_written": "NOPE-1"})
    assert unknown.context["result"].status == "unknown"
    valid = client.get("/cases/permit-status/", {"items-2-permit_number_as_written": "KZ-2026-777"})
    assert valid.context["result"].status == "valid"
    empty = client.get("/cases/permit-status/", {"items-0-permit_number_as_written": ""})
    assert empty.context["result"] is None


def test_new_seizure_starts_with_the_current_date_and_time(client, world):
    client.force_login(world["officer"])
    form = client.get("/cases/new/").context["form"]
    assert form["occurred_at"].value().date() == timezone.localdate()


def test_species_typed_but_not_picked_is_taken_when_the_name_fits_one(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **{"items-0-taxon": "", "items-0-taxon_label": "Falco cherrug"})
    assert client.post("/cases/new/", data).status_code == 302
    assert Case.objects.get().items.filter(taxon=world["falcon"]).exists()


def test_species_neither_picked_nor_described_is_an_error_on_the_row(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **{"items-0-taxon": "", "items-0-taxon_label": ""})
    response = client.post("/cases/new/", data)
    assert response.status_code == 400
    assert "taxon" in response.context["items"].forms[0].errors
