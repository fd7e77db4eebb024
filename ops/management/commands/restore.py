from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ops.archive import ArchiveError, RestoreRefused, restore_backup
from ops.targets import Target, TargetError


class Command(BaseCommand):
    help = (
        "Restore a backup archive into the configured database and media folder, after checking it; "
        "then compare every table's row count and every media file's checksum with the manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--force", action="store_true", help="Replace a database or media folder holding data.")
        parser.add_argument("--database-url", default=None, help="Restore into this database instead (a trial).")
        parser.add_argument("--media-root", default=None, help="Restore media files into this folder instead.")

    def handle(self, *args, **opts):
        target = Target.from_url(opts["database_url"]) if opts["database_url"] else Target.from_settings()
        try:
            report = restore_backup(
                Path(opts["archive"]), target=target,
                media_root=Path(opts["media_root"]) if opts["media_root"] else None,
                force=opts["force"], progress=self.stdout.write,
            )
        except (ArchiveError, RestoreRefused, TargetError) as exc:
            raise CommandError(f"{exc} Nothing was changed." if not isinstance(exc, TargetError) else str(exc)) from exc
        if not report.ok:
            for line in report.differences:
                self.stderr.write(f"DIFFERENCE: {line}")
            raise CommandError(f"Restored, but {len(report.differences)} differences from the manifest (above).")
        counts = report.manifest["database"]["row_counts"]
        self.stdout.write(self.style.SUCCESS(
            f"Restored and verified: {len(counts)} tables, {sum(counts.values())} rows, "
            f"{report.manifest['media']['count']} media files match the manifest."
        ))
