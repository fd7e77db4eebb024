"""manage.py import_species_plus FILE.csv: load a CITES Checklist / Species+ CSV export."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from species.importers import import_species_plus


class Command(BaseCommand):
    help = (
        "Load a Species+ CITES listings export or a CITES Checklist index/history CSV: adds taxa, updates "
        "listings and records listing changes, keeping local names and notes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--effective-date",
            type=datetime.date.fromisoformat,
            help="Date from which changed listings apply (YYYY-MM-DD; default today). Not used for history files.",
        )
        parser.add_argument("--source", default="", help="Text recorded as the data source.")
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; save nothing.")

    def handle(self, *args, **options):
        try:
            report = import_species_plus(
                options["file"], effective_date=options["effective_date"], source=options["source"],
                dry_run=options["dry_run"],
            )
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(error)
        if not report.kind:
            raise CommandError("Nothing imported.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.kind}: {report.rows} row(s), {report.created} taxa created, {report.updated} updated, "
                f"{report.listing_changes} listing change(s) recorded{' (dry run)' if options['dry_run'] else ''}."
            )
        )
