from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ops.archive import create_backup, prune_backups
from ops.targets import TargetError


class Command(BaseCommand):
    help = "Write one backup archive (database, media files, manifest) into BACKUP_DIR, then apply retention."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=None, help="Folder for the archive (default: BACKUP_DIR).")
        parser.add_argument("--no-prune", action="store_true", help="Keep every older archive.")

    def handle(self, *args, **opts):
        backup_dir = Path(opts["dir"] or settings.BACKUP_DIR)
        try:
            path = create_backup(backup_dir=backup_dir)
        except TargetError as exc:
            raise CommandError(str(exc)) from exc
        size = path.stat().st_size
        encrypted = "encrypted" if settings.BACKUP_PASSPHRASE else "NOT encrypted (set BACKUP_PASSPHRASE)"
        self.stdout.write(f"Backup written: {path} ({size / 1024 / 1024:.1f} MiB, {encrypted})")
        if not opts["no_prune"]:
            removed = prune_backups(backup_dir)
            if removed:
                self.stdout.write(f"Retention: removed {len(removed)} older archives.")
