"""Attachments: the file is validated by its content; the content type of files already stored is read again
from their content (it used to be the type the browser claimed)."""

from django.db import migrations, models

import seizures.models


def retype_stored_files(apps, schema_editor):
    from common.uploads import detect

    Attachment = apps.get_model("seizures", "Attachment")
    for attachment in Attachment.objects.exclude(file="").iterator(chunk_size=500):
        try:
            with attachment.file.open("rb") as handle:
                mime = detect(handle)
        except (FileNotFoundError, OSError):
            continue
        content_type = mime or "application/octet-stream"
        if content_type != attachment.content_type:
            Attachment.objects.filter(pk=attachment.pk).update(content_type=content_type)


class Migration(migrations.Migration):

    dependencies = [
        ('seizures', '0008_merge_import_and_restamp'),
    ]

    operations = [
        migrations.AlterField(
            model_name='attachment',
            name='file',
            field=models.FileField(upload_to=seizures.models.attachment_path, validators=[seizures.models.validate_attachment_file], verbose_name='file'),
        ),
        migrations.RunPython(retype_stored_files, migrations.RunPython.noop, elidable=True),
    ]
