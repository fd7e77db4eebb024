"""The CSV case export on PostgreSQL: each line built by the database, streamed with ``COPY ... TO STDOUT``.

The same columns and cell values as `seizures.exports` (the Python path, used for XLSX and on SQLite),
checked line by line by `tests/scale/test_export_copy.py`:

- the cases are the job's queryset (visibility rule, filters, ordering) numbered once, with the case
  columns the lines need, into a temporary table (`chosen_cases`); its row count is the job's total and
  its ids are what the access log records, so the file, the total and the log name the same cases;
- the lines are written in slices of `SLICE` cases (progress is saved between two slices); items,
  values, parties and transit countries are aggregated for a whole slice by one grouped query each, in
  the orders the Python path uses (item and party id, countries by name);
- codes and translated names of agencies, posts, countries, terms and units are read in the active
  language by the same `_Names` as the Python path into small temporary tables; choice labels are
  parameters;
- an empty cell is written as an unquoted empty field, as Python's ``csv`` module writes it.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from . import exports
from .choices import CaseStatus, Concealment, DetectionMethod, SharingLevel, TransportMode
from .models import Case, CaseParty, SeizedItem

#: Cases per COPY statement; progress is saved after each.
SLICE = 50_000
#: Sort memory of the export's connection while it builds its tables (one job per worker process).
WORK_MEM = "128MB"
#: The export lines end as the Python path's do.
LINE_END = "\n"

_CHOICE_COLUMNS = (("status", CaseStatus), ("detection_method", DetectionMethod),
                   ("transport_mode", TransportMode), ("concealment", Concealment), ("sharing_level", SharingLevel))


#: The small tables the lines name things from: (table, columns, column types).
_LOOKUPS = (
    ("export_x_country", ("id", "code", "label", "rank"), ("bigint", "text", "text", "int")),
    ("export_x_agency", ("id", "code", "label"), ("bigint", "text", "text")),
    ("export_x_post", ("id", "code", "label"), ("bigint", "text", "text")),
    ("export_x_term", ("id", "code", "label"), ("bigint", "text", "text")),
    ("export_x_unit", ("id", "code", "label"), ("bigint", "text", "text")),
)
#: The case columns copied into the chosen table, so a slice never reads the case table again.
_CASE_COLUMNS = ("reference", "occurred_at", "agency_id", "post_id", "status", "is_voided", "detection_method",
                 "transport_mode", "concealment", "origin_country_id", "destination_country_id",
                 "sharing_level", "description")
_TEMPORARY = ("export_chosen", *(table for table, _columns, _types in _LOOKUPS), "export_items", "export_values",
              "export_transit", "export_parties")


def _lookup_rows(names: exports._Names) -> list[list[tuple]]:
    """The rows of each `_LOOKUPS` table, in the active language."""
    return [
        [(pk, code, label, names.country_rank[pk]) for pk, (code, label) in names.countries.items()],
        [(pk, *v) for pk, v in names.agencies.items()],
        [(pk, *v) for pk, v in names.posts.items()],
        [(pk, *v) for pk, v in names.terms.items()],
        [(pk, *v) for pk, v in names.units.items()],
    ]


def _create_lookups(cursor, names: exports._Names) -> None:
    """One small temporary table per lookup, with a primary key, so every slice joins it by hash or index."""
    for (table, columns, types), rows in zip(_LOOKUPS, _lookup_rows(names), strict=True):
        arrays = [list(a) for a in zip(*rows, strict=True)] if rows else [[] for _ in columns]
        placeholders = ", ".join(f"%s::{kind}[]" for kind in types)
        definition = ", ".join(f"{column} {kind}" for column, kind in zip(columns, types, strict=True))
        cursor.execute(f"CREATE TEMPORARY TABLE {table} ({definition}, PRIMARY KEY (id))")
        cursor.execute(f"INSERT INTO {table} SELECT * FROM unnest({placeholders})", arrays)
        cursor.execute(f"ANALYZE {table}")


def _label(column: str, choices, labels: dict[str, str]) -> tuple[str, list]:
    """``CASE column WHEN value THEN label ... ELSE column END`` with the labels as parameters."""
    whens, params = [], []
    for value, label in labels[choices].items():
        whens.append("WHEN %s THEN %s")
        params += [value, label]
    return f"(CASE c.{column} {' '.join(whens)} ELSE c.{column} END)", params


def _amount(sql: str) -> str:
    """A numeric as `exports._amount` writes it: no trailing zeros, no exponent."""
    return f"trim_scale({sql})::text"


def _aggregates(names: exports._Names) -> list[tuple[str, str, list]]:
    """(table, SELECT, parameters) of the per-case aggregates of the chosen cases, each one grouped query.

    Built once for the whole export, by hash joins over the item, party and transit tables, rather than
    once per case or per slice (which would read each table again for every slice)."""
    item, party = SeizedItem._meta.db_table, CaseParty._meta.db_table
    through = Case.transit_countries.through._meta.db_table
    what = ("(CASE WHEN i.taxon_id IS NOT NULL THEN t.scientific_name "
            "ELSE COALESCE(NULLIF(i.unidentified_description, ''), '?') END)")
    first_code = f"{_amount('i.quantity')} || COALESCE(' ' || u1.code, '')"
    second_code = f"COALESCE(' + ' || {_amount('i.second_quantity')} || COALESCE(' ' || u2.code, ''), '')"
    first_name = f"{_amount('i.quantity')} || ' ' || COALESCE(u1.label, %s)"
    second_name = f"COALESCE(' + ' || {_amount('i.second_quantity')} || ' ' || COALESCE(u2.label, %s), '')"
    items = f"""
