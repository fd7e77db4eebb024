"""Run every benchmarks/bench_*.py module's main() in turn; a failing module is reported, the others still run.

Among them `bench_person_flag` (save -> person flag at 1M cases and 300,000 persons, limit p95 1 s; its
database is BENCH_FLAG_DB, default bench_<name>) and `bench_routes` (the route check at the same scale).

`largest_case` (the largest allowed case through the API, limit 2 s) runs with them; `--load` adds the
bounded load test (`load`: 20 clients for 60 s against the production stack), which `make bench` passes.
Module names as arguments run only those modules (`python -m benchmarks load`).
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time
import traceback
from pathlib import Path


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    names = sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)]) if m.name.startswith("bench_"))
    names.append("largest_case")
    args = sys.argv[1:]
    if "--load" in args:
        args.remove("--load")
        names.append("load")
    only = set(args)
    if "load" in only and "load" not in names:
        names.append("load")
    failures = 0
    for name in names:
        if only and name not in only:
            continue
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        try:
            importlib.import_module(f"benchmarks.{name}").main()
        except Exception:
            failures += 1
            traceback.print_exc()
        print(f"== {name} done in {time.perf_counter() - started:.1f} s\n", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
