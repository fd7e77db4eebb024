"""Recompute the CITES appendix at seizure of stored items once the placeholder listing dates are gone
(species 0004), with a history entry for each change. Uses the historical models: the listing rules of
species.listings read only attributes and related managers."""
import datetime

from django.db import migrations
from django.utils import timezone


def restamp(apps, schema_editor):
    from species.listings import listing_on

    SeizedItem = apps.get_model("seizures", "SeizedItem")
    HistoricalSeizedItem = apps.get_model("seizures", "HistoricalSeizedItem")
    fields = [f.attname for f in SeizedItem._meta.concrete_fields]
    changed = 0
    items = SeizedItem.objects.exclude(taxon=None).select_related("case__origin_country", "taxon")
    for item in items.iterator(chunk_size=500):
        day = timezone.localtime(item.case.occurred_at).date() if item.case.occurred_at else datetime.date.today()
        origin = item.case.origin_country.iso2 if item.case.origin_country_id else None
        new = listing_on(item.taxon, day, origin).appendix
        if new == item.cites_appendix_at_seizure:
            continue
        SeizedItem.objects.filter(pk=item.pk).update(cites_appendix_at_seizure=new)
        item.cites_appendix_at_seizure = new
        HistoricalSeizedItem.objects.create(
            **{name: getattr(item, name) for name in fields},
            history_date=timezone.now(), history_type="~",
            history_change_reason="CITES appendix at seizure recomputed (listing dates and populations)",
        )
        changed += 1
    if changed:
        print(f"\n  {changed} seized item(s) re-stamped with the CITES appendix at seizure.")


class Migration(migrations.Migration):
    dependencies = [
        ("seizures", "0003_case_sharing_history"),
        ("species", "0004_drop_placeholder_listing_dates"),
    ]
    operations = [migrations.RunPython(restamp, migrations.RunPython.noop)]
