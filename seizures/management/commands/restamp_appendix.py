"""manage.py restamp_appendix: recompute the CITES appendix at seizure of stored items."""
from django.core.management.base import BaseCommand
from django.db import transaction

from seizures.services import restamp_items


class Command(BaseCommand):
    help = (
        "Recompute the CITES appendix at seizure of every stored item from the listing history (seizure date, "
        "specimen origin), writing a history entry for each change; prints how many changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count the changes; save nothing.")

    def handle(self, *args, **options):
        with transaction.atomic():
            changed = restamp_items(dry_run=options["dry_run"], reason="restamp_appendix")
        suffix = " (dry run)" if options["dry_run"] else ""
        self.stdout.write(self.style.SUCCESS(f"{changed} item(s) changed{suffix}."))
