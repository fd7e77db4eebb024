"""Write the labelled person set (deterministic for a seed) used by evaluate_matching and the README figures."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from intelligence.dataset import DEFAULT_NAMESAKE_RATE, generate_dataset

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "labelled_persons.csv"


class Command(BaseCommand):
    help = "Generate the labelled Central Asian person records (Cyrillic/Latin, typos, namesakes, relatives)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
        parser.add_argument("--records", type=int, default=6000)
        parser.add_argument("--seed", type=int, default=20260521)
        parser.add_argument(
            "--namesake-rate", type=float, default=DEFAULT_NAMESAKE_RATE,
            help="Share of people who share their canonical name with another person (0.29: the earlier hard set).")

    def handle(self, *args, **options) -> None:
        rate = options["namesake_rate"]
        if not 0.0 <= rate < 1.0:
            raise CommandError("--namesake-rate must be at least 0 and below 1")
        n = generate_dataset(options["output"], options["records"], options["seed"], rate)
        self.stdout.write(self.style.SUCCESS(f"Wrote {n} records to {options['output']}"))
