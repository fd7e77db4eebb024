"""Bulk generator: fills PostgreSQL with realistic, messy cases through COPY (about 1M cases in minutes).

Per case: 1.5 items on average, one party, one sharing-list row for named and regional sharing;
persons are 30 % of cases (repeat offenders), with names
in Cyrillic and several Latin spellings, documents written with and without spaces, mixed sharing
levels and statuses over 20 agencies in four countries, dates over eight years. Rows go straight
into the project's real tables (search keys computed by the project's own functions), then VACUUM (ANALYZE).
"""
from __future__ import annotations

import io
import random
import time
from datetime import UTC, datetime, timedelta

from django.db import connection

from common.textnorm import normalise_document_number, search_key

CHUNK = 50_000
SURNAMES = ["Асанов", "Asanov", "Assanov", "Осмонов", "Osmonov", "Ибраимов", "Ibraimov", "Ибрагимов", "Жумабеков",
            "Zhumabekov", "Dzhumabekov", "Нурланов", "Nurlanov", "Токтогулов", "Toktogulov", "Ким", "Kim", "Ли", "Wang",
            "Сатыбалдиев", "Satybaldiev", "Абдыкадыров", "Abdykadyrov", "Kurbanov", "Курбанов", "Рахимов"]
GIVEN = ["Бакыт", "Bakyt", "Bakit", "Айбек", "Aibek", "Aybek", "Нурлан", "Nurlan", "Улан", "Ulan", "Азамат", "Azamat",
         "Дамир", "Damir", "Erlan", "Эрлан", "Wei", "Marat", "Марат"]
DESCRIPTIONS = ["Соколы в багажнике", "Рога сайгака в тайнике под сиденьем", "Live falcons in boxes",
                "Шкура снежного барса", "Ителги куштар унаада", "saiga horns, hidden in cargo", "Черепахи в сумке",
                "Medicinal parts, undeclared", "Икра осетровых без документов", ""]
PLACES = ["Торугарт", "Torugart", "Иркештам", "Irkeshtam", "Ак-Жол", "Манас аэропорт", "Бишкек", "Ош", "Кордай"]

DETECTION = ["xray", "dog", "physical", "intelligence", "documentary"]
CONCEALMENT = ["none", "checked_baggage", "on_body", "vehicle_compartment", "cargo_misdeclared"]


def _copy(table: str, columns: list[str], rows) -> int:
    """COPY rows (tuples) into table in chunks; returns the number written."""
    total = 0
    with connection.cursor() as cursor:
        buffer = io.StringIO()
        count = 0
        for row in rows:
            buffer.write("\t".join(r"\N" if v is None else str(v).replace("\t", " ").replace("\n", " ")
                                   for v in row))
            buffer.write("\n")
            count += 1
            if count == CHUNK:
                buffer.seek(0)
                cursor.copy_expert(f'COPY {table} ({", ".join(columns)}) FROM STDIN', buffer)
                total += count
                buffer, count = io.StringIO(), 0
        if count:
            buffer.seek(0)
            cursor.copy_expert(f'COPY {table} ({", ".join(columns)}) FROM STDIN', buffer)
            total += count
    return total


