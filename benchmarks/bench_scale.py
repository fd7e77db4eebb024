"""Scale benchmark (PostgreSQL): cases at SCALE (10k, 100k, 1m), each API/web figure beside raw SQL.

Uses its own database `bench_<name>` (kept between runs: the COPY generator in benchmarks/bulk.py
only tops it up to SCALE). Signs in a national officer of the first agency, times the median of
five requests per operation and the hand-written SQL returning the same page under the same
visibility rule, then prints EXPLAIN ANALYZE of the slowest API query. Figures, not assertions.
"""
from __future__ import annotations

import base64
import os
import statistics
import time
from urllib.parse import urlencode

SCALES = {"10k": 10_000, "100k": 100_000, "200k": 200_000, "1m": 1_000_000}
RUNS = 5

VISIBLE = """(c.agency_id = %(agency)s OR (c.status <> 'draft' AND (
  (c.sharing_level = 'named' AND EXISTS (SELECT 1 FROM seizures_case_shared_with_agencies s
                                        WHERE s.case_id = c.id AND s.agency_id = %(agency)s))
  OR (c.sharing_level IN ('national', 'regional')
      AND c.agency_id IN (SELECT id FROM agencies_agency WHERE country_id = %(country)s))
  OR (c.sharing_level = 'regional' AND EXISTS (SELECT 1 FROM seizures_case_shared_with_countries s
                                              WHERE s.case_id = c.id AND s.country_id = %(country)s)))))"""
