"""Full re-scan on demand: re-index every person, flag repeat suspects and routes, with a progress bar."""
from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from intelligence import services


class Command(BaseCommand):
    help = "Re-scan all persons and cases for repeat suspects and repeat routes (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Do not draw the progress bar.")

    def handle(self, *args, **options) -> None:
        width = 40

        def progress(done: int, total: int) -> None:
            if options["no_progress"] or not total:
                return
            filled = int(width * done / total)
            self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
            self.stdout.flush()

        stats = services.full_rescan(progress)
        if not options["no_progress"]:
            self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(
            _("Re-scanned %(persons)s persons: %(person_flags)s repeat-suspect flags, %(route_flags)s route flags.")
            % stats
        ))
