"""Bounded load test: the production stack (benchmarks/stack.py: gunicorn with 3 workers as in
docker-compose.yml, a Celery worker, Redis, a database of its own with the demo set) under CLIENTS
concurrent API clients for DURATION seconds. Each client signs in with a demo account's token and sends a
mix of list, search/filter, detail and create requests (officers and supervisors create cases with an
Idempotency-Key; a client's first create and one in four after it are sent again with the same key, as a
client retrying after a timeout, and must answer the same case). Each client begins with one request of
each kind, then draws kinds at random by weight. Prints throughput, p50/p95/p99 per kind and errors
beside the goal of 0 errors.

    python -m benchmarks.load [--clients 20] [--duration 60] [--cases 320]   (make bench-load)
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from benchmarks.stack import Stack, production_stack, request

KINDS = ("list", "search", "detail", "create", "create-retry")
READ_WEIGHTS = {"list": 35, "search": 30, "detail": 25}
CREATE_WEIGHT = 10  # of 100, for the accounts that may record cases
CREATOR_ROLES = ("officer", "supervisor")
SEARCHES = (
    {"status": "open"}, {"origin_country": "CN"}, {"date_from": "2025-01-01"}, {"q": "Saiga"}, {"q": "Toktogulov"},
    {"transport_mode": "road", "ordering": "-created_at"}, {"year": "2025"}, {"q": "KG"},
)


@dataclass
class Sample:
    kind: str
    seconds: float
    status: int
    error: str = ""


@dataclass
class LoadResult:
    duration: float
    clients: int
    samples: list[Sample] = field(default_factory=list)

    @property
    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.error]

    def count(self, kind: str) -> int:
        return sum(1 for s in self.samples if s.kind == kind)

    @property
    def throughput(self) -> float:
        return len(self.samples) / self.duration if self.duration else 0.0


def _percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def demo_accounts(count: int) -> list[tuple[str, str, str]]:
    """(username, password, role) of `count` demo accounts: officer, supervisor, analyst of each agency in turn."""
    from demo.accounts import DEMO_AGENCIES, ROLE_PASSWORDS, username_for

    pool = [(username_for(agency, role), ROLE_PASSWORDS[role], str(role))
            for agency in DEMO_AGENCIES for role in ("officer", "supervisor", "analyst")]
    return [pool[i % len(pool)] for i in range(count)]


class Client(threading.Thread):
    """One API client: its own account, its own keep-alive connection, its own random mix."""

    def __init__(self, stack: Stack, token: str, role: str, seed: int, deadline: float, out: list[Sample],
                 on_response: Callable[[str, str, int, bytes], None] | None = None) -> None:
        super().__init__(daemon=True)
        self.stack, self.token, self.role, self.deadline, self.out = stack, token, role, deadline, out
        self.on_response = on_response
        self.rng = random.Random(seed)
        self.case_ids: list[int] = []
        self.item_rows: list[dict] = []
        self.retry: tuple[str, dict, str] | None = None  # (key, body, reference) of a create to send again
        self.creates = 0
        parts = urlsplit(stack.base_url)
        self.conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=70)

    def call(self, method: str, path: str, body: dict | None = None, headers: dict | None = None):
        status, content = request(self.stack.base_url, method, path, self.token, body, headers=headers,
                                  conn=self.conn)
        if self.on_response is not None:
            self.on_response(method, path, status, content)
        return status, content

    def run(self) -> None:
        kinds = dict(READ_WEIGHTS)
        if self.role in CREATOR_ROLES:
            kinds["create"] = CREATE_WEIGHT
        names, weights = list(kinds), list(kinds.values())
        first = ["list", "detail", "search"] + (["create"] if "create" in kinds else [])  # every kind early on
        while time.monotonic() < self.deadline:
            kind = "create-retry" if self.retry else (first.pop(0) if first else self.rng.choices(names, weights)[0])
            started = time.perf_counter()
            try:
                status, error = getattr(self, "do_" + kind.replace("-", "_"))()
            except Exception as exc:  # a refused or dropped connection, a timeout: an error, not a crash
                status, error = 0, f"{type(exc).__name__}: {exc}"
            self.out.append(Sample(kind, time.perf_counter() - started, status, error))
        self.conn.close()

    def _remember(self, content: bytes) -> None:
        for row in json.loads(content).get("results", []):
            if len(self.case_ids) < 500:
                self.case_ids.append(row["id"])

    def do_list(self) -> tuple[int, str]:
        status, content = self.call("GET", f"/api/v1/cases/?page_size={self.rng.choice((20, 50))}")
        if status != 200:
            return status, f"list: HTTP {status} {content[:200]!r}"
        self._remember(content)
        return status, ""

    def do_search(self) -> tuple[int, str]:
        status, content = self.call("GET", "/api/v1/cases/?" + urlencode(self.rng.choice(SEARCHES)))
        if status != 200:
            return status, f"search: HTTP {status} {content[:200]!r}"
        self._remember(content)
        return status, ""

    def do_detail(self) -> tuple[int, str]:
        if not self.case_ids:
            return self.do_list()
        case_id = self.rng.choice(self.case_ids)
        status, content = self.call("GET", f"/api/v1/cases/{case_id}/")
        if status != 200:
            return status, f"detail {case_id}: HTTP {status} {content[:200]!r}"
        for item in json.loads(content).get("items", [])[:3]:
            if item.get("taxon") and item.get("term") and len(self.item_rows) < 20:
                self.item_rows.append({k: item.get(k) for k in ("taxon", "term", "quantity", "unit")})
        return status, ""

    def new_case(self) -> dict:
        n = self.rng.randrange(10**6)
        items = self.rng.sample(self.item_rows, min(len(self.item_rows), self.rng.randint(1, 3)))
        return {
            "occurred_at": f"2025-{self.rng.randint(1, 12):02d}-{self.rng.randint(1, 28):02d}T08:30:00Z",
            "detection_method": "xray", "transport_mode": "road", "origin_country": "CN",
            "transit_countries": ["KZ"], "destination_country": "KG", "description": f"load test case {n}",
            "items": items or [{"taxon": "Saiga tatarica", "term": "HOR", "quantity": "2", "unit": None}],
            "parties": [{"role": "suspect", "person": {"full_name": f"Load Tester {n}", "id_document_type": "passport",
                                                       "id_document_number": f"LT{n:07d}"}}],
            "conveyances": [{"kind": "vehicle", "identifier": f"01 KG {n % 1000:03d} LTC"}],
        }

    def do_create(self) -> tuple[int, str]:
        if not self.item_rows and self.case_ids:
            return self.do_detail()  # learn which taxa and terms the data uses first
        key, body = uuid.uuid4().hex, self.new_case()
        status, content = self.call("POST", "/api/v1/cases/", body, headers={"Idempotency-Key": key})
        if status != 201:
            return status, f"create: HTTP {status} {content[:300]!r}"
        self.creates += 1
        if self.creates == 1 or self.rng.random() < 0.25:
            self.retry = (key, body, json.loads(content)["reference"])
        return status, ""

    def do_create_retry(self) -> tuple[int, str]:
        key, body, reference = self.retry
        self.retry = None
        status, content = self.call("POST", "/api/v1/cases/", body, headers={"Idempotency-Key": key})
        if status != 200:
            return status, f"create retry: HTTP {status} {content[:300]!r}"
        if json.loads(content)["reference"] != reference:
            return status, f"create retry answered another case than {reference}"
        return status, ""


def demo_tokens(stack: Stack, clients: int) -> list[tuple[str, str]]:
    """(token, role) for each client: the demo accounts sign in through POST /api/v1/auth/token/."""
    tokens: dict[str, str] = {}
    accounts = demo_accounts(clients)
    for username, password, _role in accounts:
        if username not in tokens:
            tokens[username] = stack.token(username, password)
    return [(tokens[username], role) for username, _password, role in accounts]


def run_load(stack: Stack, clients: int, duration: float, seed: int = 12,
             tokens: list[tuple[str, str]] | None = None,
             on_response: Callable[[str, str, int, bytes], None] | None = None) -> LoadResult:
    """`clients` threads for `duration` seconds against the stack; every request's kind, time and outcome.
    `tokens` gives each client's (token, role); by default the demo accounts sign in. `on_response` sees
    every answer (method, path, status, body), e.g. to check it against the API schema."""
    tokens = tokens or demo_tokens(stack, clients)
    samples: list[Sample] = []
    started = time.monotonic()
    threads = [Client(stack, tokens[i % len(tokens)][0], tokens[i % len(tokens)][1], seed + i, started + duration,
                      samples, on_response) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    return LoadResult(duration=time.monotonic() - started, clients=clients, samples=list(samples))


def report(result: LoadResult) -> None:
    by_kind: dict[str, list[float]] = defaultdict(list)
    for sample in result.samples:
        by_kind[sample.kind].append(sample.seconds * 1000)
    print(f"{result.clients} clients, {result.duration:.0f} s: {len(result.samples)} requests, "
          f"{result.throughput:.1f} req/s")
    print(f"  {'kind':<13} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for kind in KINDS:
        times = sorted(by_kind.get(kind, []))
        errors = sum(1 for s in result.samples if s.kind == kind and s.error)
        print(f"  {kind:<13} {len(times):>8} {_percentile(times, 50):>8.0f} {_percentile(times, 95):>8.0f} "
              f"{_percentile(times, 99):>8.0f} {errors:>7}")
    print(f"  errors: {len(result.errors)} (goal: 0)")
    for sample in result.errors[:10]:
        print(f"    {sample.kind}: {sample.error}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds")
    parser.add_argument("--cases", type=int, default=320, help="demo cases loaded before the run")
    args = parser.parse_args(argv or [])
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("needs PostgreSQL (set DATABASE_URL=postgres://...); skipped")
        return
    with production_stack("load", cases=args.cases) as stack:
        result = run_load(stack, args.clients, args.duration)
        report(result)
        print(f"  matching tasks still queued at the end: {stack.queue_length()}")


if __name__ == "__main__":
    import sys

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    django.setup()
    main(sys.argv[1:])
