"""Import of a large permit file (one row per permit line, three lines a permit), validated and written
all or nothing. Goal: at least 5,000 rows/s (issue #15).

BENCH_PERMIT_ROWS (default 30000) sets the size. Builds a throw-away test database with the real reference
data; the figure is the whole `import_permits` call (read, set-based validation, bulk write, signing).
"""
from __future__ import annotations

import os
import time

GOAL_ROWS_PER_SECOND = 5000
SPECIES = [("Falco cherrug", "LIV", ""), ("Saiga tatarica", "HOR", ""), ("Acipenser gueldenstaedtii", "CAV", "KIL"),
           ("Testudo horsfieldii", "LIV", "")]


def make_file(rows: int) -> bytes:
    lines = ["number;issuing_country;document_type;valid_from;valid_until;exporter_name;importer_name;"
             "country_of_import;line_no;taxon;term;quantity;unit;source;purpose"]
    for n in range(rows):
        permit, line = divmod(n, 3)
        taxon, term, unit = SPECIES[n % len(SPECIES)]
        lines.append(f"KG/2026/{permit:06d};KG;export;2026-01-01;31.12.2026;Exporter {permit % 97};Importer;AE;"
                     f"{line + 1};{taxon};{term};{1 + n % 9},5;{unit};C;T")
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    import io

    from django.test.utils import setup_databases, teardown_databases

    rows = int(os.environ.get("BENCH_PERMIT_ROWS", "30000"))
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        from agencies.reference import load_agencies, load_countries
        from permits.importers import import_permits
        from permits.models import Permit, PermitLine
        from species.reference import load_codes, load_taxa

        for loader in (load_countries, load_agencies, load_codes, load_taxa):
            loader()
        data = make_file(rows)
        started = time.perf_counter()
        import_permits(io.BytesIO(data), dry_run=True)
        checking = time.perf_counter() - started
        print(f"  read and check only (dry run): {checking:.1f} s = {rows / checking:,.0f} rows/s", flush=True)
        started, cpu = time.perf_counter(), time.process_time()
        report = import_permits(io.BytesIO(data))
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        if not report.ok:
            print("  errors:", report.errors[:3], [r.errors for r in report.rows if r.errors][:3])
        rate = rows / seconds
        print(f"permit import: {rows:,} rows, {report.permits_created:,} permits, {PermitLine.objects.count():,} "
              f"lines ({Permit.objects.exclude(signed_payload=None).count():,} signed) in {seconds:.1f} s = "
              f"{rate:,.0f} rows/s   goal {GOAL_ROWS_PER_SECOND:,} rows/s   "
              f"{'OK' if rate >= GOAL_ROWS_PER_SECOND else 'BELOW GOAL'}; this process's CPU {cpu:.1f} s = "
              f"{rows / cpu:,.0f} rows/s (the rest is the database and waiting on a loaded machine)", flush=True)
    finally:
        teardown_databases(old_config, verbosity=0)