SELECT ch.ord,
       string_agg({what} || ' ' || tm.code || ' ' || {first_code} || {second_code}, '; ' ORDER BY i.id) AS codes,
       string_agg({what} || ' — ' || tm.label || ': ' || {first_name} || {second_name}, '; ' ORDER BY i.id) AS labels,
       sum(COALESCE(i.live_count, 0)) AS live
FROM export_chosen ch JOIN {item} i ON i.case_id = ch.id LEFT JOIN species_taxon t ON t.id = i.taxon_id
JOIN export_x_term tm ON tm.id = i.term_id
LEFT JOIN export_x_unit u1 ON u1.id = i.unit_id LEFT JOIN export_x_unit u2 ON u2.id = i.second_unit_id
GROUP BY ch.ord"""
    values = f"""
SELECT v.ord, string_agg({_amount('v.total')} || ' ' || v.currency, '; ' ORDER BY v.currency COLLATE "C") AS amounts
FROM (SELECT ch.ord, i.currency, sum(i.estimated_value) AS total FROM export_chosen ch
      JOIN {item} i ON i.case_id = ch.id WHERE i.estimated_value IS NOT NULL GROUP BY ch.ord, i.currency) v
GROUP BY v.ord"""
    transit = f"""
SELECT ch.ord, string_agg(x.code, ', ' ORDER BY x.rank) AS codes,
       string_agg(x.label, ', ' ORDER BY x.rank) AS labels
FROM export_chosen ch JOIN {through} tc ON tc.case_id = ch.id JOIN export_x_country x ON x.id = tc.country_id
GROUP BY ch.ord"""
    parties = f"""
SELECT ch.ord, string_agg(CASE WHEN cp.person_id IS NOT NULL THEN pe.full_name
                                   WHEN cp.company_id IS NOT NULL THEN co.name ELSE 'None' END, '; ' ORDER BY cp.id)
         AS names,
       array_agg(cp.person_id) FILTER (WHERE cp.person_id IS NOT NULL) AS persons
FROM export_chosen ch JOIN {party} cp ON cp.case_id = ch.id LEFT JOIN seizures_person pe ON pe.id = cp.person_id
LEFT JOIN seizures_company co ON co.id = cp.company_id
GROUP BY ch.ord"""
    return [("export_items", items, [names.specimens, names.specimens]), ("export_values", values, []),
            ("export_transit", transit, []), ("export_parties", parties, [])]


#: The (lower, upper) bound pairs ending the parameters of a slice: one per aggregate join, one for the cases.
_BOUNDS = 5


def _statement(names: exports._Names) -> tuple[str, list]:
    """The SELECT of one slice and its parameters; the last `_BOUNDS` pairs are the slice's bounds, set per slice.

    A slice reads its cases from the chosen table and each case's aggregates by its number (`_aggregates`,
    keyed and indexed by `ord`), each table bounded to the slice's range so that only its rows are read."""
    labels = [_label(column, choices, names.labels) for column, choices in _CHOICE_COLUMNS]
    status, detection, transport, concealment, sharing = (sql for sql, _params in labels)
    sql = f"""
SELECT NULLIF(c.reference, ''),
  to_char(c.occurred_at AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI'),
  NULLIF(a.code, ''), NULLIF(a.label, ''), NULLIF(p.code, ''), NULLIF(p.label, ''),
  NULLIF({status}, ''), CASE WHEN c.is_voided THEN %s END,
  NULLIF({detection}, ''), NULLIF({transport}, ''), NULLIF({concealment}, ''),
  NULLIF(o.code, ''), NULLIF(o.label, ''), NULLIF(tr.codes, ''), NULLIF(tr.labels, ''),
  NULLIF(d.code, ''), NULLIF(d.label, ''), NULLIF({sharing}, ''),
  NULLIF(it.codes, ''), NULLIF(it.labels, ''), COALESCE(it.live, 0), NULLIF(va.amounts, ''),
  NULLIF(pa.names, ''), NULLIF(c.description, '')
FROM export_chosen c
JOIN export_x_agency a ON a.id = c.agency_id
LEFT JOIN export_x_post p ON p.id = c.post_id
LEFT JOIN export_x_country o ON o.id = c.origin_country_id
LEFT JOIN export_x_country d ON d.id = c.destination_country_id
LEFT JOIN export_items it ON it.ord = c.ord AND it.ord > %s AND it.ord <= %s
LEFT JOIN export_values va ON va.ord = c.ord AND va.ord > %s AND va.ord <= %s
LEFT JOIN export_transit tr ON tr.ord = c.ord AND tr.ord > %s AND tr.ord <= %s
LEFT JOIN export_parties pa ON pa.ord = c.ord AND pa.ord > %s AND pa.ord <= %s
WHERE c.ord > %s AND c.ord <= %s
ORDER BY c.ord"""
    # The parameters in the order their placeholders appear in the text above (the bounds last).
    status_p, detection_p, transport_p, concealment_p, sharing_p = (params for _sql, params in labels)
    values = [str(names.zone), *status_p, names.yes, *detection_p, *transport_p, *concealment_p, *sharing_p,
              *[0, 0] * _BOUNDS]
    return sql, values