PAGE = f"SELECT c.* FROM seizures_case c WHERE {VISIBLE} {{extra}} ORDER BY c.occurred_at DESC, c.id DESC LIMIT 50"
#: The same answer as the API list (seizures/api/list_serializers.py): case columns, related codes, item count.
LIST_PAGE = f"""SELECT c.id, c.reference, c.agency_case_number, c.occurred_at, c.location_text, c.latitude,
  c.longitude, c.detection_method, c.transport_mode, c.concealment, c.status, c.sharing_level, c.outcome,
  c.is_voided, c.created_at, c.updated_at, c.version, a.code, p.code, u.username, o.iso2, e.iso2, d.iso2,
  (SELECT count(*) FROM seizures_seizeditem i WHERE i.case_id = c.id)
FROM seizures_case c JOIN agencies_agency a ON a.id = c.agency_id LEFT JOIN agencies_post p ON p.id = c.post_id
  JOIN {{users}} u ON u.id = c.recorded_by_id LEFT JOIN agencies_country o ON o.id = c.origin_country_id
  LEFT JOIN agencies_country e ON e.id = c.export_country_id
  LEFT JOIN agencies_country d ON d.id = c.destination_country_id
WHERE {VISIBLE} {{extra}} ORDER BY c.occurred_at DESC, c.id DESC LIMIT 50"""
#: The same answer as the API detail: the case row with its items (taxon, term, unit), parties (person or
#: company), conveyances, transit countries and sharing lists, each as JSON, in one query.
DETAIL = """SELECT c.*,
  (SELECT json_agg(json_build_object('item', i, 'taxon', t.scientific_name, 'term', tm.code, 'unit', u.code))
     FROM seizures_seizeditem i LEFT JOIN species_taxon t ON t.id = i.taxon_id
     LEFT JOIN species_term tm ON tm.id = i.term_id LEFT JOIN species_unit u ON u.id = i.unit_id
     WHERE i.case_id = c.id),
  (SELECT json_agg(json_build_object('party', p, 'person', pe, 'company', co)) FROM seizures_caseparty p
     LEFT JOIN seizures_person pe ON pe.id = p.person_id LEFT JOIN seizures_company co ON co.id = p.company_id
     WHERE p.case_id = c.id),
  (SELECT json_agg(v) FROM seizures_conveyance v WHERE v.case_id = c.id),
  (SELECT json_agg(x.country_id) FROM seizures_case_transit_countries x WHERE x.case_id = c.id),
  (SELECT json_agg(x.agency_id) FROM seizures_case_shared_with_agencies x WHERE x.case_id = c.id),
  (SELECT json_agg(x.country_id) FROM seizures_case_shared_with_countries x WHERE x.case_id = c.id)
FROM seizures_case c WHERE {visible} AND c.id = %(id)s"""
#: The same answer as the web case list (seizures/views.py `case_list`): the capped count of the matches
#: (`CaseListPaginator`, the first LIST_COUNT_CAP + 1), the page of 25 with its agency and post rows
#: (select_related) and each case's items with taxon and unit (the prefetch the list summary reads).
WEB_LIST = f"""WITH page AS (
  SELECT c.*, to_jsonb(a) AS agency_row, to_jsonb(p) AS post_row FROM seizures_case c
    JOIN agencies_agency a ON a.id = c.agency_id LEFT JOIN agencies_post p ON p.id = c.post_id
  WHERE {VISIBLE} {{extra}} ORDER BY c.occurred_at DESC, c.id DESC LIMIT 25)
SELECT page.*, (SELECT count(*) FROM (SELECT 1 FROM seizures_case c WHERE {VISIBLE} {{extra}} LIMIT 1001) n),
  (SELECT json_agg(json_build_object('item', i, 'taxon', t.scientific_name, 'unit', u.code) ORDER BY i.id)
     FROM seizures_seizeditem i LEFT JOIN species_taxon t ON t.id = i.taxon_id
     LEFT JOIN species_unit u ON u.id = i.unit_id WHERE i.case_id = page.id)
FROM page ORDER BY page.occurred_at DESC, page.id DESC"""
#: The same answer as the API person list searched by a document number (seizures/api/views.py
#: `PersonViewSet`): the page of persons the user may see through a visible case (newest first, 50),
#: their agency and countries, each person's visible case links (case, reference, agency), and the
#: access-log entry per person shown that the API writes for a list.
PERSONS_BY_DOCUMENT = f"""WITH page AS (
  SELECT pe.*, ag.code AS agency_code, n.iso2 AS nationality_code, dc.iso2 AS document_country_code
  FROM seizures_person pe LEFT JOIN agencies_agency ag ON ag.id = pe.agency_id
    LEFT JOIN agencies_country n ON n.id = pe.nationality_id
    LEFT JOIN agencies_country dc ON dc.id = pe.id_document_country_id
  WHERE pe.document_key LIKE %(like)s AND EXISTS (
    SELECT 1 FROM seizures_caseparty cp JOIN seizures_case c ON c.id = cp.case_id
    WHERE cp.person_id = pe.id AND {VISIBLE})
  ORDER BY pe.id DESC LIMIT 51),
logged AS (
  INSERT INTO seizures_personaccesslog (channel, accessed_at, agency_id, person_id, user_id)
  SELECT 'api', now(), %(agency)s, page.id, %(user)s FROM page RETURNING person_id)
SELECT page.*, (SELECT count(*) FROM logged),
  (SELECT json_agg(json_build_object('case', c.id, 'reference', c.reference, 'agency', a.code) ORDER BY c.id)
     FROM seizures_caseparty cp JOIN seizures_case c ON c.id = cp.case_id
     JOIN agencies_agency a ON a.id = c.agency_id WHERE cp.person_id = page.id AND {VISIBLE}) AS links
FROM page ORDER BY page.id DESC"""
#: The taxon groupings of the statistics API, answered from the item rollup (analytics/item_rollup.py).
TAXON_GROUPS = ("species", "genus", "family", "order", "class")
#: BENCH_SCALE_PARTS=api,statistics,rollup,export (default: all) runs only those parts.
PARTS = ("api", "statistics", "rollup", "export")


def _median(fn) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _raw(sql: str, params: dict) -> float:
    from django.db import connection

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            cursor.fetchall()
    return _median(run)


def _cursor_for(position) -> str:
    return base64.b64encode(urlencode({"p": str(position)}).encode("ascii")).decode("ascii")


