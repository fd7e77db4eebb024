"""manage.py import_permits FILE [--dry-run] [--user USERNAME]: register CITES MA permits from CSV/XLSX."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from permits.importers import import_permits


class Command(BaseCommand):
    help = "Register permits from a CSV or XLSX file (one row per permit line); all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="Validate only; save nothing.")
        parser.add_argument("--user", help="Username recorded as the one who registered the permits.")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user {options['user']!r}.")
        report = import_permits(options["file"], user=user, dry_run=options["dry_run"])
        for error in report.errors:
            self.stderr.write(error)
        for row in report.rows:
            for error in row.errors:
                self.stderr.write(f"row {row.row} ({row.number}): {error}")
        if not report.ok:
            raise CommandError(f"{report.error_count} error(s); nothing was imported.")
        if report.dry_run:
            self.stdout.write(self.style.SUCCESS(f"{len(report.rows)} row(s) valid; nothing saved (dry run)."))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Imported {report.permits_created} permit(s), {report.lines_created} line(s).")
            )
