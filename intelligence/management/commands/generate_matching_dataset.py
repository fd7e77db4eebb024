"""Write the labelled person set (deterministic for a seed) used by evaluate_matching and the README figures."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from intelligence.dataset import generate_dataset

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "labelled_persons.csv"


class Command(BaseCommand):
    help = "Generate the labelled Central Asian person records (Cyrillic/Latin, typos, namesakes, relatives)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, default=DEFAULT_PATH)
        parser.add_argument("--records", type=int, default=6000)
        parser.add_argument("--seed", type=int, default=20260521)

    def handle(self, *args, **options) -> None:
        n = generate_dataset(options["output"], options["records"], options["seed"])
        self.stdout.write(self.style.SUCCESS(f"Wrote {n} records to {options['output']}"))