def _record_cases(user, count: int) -> None:
    """`count` new cases of `user`'s agency with one or two items each, as the case form records them."""
    import datetime
    from decimal import Decimal

    from django.utils import timezone

    from seizures.choices import SharingLevel
    from seizures.models import Case, SeizedItem
    from species.models import Taxon, Term, Unit

    taxa = list(Taxon.objects.filter(rank="species").order_by("pk")[:5])
    term, unit = Term.objects.order_by("pk").first(), Unit.objects.order_by("pk").first()
    for n in range(count):
        case = Case.objects.create(agency=user.membership.agency, recorded_by=user, detection_method="xray",
                                   transport_mode="road", sharing_level=SharingLevel.NATIONAL,
                                   occurred_at=timezone.now() - datetime.timedelta(hours=n))
        for m in range(1 + n % 2):
            SeizedItem.objects.create(case=case, taxon=taxa[(n + m) % len(taxa)], term=term, unit=unit,
                                      quantity=Decimal(n + 1), estimated_value=Decimal(10 * n), currency="USD")


def main() -> None:
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        print("bench_scale needs PostgreSQL (set DATABASE_URL); skipped")
        return
    scale_name = os.environ.get("SCALE", "10k").lower()
    target = SCALES.get(scale_name, 10_000)
    # Its own database (never the test suite's): bench_<name>, kept between runs.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{connection.settings_dict['NAME']}"
    connection.creation.create_test_db(verbosity=0, keepdb=True, serialize=False)
    from django.core.management import call_command

    from benchmarks.pg_settings import use_production_settings

    session = use_production_settings()  # the planner settings of docker-compose.yml's db service
    print("PostgreSQL session: " + ", ".join(f"{name}={value}" for name, value in session.items()))

    from agencies.choices import Role
    from agencies.models import Agency, Membership
    from benchmarks import bulk
    from seizures.models import Case, Person
    from species.models import Taxon

    if not Taxon.objects.exists():
        call_command("load_reference_data", verbosity=0)
    have = Case.objects.count()
    if have < target:
        result = bulk.generate(target - have)
        print(f"generated {result['cases']:,} cases, {result['items']:,} items, {result['parties']:,} parties, "
              f"{result['persons']:,} persons in {result['seconds']:.0f} s "
              f"({result['cases'] / result['seconds']:,.0f} cases/s; limit: 1M in 600 s)")
    total = Case.objects.count()
    agency = Agency.objects.order_by("pk").first()
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(username="bench-analyst")
    if created or not hasattr(user, "membership"):
        Membership.objects.update_or_create(user=user, defaults={"agency": agency, "role": Role.ANALYST})
    officer, created = get_user_model().objects.get_or_create(username="bench-officer-scale")
    if created or not hasattr(officer, "membership"):
        Membership.objects.update_or_create(user=officer, defaults={"agency": agency, "role": Role.OFFICER})
    client = Client()
    client.force_login(officer)
    params = {"agency": agency.pk, "country": agency.country_id}
    page_1000 = Case.objects.visible_to(officer).order_by("-occurred_at", "-id").values_list(
        "occurred_at", flat=True)[49_999:50_000]
    position = page_1000[0] if page_1000 else None
    taxon = Taxon.objects.filter(rank="genus").order_by("pk").first() or Taxon.objects.order_by("pk").first()
    person = Person.objects.order_by("pk").first()
    name_word = person.name_key.split()[0] if person else "asanov"
    document = person.document_key[-7:] if person else "1234567"
    # A whole name (both words, any order), as an officer types it; the single word above is a common
    # given name, which a generated population shares far more often than a real one.
    full_name = person.name_key if person else "asanov bakyt"
    words = full_name.split()[:2]
    by_full_name = ("AND c.id IN (SELECT case_id FROM seizures_caseparty WHERE person_id IN (SELECT id FROM "
                    "seizures_person WHERE " + " AND ".join(f"name_key LIKE %(w{n})s" for n in range(len(words)))
                    + "))")
    full_like = {f"w{n}": f"%{word}%" for n, word in enumerate(words)}
    matched = {text: Person.objects.filter(name_key__contains=text.split()[0]).filter(
        name_key__contains=text.split()[-1]).count() for text in (name_word, full_name)}
    print(f"searched: {name_word!r} ({matched[name_word]:,} persons), {full_name!r} ({matched[full_name]:,} persons)")
    sample = Case.objects.visible_to(officer).order_by("pk").first()
    origin = sample.origin_country.iso2 if sample and sample.origin_country_id else "KZ"
    origin_id = sample.origin_country_id if sample else 0
    print(f"cases: {total:,} (SCALE={scale_name}); user: officer of {agency.code}; median of {RUNS} runs")
    parts = set(filter(None, os.environ.get("BENCH_SCALE_PARTS", ",".join(PARTS)).split(",")))
    listing = LIST_PAGE.replace("{users}", get_user_model()._meta.db_table)
    subtree = "SELECT id FROM species_taxon WHERE id = %(taxon)s OR parent_id = %(taxon)s"
    operations = [
        ("case list, first page", "/api/v1/cases/", {}, listing.format(extra=""), {}),
        ("page 1000 (cursor)", "/api/v1/cases/", {"cursor": _cursor_for(position)},
         listing.format(extra="AND c.occurred_at < %(pos)s"), {"pos": position}),
        ("case detail", f"/api/v1/cases/{sample.pk}/", {}, DETAIL.format(visible=VISIBLE), {"id": sample.pk}),
        ("filter by taxon subtree", "/api/v1/cases/", {"taxon": taxon.pk},
         listing.format(extra=f"AND c.id IN (SELECT case_id FROM seizures_seizeditem WHERE taxon_id IN ({subtree}))"),
         {"taxon": taxon.pk}),
        ("filter by date range", "/api/v1/cases/", {"date_from": "2022-03-01", "date_to": "2022-03-31"},
         listing.format(extra="AND c.occurred_at >= '2022-03-01 00:00+06' AND c.occurred_at < '2022-04-01 00:00+06'"),
         {}),
        ("filter by origin country", "/api/v1/cases/", {"origin_country": origin},
         listing.format(extra="AND c.origin_country_id = %(origin)s"), {"origin": origin_id}),
        ("search q by person name", "/api/v1/cases/", {"q": name_word},
         listing.format(extra="AND c.id IN (SELECT case_id FROM seizures_caseparty WHERE person_id IN "
                     "(SELECT id FROM seizures_person WHERE name_key LIKE %(like)s))"), {"like": f"%{name_word}%"}),
        ("search q by full name", "/api/v1/cases/", {"q": full_name},
         listing.format(extra=by_full_name), full_like),
        ("web search by full name", "/cases/", {"q": full_name},
         WEB_LIST.format(extra=by_full_name).replace("LIMIT 1001", "LIMIT 201"), full_like),
        ("persons by document", "/api/v1/persons/", {"q": document},
         PERSONS_BY_DOCUMENT, {"like": f"%{document}%", "user": officer.pk}),
        ("web case list", "/cases/", {}, WEB_LIST.format(extra=""), {}),
    ]
    if position is None:  # fewer than 50,000 visible cases: there is no page 1000
        operations = [op for op in operations if op[0] != "page 1000 (cursor)"]
    slowest = (0.0, "", "")
    if "api" in parts:
        print(f"{'operation':28} {'app ms':>9} {'raw ms':>9} {'ratio':>7} {'queries':>8}")
        for label, url, query, sql, extra in operations:
            client.get(url, query)  # warm: the first request of a connection sets it up
            reset_queries()  # a request starts the query log afresh, which would hide its own queries
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, query)
            queries = list(captured.captured_queries)  # a slice of the live log: read it before the next request
            assert response.status_code == 200, (label, response.status_code)
            app = _median(lambda url=url, query=query: client.get(url, query))
            raw = _raw(sql, {**params, **extra})
            print(f"{label:28} {app:9.1f} {raw:9.1f} {app / raw if raw else 0:6.1f}x {len(queries):8d}", flush=True)
            if queries and app > slowest[0]:
                slowest = (app, label, max(queries, key=lambda q: float(q["time"]))["sql"])

    client.force_login(user)
    if "statistics" in parts:
        # Unfiltered: from the rollup when it covers the grouping and is fresh; with a filter that changes
        # nothing (voided cases are never counted), the same answer counted live.
        from analytics.rollup import refresh_rollup

        started = time.perf_counter()
        rows = refresh_rollup()
        print(f"rollup refresh: {rows:,} rows in {(time.perf_counter() - started) * 1000:,.0f} ms", flush=True)
        url = "/api/v1/statistics/cases/"
        for group in ("month", "year", "agency", "route", *TAXON_GROUPS):
            answer = client.get(url, {"group_by": group})
            live = client.get(url, {"group_by": group, "is_voided": "false"})
            assert answer.json() == live.json(), group
            app = _median(lambda g=group: client.get(url, {"group_by": g}))
            counted = _median(lambda g=group: client.get(url, {"group_by": g, "is_voided": "false"}))
            print(f"statistics {group:17} {app:9.1f} ({answer['X-Statistics-Source']}; live {counted:,.1f})"
                  f"   limit 500 ms, the same rows", flush=True)
        # A checkpoint's work after the refresh: new cases only. The rollup keeps answering, the new cases
        # counted live beside it (analytics.rollup.cases_added_since), the same rows as counted live.
        _record_cases(officer, 20)
        for group in ("month", "route", *TAXON_GROUPS):
            answer = client.get(url, {"group_by": group})
            live = client.get(url, {"group_by": group, "is_voided": "false"})
            assert answer.json() == live.json(), group
            app = _median(lambda g=group: client.get(url, {"group_by": g}))
            print(f"statistics after 20 new cases, {group:8} {app:9.1f} ({answer['X-Statistics-Source']})"
                  f"   limit 500 ms, the same rows as live", flush=True)

    if "rollup" in parts:
        # The statistics rollup (analytics/rollup.py), for the officer whose rule VISIBLE spells out in SQL.
        from analytics.rollup import live_counts, refresh_rollup, rollup_counts

        started = time.perf_counter()
        rows = refresh_rollup()
        print(f"rollup refresh: {rows:,} rows in {(time.perf_counter() - started) * 1000:,.0f} ms", flush=True)
        grouped = {
            "month": "date_trunc('month', c.occurred_at AT TIME ZONE 'Asia/Bishkek')",
            "route": "c.origin_country_id, c.destination_country_id",
        }
        for group, columns in grouped.items():
            assert rollup_counts(officer, group) == live_counts(officer, group), group
            app = _median(lambda g=group: rollup_counts(officer, g))
            raw = _raw(f"SELECT {columns}, count(*) FROM seizures_case c WHERE NOT c.is_voided AND {VISIBLE} "
                       f"GROUP BY {columns}", params)
            print(f"rollup {group:21} {app:9.1f} {raw:9.1f} {app / raw if raw else 0:6.1f}x   limit 500 ms "
                  "(equal to the live count)", flush=True)
        # The item rollup's taxon groupings (species to class), beside the same grouping counted live.
        from analytics.item_rollup import item_rollup_statistics
        from seizures.statistics import case_statistics

        visible = Case.objects.visible_to(officer)
        for group in TAXON_GROUPS:
            rows = item_rollup_statistics(officer, group)
            assert rows is not None, group  # fresh after the refresh above
            app = _median(lambda g=group: item_rollup_statistics(officer, g))
            started = time.perf_counter()
            live = case_statistics(visible, group)
            counted = (time.perf_counter() - started) * 1000
            assert len(rows) == len(live), group
            print(f"item rollup {group:16} {app:9.1f} ms (live {counted:,.0f} ms, {len(rows):,} groups)   "
                  "limit 500 ms", flush=True)

    if "export" in parts:
        from seizures import exports_jobs
        from seizures.models import ExportJob

        job = ExportJob.objects.create(user=user, params={"date_from": ["2020-01-01"]}, language="en")
        started = time.perf_counter()
        job = exports_jobs.run_export(job.pk)
        seconds = time.perf_counter() - started
        print(f"export job CSV: {job.written:,} rows in {seconds:.1f} s = {job.written / seconds:,.0f} rows/s "
              "(goal 20,000 rows/s)", flush=True)
        job.file.delete()

    if not slowest[2]:
        return
    print(f"\nEXPLAIN ANALYZE of the slowest ({slowest[1]}, {slowest[0]:.0f} ms):")
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + slowest[2])
        for (line,) in cursor.fetchall():
            print("   ", line)
