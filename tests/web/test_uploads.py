"""Uploads: the type is decided from the content, the size limit applies while reading, files are downloads."""
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory, override_settings
from django.utils import translation
from PIL import Image

from seizures.models import Attachment, Case
from tests.web.conftest import case_post_data, management

pytestmark = pytest.mark.django_db


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\ntrailer<<>>\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def post_photo(client, world, name: str, content: bytes, claimed: str = "image/png"):
    data = case_post_data(world, **management("photos", 1))
    data.update({"photos-0-file": SimpleUploadedFile(name, content, content_type=claimed), "photos-0-kind": "photo"})
    return client.post("/cases/new/", data, HTTP_ACCEPT_LANGUAGE="en")


def test_a_real_photo_is_stored_under_a_generated_name_with_the_type_of_its_content(client, world):
    client.force_login(world["officer"])
    response = post_photo(client, world, "../../evil name.html", png_bytes(), claimed="text/html")
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/png"  # not the claimed text/html
    stored = attachment.file.name.rsplit("/", 1)[-1]
    assert stored.endswith(".png") and "evil" not in stored and len(stored) == 36
    assert f'src="/cases/attachments/{attachment.pk}/"' in client.get(f"/cases/{attachment.case_id}/").content.decode()


@pytest.mark.parametrize("content", [HTML, SVG, png_bytes()[:40] + b"\x00" * 20], ids=["html", "svg", "broken"])
def test_html_svg_and_broken_images_named_png_are_refused(client, world, content):
    client.force_login(world["officer"])
    response = post_photo(client, world, "photo.png", content)
    assert response.status_code == 400
    assert not Case.objects.exists() and not Attachment.objects.exists()
    text = response.content.decode()
    assert "Its content was checked, not its name." in text or "This image is damaged" in text


def test_the_refusal_is_translated(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **management("photos", 1))
    data.update({"photos-0-file": SimpleUploadedFile("photo.png", SVG), "photos-0-kind": "photo"})
    with translation.override("ru"):
        response = client.post("/cases/new/", data, HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 400
    assert "Проверено содержимое файла, а не его имя." in response.content.decode()


@override_settings(UPLOAD_MAX_BYTES=4096, ATTACHMENT_MAX_BYTES=4096)
def test_the_size_limit_stops_storing_while_the_body_is_read(settings):
    from common.uploads import LimitedUploadHandler, check_size

    body = png_bytes() + b"\x00" * 200_000
    request = RequestFactory().post("/upload/", {"file": SimpleUploadedFile("big.png", body)})
    request.upload_handlers = [LimitedUploadHandler(request)]  # as settings.FILE_UPLOAD_HANDLERS past 5 MB
    upload = request.FILES["file"]
    assert upload.too_large and upload.size == len(body)
    upload.seek(0, io.SEEK_END)
    assert upload.tell() <= 4096 + 65536  # at most one chunk past the limit reached the disk: none of the rest
    with translation.override("en"), pytest.raises(ValidationError, match="The file is too large"):
        check_size(upload, settings.ATTACHMENT_MAX_BYTES)
    assert settings.FILE_UPLOAD_HANDLERS[-1] == "common.uploads.LimitedUploadHandler"


def test_files_are_always_downloads_with_nosniff_and_a_sandbox(client, world):
    client.force_login(world["officer"])
    data = case_post_data(world, **management("photos", 2))
    data.update({"photos-0-file": SimpleUploadedFile("scan.pdf", PDF), "photos-0-kind": "document",
                 "photos-1-file": SimpleUploadedFile("p.jpg", png_bytes()), "photos-1-kind": "photo"})
    assert client.post("/cases/new/", data).status_code == 302
    for attachment in Attachment.objects.order_by("id"):
        response = client.get(f"/cases/attachments/{attachment.pk}/")
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["Content-Type"] == attachment.content_type
    assert [a.content_type for a in Attachment.objects.order_by("id")] == ["application/pdf", "image/png"]


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def test_spreadsheet_imports_are_checked_by_content_too():
    from common.uploads import check_spreadsheet
    from imports.forms import UploadForm

    limit = 1 << 20
    assert check_spreadsheet(SimpleUploadedFile("cases.csv", "Дата;Вид\n2024-01-02;Falco\n".encode()), limit) == "csv"
    assert check_spreadsheet(SimpleUploadedFile("cases.xlsx", xlsx_bytes()), limit) == "xlsx"
    for name, content in (("cases.xlsx", b"date,species\n"), ("cases.csv", xlsx_bytes()), ("cases.csv", png_bytes())):
        with pytest.raises(ValidationError):
            check_spreadsheet(SimpleUploadedFile(name, content), limit)
    with translation.override("en"):
        form = UploadForm(files={"file": SimpleUploadedFile("cases.xlsx", png_bytes())})
        assert not form.is_valid() and "Its content was checked, not its name." in str(form.errors)


def test_migration_reads_the_type_of_stored_files_again(world):
    import importlib

    from django.apps import apps
    from django.core.files.base import ContentFile

    from tests.factories import CaseFactory

    migration = importlib.import_module("seizures.migrations.0009_attachment_type_from_content")
    attachment = Attachment(case=CaseFactory(agency=world["customs"]), kind="photo", content_type="image/png")
    attachment.file.save("old.png", ContentFile(HTML), save=False)
    attachment.save()
    Attachment.objects.filter(pk=attachment.pk).update(content_type="image/png")  # as claimed by a browser
    migration.retype_stored_files(apps, None)
    attachment.refresh_from_db()
    assert attachment.content_type == "application/octet-stream"