class ChosenCases:
    """The export's cases numbered into temporary tables on one connection (`chosen_cases`)."""

    #: SQL of the chosen case ids, for statements on the same connection.
    ids_sql = "SELECT id FROM export_chosen"
    #: SQL of the persons named in the chosen cases (a person once per case naming them), gathered while
    #: the party names were: what the access log records, without reading the party table again.
    persons_sql = "SELECT unnest(persons) FROM export_parties"

    def __init__(self, cursor, names: exports._Names, total: int) -> None:
        self.cursor, self.names, self.total = cursor, names, total

    def write(self, handle: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
        """Write the heading and one line per chosen case to `handle`, a slice per COPY; returns the lines."""
        heading = io.StringIO()
        csv.writer(heading, lineterminator=LINE_END).writerow(exports.export_columns())
        handle.write(("\ufeff" + heading.getvalue()).encode("utf-8"))
        sql, values = _statement(self.names)
        written = 0
        for start in range(0, self.total, SLICE):
            values[-2 * _BOUNDS:] = [start, start + SLICE] * _BOUNDS
            query = self.cursor.mogrify(sql, values).decode("utf-8")
            self.cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, ENCODING 'UTF8')", handle)
            written = min(self.total, start + SLICE)
            if progress is not None:
                progress(written)
        return written


@contextmanager
def chosen_cases(cases: QuerySet[Case]) -> Iterator[ChosenCases]:
    """Number `cases` once (with the case columns the lines need) and the lookups into temporary tables.

    The tables live on this connection until the block ends; `ChosenCases.total` is their number, so
    the job needs no separate count, and the access log is written from the same cases as the file."""
    names = exports._Names()
    cases, _child_order = exports._ordered(cases)
    order = [F(o[1:]).desc() if o.startswith("-") else F(o).asc() for o in cases.query.order_by]
    numbered = cases.order_by().annotate(export_ord=Window(RowNumber(), order_by=order)).values(
        "pk", "export_ord", *_CASE_COLUMNS)
    numbered_sql, numbered_params = numbered.query.sql_with_params()
    with connection.cursor() as cursor:
        for table in _TEMPORARY:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        # The grouped aggregates sort every chosen item once: with the default 4 MB they sort on disk.
        cursor.execute("SET work_mem = %s", [WORK_MEM])
        try:
            # Every chosen case is read once and numbered by one sort: a bitmap or sequential scan reads the
            # case table in its physical order, where walking the ordering's index would read it at random
            # (at 1M cases: 1.5 s instead of 3.2 s for a third of them).
            cursor.execute("SET enable_indexscan = off")
            cursor.execute(f"CREATE TEMPORARY TABLE export_chosen AS SELECT q.pk AS id, q.export_ord AS ord, "
                           f"{', '.join(f'q.{c}' for c in _CASE_COLUMNS)} FROM ({numbered_sql}) q", numbered_params)
            cursor.execute("RESET enable_indexscan")
            cursor.execute("CREATE UNIQUE INDEX ON export_chosen (ord)")
            cursor.execute("SELECT count(*) FROM export_chosen")
            total = cursor.fetchone()[0]
            _create_lookups(cursor, names)
            # No ANALYZE of these tables: they are read by a hash join whole (sized from their pages) or
            # by their index one slice at a time.
            for table, select, params in _aggregates(names):
                cursor.execute(f"CREATE TEMPORARY TABLE {table} AS {select}", params)
                cursor.execute(f"CREATE UNIQUE INDEX ON {table} (ord)")
            yield ChosenCases(cursor, names, total)
        finally:
            for table in _TEMPORARY:
                cursor.execute(f"DROP TABLE IF EXISTS {table}")
            cursor.execute("RESET enable_indexscan")
            cursor.execute("RESET work_mem")


def write_csv(cases: QuerySet[Case], handle: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
    """Write the CSV export of `cases` (heading, then one line per case) to `handle`; returns the lines."""
    with chosen_cases(cases) as chosen:
        return chosen.write(handle, progress)
