"""Import of a 10,000-row agency file (Windows-1251 CSV, ';', decimal commas, two-digit years, units in cells,
species and countries as people write them), checked and written in one run. Limit: under 60 s.

BENCH_IMPORT_ROWS (default 10000) sets the size. Builds a throw-away test database (SQLite in memory, or
test_<name> on PostgreSQL when DATABASE_URL points there) with the real reference data. Person matching is
queued for the background as in production (an in-memory broker here) and is not part of the figure.
"""
from __future__ import annotations

import os
import random
import time

LIMIT_SECONDS = 60.0
SPECIES = ["рога сайги", "Сайгак", "балобан", "Falco cherrug", "степная черепаха", "ирбис", "осетр русский",
           "Русский осётр", "шкура ирбиса", "Ирбис"]  # Kyrgyz letters (ө, ү, ң) do not exist in cp1251
PARTS = ["", "", "живые", "икра", "шкура", "мясо"]
QUANTITIES = ["15 шт.", "2,5 кг", "300 г", "1 200", "3", "0,75 кг", "2"]
COUNTRIES = ["КНР", "Китай", "РК", "Казахстан", "РФ", "ОАЭ", "UAE", "KZ", "Кытай", ""]
NAMES = ["Асанов А.Т.", "Петров Иван Сергеевич", "Токтогулов Бакыт", "Zhang Wei", "Иванова Мария Петровна",
         "Сыдыков Э.Б."]


def make_file(rows: int, seed: int = 19) -> bytes:
    rnd = random.Random(seed)
    lines = ["Реестр изъятий;;;;;;;;;;", ";;;;;;;;;;",
             "Номер дела;Дата изъятия;Наименование;Продукция;Кол-во;Ед. изм.;Страна происхождения;"
             "Страна назначения;Ф.И.О.;Дата рождения;Гражданство"]
    case, left = 0, 0
    for _ in range(rows):
        if left == 0:
            case += 1
            left = rnd.choice([1, 1, 2, 3])
            day = f"{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.{rnd.choice(['15', '17', '2019', '21', '2023'])}"
            person = f"{rnd.choice(NAMES)}{case % 50 or ''}"
            birth = f"{rnd.randint(1, 28)}.{rnd.randint(1, 12)}.19{rnd.randint(55, 99)}"
            origin, destination = rnd.choice(COUNTRIES), rnd.choice(COUNTRIES)
        left -= 1
        species = rnd.choice(SPECIES)
        part = rnd.choice(PARTS) if "рога" not in species and "шкура" not in species else ""
        if part == "икра" or species.startswith(("осетр", "Русский")):
            part, qty = "икра", rnd.choice(["2,5 кг", "300 г", "1 200 г"])
        elif part in ("", "живые"):
            qty = rnd.choice(["15 шт.", "3", "1 200", "2"])
        else:
            qty = rnd.choice(QUANTITIES)
        lines.append(";".join([f"{case}/{seed}", day, species, part, qty, "", origin, destination, person, birth,
                               rnd.choice(["КР", "РК", "KG", ""])]))
    return ("\r\n".join(lines) + "\r\n").encode("cp1251")


def main() -> None:
    from django.test.utils import setup_databases, teardown_databases

    from config.celery import app

    rows = int(os.environ.get("BENCH_IMPORT_ROWS", "10000"))
    old_config = setup_databases(verbosity=0, interactive=False)
    eager, broker = app.conf.task_always_eager, app.conf.broker_url
    app.conf.task_always_eager, app.conf.broker_url = False, "memory://"
    try:
        from django.contrib.auth import get_user_model

        from agencies.models import Agency
        from agencies.reference import load_agencies, load_countries
        from imports.services import create_batch, run_import
        from seizures.models import Case, SeizedItem
        from species.reference import load_codes, load_taxa

        for loader in (load_countries, load_agencies, load_codes, load_taxa):
            loader()
        user = get_user_model().objects.create_superuser("bench", "bench@example.org", "bench-pass-1234")
        agency = Agency.objects.get(code="KG-CUS")
        data = make_file(rows)
        batch = create_batch(user, agency, data, "bench.csv", keep_file=False)
        phases: dict[str, float] = {}
        started = time.perf_counter()

        def progress(phase: str, done: int, total: int) -> None:
            phases[phase] = time.perf_counter() - started

        analysis = run_import(batch, data, progress=progress)
        elapsed = time.perf_counter() - started
        batch.refresh_from_db()
        cases, items = Case.objects.count(), SeizedItem.objects.count()
        print(f"file: {rows} rows, {len(data) / 1024:.0f} KiB cp1251; {len(analysis.cases)} case numbers")
        print(f"  status {batch.status}; {batch.created_cases} cases, {items} items written ({cases} in db); "
              f"{batch.error_rows} error rows, {batch.warning_rows} warning rows")
        for row in analysis.error_rows[:3]:
            print(f"  error row {row.number}: {row.messages}")
        print(f"  check (read + parse + validate): {phases.get('check', 0):.1f} s")
        print(f"  whole import: {elapsed:.1f} s   limit {LIMIT_SECONDS:.0f} s   "
              f"{'OK' if elapsed < LIMIT_SECONDS else 'OVER LIMIT'}   ({rows / elapsed:.0f} rows/s)")
        second = time.perf_counter()
        again = create_batch(user, agency, data, "bench.csv", keep_file=False)
        run_import(again, data)
        again.refresh_from_db()
        print(f"  re-import of the same file: {time.perf_counter() - second:.1f} s, {again.created_cases} new cases")
    finally:
        app.conf.task_always_eager, app.conf.broker_url = eager, broker
        teardown_databases(old_config, verbosity=0)
