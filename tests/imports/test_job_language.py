"""A background import writes its report in the language of the page that started it, not the worker's."""
import polib
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from imports.models import ImportBatch
from imports.tasks import run_batch

from .fixtures import BAD_CSV


@pytest.mark.django_db
def test_the_job_report_is_in_the_starting_page_language(client, supervisor):
    client.force_login(supervisor)
    client.post(reverse("imports:start"), {"file": SimpleUploadedFile("bad.csv", BAD_CSV)})
    batch = ImportBatch.objects.get()
    batch.mapping = {"case_number": "0", "occurred_at": "1", "species": "2", "quantity": "3", "unit": "4"}
    batch.save(update_fields=["mapping"])
    with translation.override("ru"):  # the worker's own language
        run_batch(batch.pk, language="ky")
    batch.refresh_from_db()
    texts = [m["text"] for row in batch.report for m in row.get("messages", [])] + [batch.message]
    assert len(texts) > 5, batch.report
    joined = "\n".join(texts)
    assert any(letter in joined for letter in "өүң"), joined  # Kyrgyz letters, never in Russian
    kyrgyz = {e.msgstr for e in polib.pofile("locale/ky/LC_MESSAGES/django.po") if e.msgstr}
    russian = {e.msgstr for e in polib.pofile("locale/ru/LC_MESSAGES/django.po") if e.msgstr} - kyrgyz
    assert not any(phrase in joined for phrase in russian if len(phrase) > 12), joined
