"""manage.py import_species_plus FILE.csv: load a CITES Checklist / Species+ CSV export, all or nothing."""
import datetime

from django.core.management.base import BaseCommand, CommandError

from species.importers import ImportFileError, import_species_plus


class Command(BaseCommand):
    help = (
        "Load a Species+ CITES listings export or a CITES Checklist index/history CSV: adds taxa, updates "
        "listings and records listing changes, keeping local names and notes. Every row is validated first; "
        "a file with any error changes nothing and the command exits with status 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--effective-date",
            type=datetime.date.fromisoformat,
            help="Date from which changed listings apply (YYYY-MM-DD; default today). Not used for history files.",
        )
        parser.add_argument("--source", default="", help="Text recorded as the data source.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Print what would be added, changed and de-listed; save nothing.")

    def handle(self, *args, **options):
        try:
            report = import_species_plus(
                options["file"], effective_date=options["effective_date"], source=options["source"],
                dry_run=options["dry_run"],
            )
        except (OSError, ImportFileError) as exc:
            raise CommandError(str(exc)) from exc
        for error in report.errors:
            self.stderr.write(error)
        if report.errors:
            raise CommandError(f"{len(report.errors)} error(s): nothing was imported.")
        if options["dry_run"]:
            for title, names in (("added", report.added), ("changed", report.changed),
                                 ("de-listed", report.delisted)):
                self.stdout.write(f"Would be {title}: {len(names)}")
                for name in names:
                    self.stdout.write(f"  {name}")
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.kind}: {report.rows} row(s), {report.created} taxa created, {report.updated} updated, "
                f"{report.listing_changes} listing change(s) recorded{' (dry run)' if options['dry_run'] else ''}."
            )
        )
