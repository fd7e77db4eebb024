"""Load (or refresh) the reference data: CITES codes, taxa, countries, agencies and posts.

Idempotent: running it again changes nothing unless the data files changed.
"""
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from agencies.reference import load_agencies, load_countries
from species.reference import load_codes, load_taxa

from ...services import restamp_items


class Command(BaseCommand):
    help = _("Load the reference data (CITES codes, taxa, countries, agencies and posts); safe to run again.")

    def handle(self, *args: object, **options: object) -> None:
        for loader in (load_countries, load_agencies, load_codes, load_taxa):
            for kind, counts in loader().items():
                self.stdout.write(
                    _("%(kind)s: %(created)d created, %(updated)d updated, %(unchanged)d unchanged")
                    % {"kind": kind, **counts}
                )
        # Listings may have changed: stored items keep the appendix that applied on their seizure date.
        changed = restamp_items(reason="load_reference_data")
        self.stdout.write(_("Seized items with a recomputed CITES appendix: %(count)d") % {"count": changed})
        self.stdout.write(self.style.SUCCESS(_("Reference data loaded.")))
