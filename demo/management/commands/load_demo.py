"""`manage.py load_demo`: reference data, demo accounts and a coherent demo set of seizure cases.

The output is short: the reference summary, one progress bar while the cases are built, the row counts and,
last, the table of demo accounts.
"""
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demo.accounts import DemoAccount, ensure_demo_accounts
from demo.cases import DEFAULT_CASES, DEFAULT_SEED, build_demo, demo_counts

BAR_WIDTH = 30


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the reference data, the demo accounts (one per role and agency, plus admin) and a demo set of "
        "seizure cases. Safe to run again: an existing demo set is left as it is."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--cases", type=int, default=DEFAULT_CASES,
                            help=gettext_lazy("Number of cases (default 320)."))
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help=gettext_lazy("Random seed (default 2026)."))
        parser.add_argument("--skip-reference", action="store_true",
                            help=gettext_lazy("Do not run load_reference_data first."))
        parser.add_argument("--reset-passwords", action="store_true",
                            help=gettext_lazy("Set the demo passwords again on existing demo accounts."))

    def handle(self, *args, **options) -> None:
        self.verbosity = options["verbosity"]
        if not options["skip_reference"]:
            if "load_reference_data" in get_commands():
                call_command("load_reference_data", verbosity=options["verbosity"],
                             stdout=self.stdout, stderr=self.stderr)
            else:
                self.warn(_("load_reference_data is not available: using the reference data already loaded."))
        accounts = ensure_demo_accounts(reset_passwords=options["reset_passwords"], warn=self.warn)
        self._shown = -1
        result = build_demo(cases=options["cases"], seed=options["seed"], warn=self.warn,
                            progress=self.progress if self.verbosity else None)
        if result.existing_cases:
            self.stdout.write(_("Demo set already present (%(count)d cases): nothing added.")
                              % {"count": result.existing_cases})
        else:
            created = _("Created %(count)d demo cases.") % {"count": result.created_cases}
            self.stdout.write(self.style.SUCCESS(created))
        for name, count in demo_counts().items():
            self.stdout.write(f"  {name}: {count}")
        self.write_accounts(accounts)

    def progress(self, done: int, total: int) -> None:
        """One bar redrawn in place on a terminal; in a log file, one line per tenth."""
        tenth = done * 10 // total
        interactive = self.stdout.isatty()
        if not interactive and tenth == self._shown:
            return
        self._shown = tenth
        filled = done * BAR_WIDTH // total
        line = _("Demo cases") + f" [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        if interactive:
            self.stdout.write("\r" + line, ending="\n" if done == total else "")
            self.stdout.flush()
        else:
            self.stdout.write(line)

    def write_accounts(self, accounts: list[DemoAccount]) -> None:
        self.stdout.write("\n" + _("Demo accounts (passwords as in the README unless changed since):"))
        self.stdout.write(f"  {_('username'):<24} {_('role'):<14} {_('agency'):<8} {_('password')}")
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<24} {account.role:<14} {account.agency or '-':<8} {account.password}"
            )

    def warn(self, message: str) -> None:
        self.stderr.write(self.style.WARNING(message))
