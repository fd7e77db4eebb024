"""manage.py import_cases FILE --agency CODE [--dry-run] [--skip-invalid] [--mapping FILE] [--sheet NAME]"""
from __future__ import annotations

import sys
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agencies.models import Agency
from imports.reading import FileReadError
from imports.services import ERROR, WARNING, create_batch, load_mapping_file, run_import


class Command(BaseCommand):
    help = gettext_lazy("Import an agency's past seizure cases from a CSV or XLSX file (all or nothing by default).")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--agency", required=True, help=gettext_lazy("Code of the agency that owns the cases."))
        parser.add_argument("--dry-run", action="store_true", help=gettext_lazy("Check and report; write nothing."))
        parser.add_argument("--skip-invalid", action="store_true",
                            help=gettext_lazy("Import the valid cases and list the skipped rows."))
        parser.add_argument("--mapping", help=gettext_lazy("JSON or CSV file: field → heading or column letter."))
        parser.add_argument("--sheet", default="", help=gettext_lazy("Worksheet of an XLSX file."))
        parser.add_argument("--user", default="",
                            help=gettext_lazy("User recorded as importer (default: a superuser)."))

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            agency = Agency.objects.get(code=options["agency"])
        except Agency.DoesNotExist as exc:
            raise CommandError(_("No agency with the code %(code)s.") % {"code": options["agency"]}) from exc
        users = get_user_model().objects.filter(is_active=True)
        user = (users.filter(username=options["user"]).first() if options["user"]
                else users.filter(is_superuser=True).order_by("pk").first())
        if user is None:
            raise CommandError(_("No importing user: give --user or create a superuser."))
        mapping = None
        try:
            if options["mapping"]:
                mapping = load_mapping_file(options["mapping"])
            data = path.read_bytes()
            batch = create_batch(user, agency, data, path.name, sheet=options["sheet"], mapping=mapping,
                                 skip_invalid=options["skip_invalid"], persist=not options["dry_run"])
            analysis = run_import(batch, data, dry_run=options["dry_run"], progress=self._progress)
        except (FileReadError, PermissionDenied) as exc:
            raise CommandError(str(exc)) from exc
        self.stderr.write("")
        for row in analysis.rows:
            for message in row.messages:
                label = {ERROR: _("ERROR"), WARNING: _("WARNING")}.get(message["level"], message["level"])
                self.stdout.write(_("row %(row)d, %(column)s: %(level)s: %(text)s") % {
                    "row": row.number, "column": message["column"], "level": label, "text": message["text"]})
        if batch.pk:
            batch.refresh_from_db()
        ok = len(analysis.rows) - batch.error_rows - batch.warning_rows
        self.stdout.write(_("%(rows)d rows: %(ok)d OK, %(warn)d with warnings, %(err)d with errors.") % {
            "rows": len(analysis.rows), "ok": max(ok, 0), "warn": batch.warning_rows, "err": batch.error_rows})
        if options["dry_run"]:
            self.stdout.write(_("Dry run: nothing was written."))
        else:
            self.stdout.write(batch.message)
            self.stdout.write(_("Batch %(id)d, file %(name)s, SHA-256 %(sha)s.") % {
                "id": batch.pk, "name": batch.file_name, "sha": batch.sha256})
        if batch.error_rows and not options["skip_invalid"]:
            raise CommandError(_("The file has errors; nothing was imported."), returncode=2)

    def _progress(self, phase: str, done: int, total: int) -> None:
        label = _("checked") if phase == "check" else _("written")
        if sys.stderr.isatty() or done == total or done % 1000 == 0:
            self.stderr.write(f"\r{done}/{total} {label}", ending="")