def _next_id(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
        return cursor.fetchone()[0]


def _fix_sequence(table: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")


def ensure_agencies(count: int = 20) -> list[tuple[int, int]]:
    """At least `count` agencies over four countries; returns (agency id, country id) pairs."""
    from agencies.models import Agency, Country

    countries = [Country.objects.get_or_create(iso2=iso2, defaults={"iso3": iso3, "name": name})[0]
                 for iso2, iso3, name in (("KG", "KGZ", "Kyrgyzstan"), ("KZ", "KAZ", "Kazakhstan"),
                                          ("UZ", "UZB", "Uzbekistan"), ("TJ", "TJK", "Tajikistan"))]
    existing = Agency.objects.count()
    for n in range(existing, count):
        country = countries[n % 4]
        Agency.objects.create(code=f"{country.iso2}-B{n:02d}", name=f"Bench agency {n}", kind="customs",
                              country=country)
    return list(Agency.objects.values_list("id", "country_id"))


def generate(cases: int, seed: int = 15) -> dict[str, float]:
    """Add `cases` cases (with items, parties and persons) to the database; returns counts and seconds."""
    from django.contrib.auth import get_user_model

    from species.models import Taxon, Term

    rng = random.Random(seed)
    started = time.perf_counter()
    agencies = ensure_agencies()
    user = get_user_model().objects.get_or_create(username="bench-recorder")[0]
    taxa = list(Taxon.objects.values_list("id", flat=True)) or [None]
    terms = list(Term.objects.values_list("id", flat=True))
    countries = list({c for _a, c in agencies}) + [None]
    now = datetime.now(UTC)
    first_case, first_person = _next_id("seizures_case"), _next_id("seizures_person")
    persons = max(1, int(cases * 0.3))
    stamp = now.isoformat()

    def person_rows():
        for n in range(persons):
            surname, given = rng.choice(SURNAMES), rng.choice(GIVEN)
            name = f"{surname} {given}" if rng.random() < 0.7 else f"{given.upper()} {surname.upper()}"
            prefix, gap = rng.choice(["AN", "ID", "AC", "N"]), rng.choice(["", " ", "-"])
            document = f"{prefix}{gap}{rng.randint(10**6, 10**7 - 1)}"
            agency_id, country_id = agencies[n % len(agencies)]
            yield (first_person + n, name, surname, given, "", "", None, rng.randint(1950, 2004), "passport",
                   document, "", "", "", stamp, agency_id, country_id, country_id,
                   normalise_document_number(document)[:64], search_key(name)[:255])

    _copy("seizures_person", ["id", "full_name", "surname", "given_names", "patronymic", "sex", "birth_date",
                              "birth_year", "id_document_type", "id_document_number", "phone", "address", "notes",
                              "created_at", "agency_id", "id_document_country_id", "nationality_id",
                              "document_key", "name_key"], person_rows())

    items: list[tuple] = []
    sequences: dict[tuple[int, int], int] = {}
    shared_agencies: list[tuple[int, int]] = []  # (case, agency) of named sharing
    shared_countries: list[tuple[int, int]] = []  # (case, country) of regional sharing across a border

    def case_rows():
        for n in range(cases):
            agency_index = rng.randrange(len(agencies))
            agency_id, _country = agencies[agency_index]
            occurred = now - timedelta(seconds=rng.randint(3600, 8 * 365 * 86400))
            year = occurred.year
            # above every sequence an earlier run used (they are below 100000 + its first id + its count)
            sequence = sequences[(agency_id, year)] = sequences.get((agency_id, year), 100000 + first_case) + 1
            status = rng.choices(["open", "closed", "draft"], [60, 35, 5])[0]
            sharing = rng.choices(["agency", "named", "national", "regional"], [40, 10, 35, 15])[0]
            if sharing == "named":
                shared_agencies.append((first_case + n, rng.choice(agencies)[0]))
            elif sharing == "regional":
                shared_countries.append((first_case + n, rng.choice(countries[:-1])))
            yield (first_case + n, f"B{agency_id:03d}-{year}-{sequence:06d}", year, sequence, occurred.isoformat(),
                   rng.choice(PLACES), None, None, rng.choice(DETECTION), rng.choice(["road", "air", "rail", "post"]),
                   rng.choice(CONCEALMENT),
                   status, sharing, rng.choice(DESCRIPTIONS), "", None, "", "", "", rng.random() < 0.01, "", None,
                   stamp, stamp, agency_id, rng.choice(countries), rng.choice(countries), None, user.pk, None, "", 1)

    _copy("seizures_case", ["id", "reference", "year", "sequence", "occurred_at", "location_text", "latitude",
                            "longitude", "detection_method", "transport_mode", "concealment", "status",
                            "sharing_level", "description", "outcome", "fine_amount", "fine_currency",
                            "criminal_case_number", "court_result", "is_voided", "void_reason", "voided_at",
                            "created_at", "updated_at", "agency_id", "destination_country_id",
                            "origin_country_id", "post_id", "recorded_by_id", "voided_by_id", "agency_case_number",
                            "version"],
          case_rows())

    def item_rows():
        for n in range(cases):
            for _ in range(1 if rng.random() < 0.5 else 2):
                live = rng.random() < 0.3
                yield ("", rng.randint(1, 40), rng.randint(1, 10) if live else None, "", None, "", "", "",
                       "", "", first_case + n, None, rng.choice(taxa), rng.choice(terms), None)

    items = _copy("seizures_seizeditem", ["unidentified_description", "quantity", "live_count", "condition",
                                          "estimated_value", "currency", "disposition", "permit_number_as_written",
                                          "cites_appendix_at_seizure", "notes", "case_id", "permit_id", "taxon_id",
                                          "term_id", "unit_id"], item_rows())

    def party_rows():
        for n in range(cases):
            yield ("suspect", "", first_case + n, None, first_person + rng.randrange(persons))

    parties = _copy("seizures_caseparty", ["role", "notes", "case_id", "company_id", "person_id"], party_rows())
    _copy("seizures_case_shared_with_agencies", ["case_id", "agency_id"], shared_agencies)
    _copy("seizures_case_shared_with_countries", ["case_id", "country_id"], shared_countries)
    for table in ("seizures_case", "seizures_person"):
        _fix_sequence(table)
    with connection.cursor() as cursor:
        # What autovacuum does to a live database: the visibility map (index-only scans) and hint bits
        # set and statistics read, so the benchmark times a database in its steady state, not one
        # whose every page is still being written back on its first read. (VACUUM needs autocommit.)
        cursor.execute("VACUUM (ANALYZE)" if connection.get_autocommit() else "ANALYZE")
    return {"cases": cases, "items": items, "parties": parties, "persons": persons,
            "seconds": time.perf_counter() - started}
