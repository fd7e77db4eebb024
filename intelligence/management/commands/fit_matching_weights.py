"""Fit the matcher's evidence weights and threshold on one generated seed (intelligence/data/match_weights.json)."""
from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from intelligence.fitting import fit, write_weights
from intelligence.matching import WEIGHTS_FILE


class Command(BaseCommand):
    help = ("Fit the person-matching weights (logistic regression) on the labelled set of one seed and store "
            "them with the seed and date; report on other seeds with evaluate_matching.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--seed", type=int, default=20260521)
        parser.add_argument("--records", type=int, default=6000)
        parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty of the regression.")
        parser.add_argument("--output", type=Path, default=WEIGHTS_FILE)

    def handle(self, *args, **options) -> None:
        content = fit(options["seed"], options["records"], options["l2"])
        write_weights(content, options["output"])
        self.stdout.write(
            f"seed {content['seed']}: {content['pairs']} candidate pairs, "
            f"{content['true_pairs']} true pairs, "
            f"F1 {content['f1_on_fitting_set']:.4f} at log-odds {content['threshold_log_odds']}\n")
        for name, weight in content["weights"].items():
            self.stdout.write(f"{name:<24} {weight:>8.3f}\n")
        self.stdout.write(self.style.SUCCESS(f"Wrote {options['output']}"))
