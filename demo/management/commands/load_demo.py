"""`manage.py load_demo`: reference data, demo accounts and a coherent demo set of seizure cases."""
from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from demo.accounts import ensure_demo_accounts
from demo.cases import DEFAULT_CASES, DEFAULT_SEED, build_demo, demo_counts


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
        if not options["skip_reference"]:
            if "load_reference_data" in get_commands():
                call_command("load_reference_data", verbosity=options["verbosity"],
                             stdout=self.stdout, stderr=self.stderr)
            else:
                self.warn(_("load_reference_data is not available: using the reference data already loaded."))
        accounts = ensure_demo_accounts(reset_passwords=options["reset_passwords"], warn=self.warn)
        result = build_demo(cases=options["cases"], seed=options["seed"], warn=self.warn)
        if result.existing_cases:
            self.stdout.write(_("Demo set already present (%(count)d cases): nothing added.")
                              % {"count": result.existing_cases})
        else:
            created = _("Created %(count)d demo cases.") % {"count": result.created_cases}
            self.stdout.write(self.style.SUCCESS(created))
        for name, count in demo_counts().items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write("\n" + _("Demo accounts (passwords as in the README unless changed since):"))
        self.stdout.write(f"  {_('username'):<24} {_('role'):<14} {_('agency'):<8} {_('password')}")
        for account in accounts:
            self.stdout.write(
                f"  {account.username:<24} {account.role:<14} {account.agency or '-':<8} {account.password}"
            )

    def warn(self, message: str) -> None:
        self.stderr.write(self.style.WARNING(message))
