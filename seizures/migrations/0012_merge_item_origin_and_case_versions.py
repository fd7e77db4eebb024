# Merge of the item origin country and the case versions.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('seizures', '0009_creation_keys_and_case_version'),
        ('seizures', '0009_item_origin_country'),
        ('seizures', '0011_merge_export_country'),
    ]

    operations = [
    ]
