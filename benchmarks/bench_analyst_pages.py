"""The analysis pages at scale: statistics chart, seizure map, link chart and its GraphML export.

Its own database (bench_analyst_<name>, kept between runs) with the reference data and CASES cases
(default 5,000) made here with bulk_create: posts, routes with transits, one party each (persons number
three for ten cases, so most are in several; with documents and phones), vehicles. Signs in an analyst
of the first agency. Prints the median of RUNS server times beside the limit (our own goal for an
analysis page: 1 s); nothing is asserted (figures, not a test).
"""
from __future__ import annotations

import os
import statistics
import time

RUNS = 5
LIMIT_MS = 1000


def _generate(total: int) -> None:
    import random
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from agencies.models import Agency, Country, Post
    from common.textnorm import normalise_document_number, search_key
    from seizures.models import Case, CaseParty, Conveyance, Person

    rng = random.Random(16)
    agencies = list(Agency.objects.filter(country__iso2="KG"))
    posts = list(Post.objects.filter(latitude__isnull=False)) or [None]
    countries = list(Country.objects.filter(iso2__in=["KG", "KZ", "CN", "UZ", "TJ", "RU", "AE", "AF"]))
    recorder, _created = get_user_model().objects.get_or_create(username="bench-recorder")
    now = timezone.now()
    start = Case.objects.count()
    cases = []
    for i in range(start, start + total):
        agency = agencies[i % len(agencies)]
        when = now - timedelta(days=rng.randint(0, 5 * 365))
        cases.append(Case(
            agency=agency, recorded_by=recorder, occurred_at=when, year=when.year, sequence=900_000 + i,
            reference=f"{agency.code}-{when.year}-B{i:06d}", post=rng.choice(posts), detection_method="xray",
            transport_mode="road", status="open", sharing_level="national",
            origin_country=rng.choice(countries), destination_country=rng.choice(countries)))
    cases = Case.objects.bulk_create(cases, batch_size=2000)
    through = Case.transit_countries.through
    through.objects.bulk_create([through(case_id=c.pk, country_id=rng.choice(countries).pk)
                                 for c in cases if rng.random() < 0.4], batch_size=5000)
    persons = []
    for i in range(max(total * 3 // 10, 1)):
        name = f"Асанов Бакыт {i}"
        document = f"AC {1_000_000 + i}"
        persons.append(Person(agency=agencies[i % len(agencies)], full_name=name, name_key=search_key(name),
                              id_document_type="passport", id_document_number=document,
                              document_key=normalise_document_number(document), phone=f"+996 555 {i:06d}"))
    persons = Person.objects.bulk_create(persons, batch_size=5000)
    CaseParty.objects.bulk_create([CaseParty(case=c, person=rng.choice(persons), role="suspect") for c in cases],
                                  batch_size=5000)
    Conveyance.objects.bulk_create([Conveyance(case=c, kind="vehicle", identifier=f"01 KG {i % 900:03d} ABC",
                                               identifier_normalized=f"01KG{i % 900:03d}ABC")
                                    for i, c in enumerate(cases)], batch_size=5000)


def _median(fn) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        response = fn()
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    return statistics.median(times)


def main() -> None:
    from django.db import connection
    from django.test import Client

    if connection.vendor != "postgresql":
        print("bench_analyst_pages needs PostgreSQL (set DATABASE_URL); skipped")
        return
    target = int(os.environ.get("CASES", "5000"))
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_analyst_{connection.settings_dict['NAME']}"
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from agencies.choices import Role
    from agencies.models import Agency, Membership
    from seizures.models import Case
    from species.models import Taxon

    if not Taxon.objects.exists():
        call_command("load_reference_data", verbosity=0)
    if Case.objects.count() < target:
        started = time.perf_counter()
        _generate(target - Case.objects.count())
        print(f"generated cases up to {target:,} in {time.perf_counter() - started:.0f} s")
    agency = Agency.objects.order_by("pk").first()
    user, _created = get_user_model().objects.get_or_create(username="bench-analyst")
    Membership.objects.update_or_create(user=user, defaults={"agency": agency, "role": Role.ANALYST})
    client = Client()
    client.force_login(user)
    visible = Case.objects.visible_to(user).count()
    print(f"cases: {Case.objects.count():,}, visible to the analyst: {visible:,}; median of {RUNS} runs")
    pages = [
        ("statistics, by route", "/statistics/", {"group_by": "route"}),
        ("seizure map", "/statistics/map/", {}),
        ("link chart (40 newest cases)", "/statistics/links/", {}),
        ("link chart GraphML", "/statistics/links/export/graphml/", {}),
        ("link chart, has flags", "/statistics/links/", {"has_flags": "any"}),
    ]
    print(f"{'page':32} {'ms':>8} {'limit':>10}")
    for label, url, query in pages:
        ms = _median(lambda url=url, query=query: client.get(url, query))
        print(f"{label:32} {ms:8.1f} {LIMIT_MS:>7} ms", flush=True)
