"""Pairwise precision, recall and F1 of the matcher on a labelled CSV; or the matched pairs as CSV."""
from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from common.batching import fewer_collections
from intelligence.evaluation import (
    canonical_oracle,
    category_lines,
    evaluate,
    read_canonical_names,
    read_labelled_csv,
    run_matcher,
    write_pairs,
)
from intelligence.services import threshold


class Command(BaseCommand):
    help = ("Read record_id,full_name,birth_date,nationality,document_number[,cluster_id]; print precision, "
            "recall, F1 and throughput, or (without cluster_id) write the matched pairs as CSV.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--threshold", type=float, default=None)
        parser.add_argument("--output", type=Path, default=None, help="Where to write matched pairs (default stdout).")

    def handle(self, *args, **options) -> None:
        path: Path = options["file"]
        if not path.exists():
            raise CommandError(f"No such file: {path}")
        cut = options["threshold"] if options["threshold"] is not None else threshold()
        with fewer_collections():  # reading and normalising every record is batch work too
            profiles, labels = read_labelled_csv(path)
        if not labels:
            matched, _candidates, seconds = run_matcher(profiles, cut)
            if options["output"]:
                with open(options["output"], "w", newline="", encoding="utf-8") as fh:
                    write_pairs(matched, fh)
            else:
                write_pairs(matched, sys.stdout if self.stdout is None else self.stdout)
            self.stderr.write(f"{len(matched)} pairs from {len(profiles)} records in {seconds:.2f} s")
            return
        ev = evaluate(profiles, labels, cut)
        self.stdout.write(
            f"records {ev.records}  true pairs {ev.true_pairs}  predicted {ev.predicted_pairs}  "
            f"correct {ev.correct_pairs}  candidate pairs {ev.candidate_pairs} "
            f"({ev.candidate_pairs / max(ev.records, 1):.1f} per record)\n"
            f"blocking recall {ev.blocking_recall:.4f}\n"
            f"threshold {cut}\n"
            f"precision {ev.precision:.4f}\nrecall {ev.recall:.4f}\nF1 {ev.f1:.4f}\n"
            f"throughput {ev.records_per_second:,.0f} records/s ({ev.seconds:.2f} s)"
        )
        canonical = read_canonical_names(path)
        if canonical:
            oracle = canonical_oracle(labels, canonical)
            self.stdout.write(
                f"canonical-name oracle: precision {oracle.precision:.4f}  recall {oracle.recall:.4f}  "
                f"F1 {oracle.f1:.4f}  ({oracle.sharing_people:.1%} of the people share their canonical name)")
        self.stdout.write("\n".join(category_lines(ev)))
