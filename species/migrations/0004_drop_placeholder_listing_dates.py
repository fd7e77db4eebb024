"""Listing rows that earlier reference loads dated 2025-02-07 (the edition checked, not the date of the
listing) are removed: they made every earlier seizure "not listed", and their split-listing pairs stamped the
strict appendix on every population. Until `load_reference_data` writes the dated rows, the taxon's current
appendix applies with "date of listing unknown"."""
from django.db import migrations

PLACEHOLDER_SOURCE = "Reference data (species/data/taxa.csv)"


def drop_placeholders(apps, schema_editor):
    CitesListing = apps.get_model("species", "CitesListing")
    CitesListing.objects.filter(source=PLACEHOLDER_SOURCE).delete()


class Migration(migrations.Migration):
    dependencies = [("species", "0003_listing_dates_and_populations")]
    operations = [migrations.RunPython(drop_placeholders, migrations.RunPython.noop)]
