"""The largest case the limits allow (200 items, 50 parties each with a new person, 50 conveyances:
seizures.services.MAX_ROWS_PER_CASE) created through the API of the production stack (benchmarks/stack.py:
gunicorn as in docker-compose, Redis, a database of its own with a small demo set; no Celery worker, so
the matching that follows a save does not compete with the next save). One warm-up request, then RUNS
timed ones: median and maximum beside the limit of 2 s.

    python -m benchmarks.largest_case [--runs 7]   (part of make bench)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import time
import uuid

from benchmarks.stack import Stack, production_stack, request

LIMIT_SECONDS = 2.0
RUNS = 7


def _item_rows(stack: Stack, token: str) -> list[dict]:
    """Items as the demo data records them (taxon, term, quantity, unit), read through the API."""
    status, content = request(stack.base_url, "GET", "/api/v1/cases/?page_size=50", token)
    assert status == 200, content[:300]
    rows: list[dict] = []
    for case in json.loads(content)["results"]:
        status, detail = request(stack.base_url, "GET", f"/api/v1/cases/{case['id']}/", token)
        for item in json.loads(detail).get("items", []):
            if item.get("taxon") and item.get("term"):
                rows.append({k: item.get(k) for k in ("taxon", "term", "quantity", "unit")})
        if len(rows) >= 20:
            break
    if not rows:
        raise RuntimeError("no items with a taxon in the demo set")
    return rows


def largest_case(rows: list[dict], run: int) -> dict:
    from seizures.services import MAX_ROWS_PER_CASE

    tag = uuid.uuid4().hex[:6].upper()
    return {
        "occurred_at": "2025-06-01T08:30:00Z", "detection_method": "xray", "transport_mode": "road",
        "origin_country": "CN", "transit_countries": ["KZ"], "destination_country": "KG",
        "description": f"largest allowed case, run {run}",
        "items": [{**rows[i % len(rows)], "quantity": str(1 + i % 7)} for i in range(MAX_ROWS_PER_CASE["items"])],
        "parties": [{"role": "suspect", "person": {"full_name": f"Bench Suspect {tag} {i:02d}",
                                                   "id_document_type": "passport",
                                                   "id_document_number": f"BS{tag}{i:03d}"}}
                    for i in range(MAX_ROWS_PER_CASE["parties"])],
        "conveyances": [{"kind": "vehicle", "identifier": f"01 KG {i:03d} {tag[:3]}"}
                        for i in range(MAX_ROWS_PER_CASE["conveyances"])],
    }


def time_largest_case(stack: Stack, runs: int = RUNS) -> list[float]:
    """Seconds per create of the largest case (after one warm-up create), each answered 201 with every row."""
    token = stack.token("kg-cus.officer", "demo-officer")
    rows = _item_rows(stack, token)
    times = []
    for run in range(runs + 1):
        body = largest_case(rows, run)
        started = time.perf_counter()
        status, content = request(stack.base_url, "POST", "/api/v1/cases/", token, body,
                                  headers={"Idempotency-Key": uuid.uuid4().hex})
        seconds = time.perf_counter() - started
        if status != 201:
            raise RuntimeError(f"largest case: HTTP {status} {content[:500]!r}")
        saved = json.loads(content)
        if (len(saved["items"]), len(saved["parties"]), len(saved["conveyances"])) != (
                len(body["items"]), len(body["parties"]), len(body["conveyances"])):
            raise RuntimeError("the largest case came back with rows missing")
        if run:
            times.append(seconds)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.largest_case")
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv or [])
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("needs PostgreSQL (set DATABASE_URL=postgres://...); skipped")
        return
    with production_stack("largest", cases=20, worker=False) as stack:
        times = time_largest_case(stack, args.runs)
    median, worst = statistics.median(times), max(times)
    print(f"largest case (200 items, 50 parties, 50 conveyances) via POST /api/v1/cases/, {len(times)} runs: "
          f"median {median:.2f} s, max {worst:.2f} s (limit: {LIMIT_SECONDS:.0f} s) "
          f"{'OK' if worst < LIMIT_SECONDS else 'OVER'}")
    print("  runs: " + ", ".join(f"{t:.2f}" for t in times))


if __name__ == "__main__":
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    django.setup()
    main(sys.argv[1:])
