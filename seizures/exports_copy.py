"""The CSV case export on PostgreSQL: each line built by the database, streamed with ``COPY ... TO STDOUT``.

The same columns and cell values as `seizures.exports` (the Python path, used for XLSX and on SQLite),
checked line by line by `tests/scale/test_export_copy.py`:

- the cases are the job's queryset (visibility rule, filters, ordering) numbered once into a temporary
  table, then written in slices of `SLICE` cases (progress is saved between two slices);
- items, parties and transit countries are aggregated per case by ``LATERAL`` subqueries on the
  ``case_id`` indexes, in the orders the Python path uses (item and party id, countries by name);
- codes and translated names of agencies, posts, countries, terms and units, and the choice labels, are
  read in the active language by the same `_Names` as the Python path and sent as array parameters;
- an empty cell is written as an unquoted empty field, as Python's ``csv`` module writes it.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import IO

from django.db import connection
from django.db.models import F, QuerySet, Window
from django.db.models.functions import RowNumber

from . import exports
from .choices import CaseStatus, Concealment, DetectionMethod, SharingLevel, TransportMode
from .models import Case, CaseParty, SeizedItem

#: Cases per COPY statement; progress is saved after each.
SLICE = 50_000
#: The export lines end as the Python path's do.
LINE_END = "\n"

_CHOICE_COLUMNS = (("status", CaseStatus), ("detection_method", DetectionMethod),
                   ("transport_mode", TransportMode), ("concealment", Concealment), ("sharing_level", SharingLevel))


def _numbered(cases: QuerySet[Case]) -> tuple[str, list]:
    """SQL selecting (id, ord) of the export's cases, ord following the export's ordering."""
    cases, _child_order = exports._ordered(cases)
    order = [F(o[1:]).desc() if o.startswith("-") else F(o).asc() for o in cases.query.order_by]
    numbered = cases.order_by().annotate(export_ord=Window(RowNumber(), order_by=order)).values("pk", "export_ord")
    return numbered.query.sql_with_params()


def _lookup(name: str, columns: str, rows: list[tuple]) -> tuple[str, list]:
    """A CTE of a small table from array parameters: `name(id, code, label[, rank])`."""
    arrays = list(zip(*rows, strict=True)) if rows else [[] for _ in columns.split(",")]
    casts = ["bigint[]"] + ["text[]"] * (len(arrays) - 1)
    if columns.endswith("rank"):
        casts[-1] = "int[]"
    placeholders = ", ".join(f"%s::{cast}" for cast in casts)
    return f"{name}({columns}) AS (SELECT * FROM unnest({placeholders}))", [list(a) for a in arrays]


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


def _select(names: exports._Names, slice_from: int, slice_to: int) -> tuple[str, list]:
    params: list = []
    ctes = []
    countries = [(pk, code, label, names.country_rank[pk]) for pk, (code, label) in names.countries.items()]
    for name, columns, rows in (
        ("x_country", "id, code, label, rank", countries),
        ("x_agency", "id, code, label", [(pk, *v) for pk, v in names.agencies.items()]),
        ("x_post", "id, code, label", [(pk, *v) for pk, v in names.posts.items()]),
        ("x_term", "id, code, label", [(pk, *v) for pk, v in names.terms.items()]),
        ("x_unit", "id, code, label", [(pk, *v) for pk, v in names.units.items()]),
    ):
        sql, arrays = _lookup(name, columns, rows)
        ctes.append(sql)
        params += arrays
    status, detection, transport, concealment, sharing = (
        _label(column, choices, names.labels)[0] for column, choices in _CHOICE_COLUMNS)
    item, party = SeizedItem._meta.db_table, CaseParty._meta.db_table
    through = Case.transit_countries.through._meta.db_table
    what = ("(CASE WHEN i.taxon_id IS NOT NULL THEN t.scientific_name "
            "ELSE COALESCE(NULLIF(i.unidentified_description, ''), '?') END)")
    first_code = f"{_amount('i.quantity')} || COALESCE(' ' || u1.code, '')"
    second_code = f"COALESCE(' + ' || {_amount('i.second_quantity')} || COALESCE(' ' || u2.code, ''), '')"
    first_name = f"{_amount('i.quantity')} || ' ' || COALESCE(u1.label, %s)"
    second_name = f"COALESCE(' + ' || {_amount('i.second_quantity')} || ' ' || COALESCE(u2.label, %s), '')"
    sql = f"""
WITH {', '.join(ctes)}
SELECT NULLIF(c.reference, ''),
  to_char(c.occurred_at AT TIME ZONE %s, 'YYYY-MM-DD HH24:MI'),
  NULLIF(a.code, ''), NULLIF(a.label, ''), NULLIF(p.code, ''), NULLIF(p.label, ''),
  NULLIF({status}, ''), CASE WHEN c.is_voided THEN %s END,
  NULLIF({detection}, ''), NULLIF({transport}, ''), NULLIF({concealment}, ''),
  NULLIF(o.code, ''), NULLIF(o.label, ''), NULLIF(tr.codes, ''), NULLIF(tr.labels, ''),
  NULLIF(d.code, ''), NULLIF(d.label, ''), NULLIF({sharing}, ''),
  NULLIF(it.codes, ''), NULLIF(it.labels, ''), COALESCE(it.live, 0), NULLIF(va.amounts, ''),
  NULLIF(pa.names, ''), NULLIF(c.description, '')
FROM export_chosen ch
JOIN {Case._meta.db_table} c ON c.id = ch.id
JOIN x_agency a ON a.id = c.agency_id
LEFT JOIN x_post p ON p.id = c.post_id
LEFT JOIN x_country o ON o.id = c.origin_country_id
LEFT JOIN x_country d ON d.id = c.destination_country_id
LEFT JOIN LATERAL (
  SELECT string_agg({what} || ' ' || tm.code || ' ' || {first_code} || {second_code}, '; ' ORDER BY i.id) AS codes,
         string_agg({what} || ' — ' || tm.label || ': ' || {first_name} || {second_name}, '; ' ORDER BY i.id)
           AS labels,
         sum(COALESCE(i.live_count, 0)) AS live
  FROM {item} i LEFT JOIN species_taxon t ON t.id = i.taxon_id JOIN x_term tm ON tm.id = i.term_id
  LEFT JOIN x_unit u1 ON u1.id = i.unit_id LEFT JOIN x_unit u2 ON u2.id = i.second_unit_id
  WHERE i.case_id = c.id) it ON true
LEFT JOIN LATERAL (
  SELECT string_agg({_amount('v.total')} || ' ' || v.currency, '; ' ORDER BY v.currency COLLATE "C") AS amounts
  FROM (SELECT i.currency, sum(i.estimated_value) AS total FROM {item} i
        WHERE i.case_id = c.id AND i.estimated_value IS NOT NULL GROUP BY i.currency) v) va ON true
LEFT JOIN LATERAL (
  SELECT string_agg(x.code, ', ' ORDER BY x.rank) AS codes, string_agg(x.label, ', ' ORDER BY x.rank) AS labels
  FROM {through} tc JOIN x_country x ON x.id = tc.country_id WHERE tc.case_id = c.id) tr ON true
LEFT JOIN LATERAL (
  SELECT string_agg(CASE WHEN cp.person_id IS NOT NULL THEN pe.full_name
                         WHEN cp.company_id IS NOT NULL THEN co.name ELSE 'None' END, '; ' ORDER BY cp.id) AS names
  FROM {party} cp LEFT JOIN seizures_person pe ON pe.id = cp.person_id
  LEFT JOIN seizures_company co ON co.id = cp.company_id WHERE cp.case_id = c.id) pa ON true
WHERE ch.ord > %s AND ch.ord <= %s
ORDER BY ch.ord"""
    # The parameters in the order their placeholders appear in the text above.
    values = [*params, str(names.zone)]
    status_p, detection_p, transport_p, concealment_p, sharing_p = (
        _label(column, choices, names.labels)[1] for column, choices in _CHOICE_COLUMNS)
    values += [*status_p, names.yes, *detection_p, *transport_p, *concealment_p, *sharing_p,
               names.specimens, names.specimens, slice_from, slice_to]
    return sql, values


def write_csv(cases: QuerySet[Case], handle: IO[bytes], progress: Callable[[int], None] | None = None) -> int:
    """Write the CSV export of `cases` (heading, then one line per case) to `handle`; returns the lines."""
    names = exports._Names()
    heading = io.StringIO()
    csv.writer(heading, lineterminator=LINE_END).writerow(exports.export_columns())
    handle.write(("\ufeff" + heading.getvalue()).encode("utf-8"))
    numbered_sql, numbered_params = _numbered(cases)
    written = 0
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS export_chosen")
        cursor.execute(f"CREATE TEMPORARY TABLE export_chosen AS SELECT q.pk AS id, q.export_ord AS ord "
                       f"FROM ({numbered_sql}) q", numbered_params)
        try:
            cursor.execute("CREATE INDEX ON export_chosen (ord)")
            cursor.execute("ANALYZE export_chosen")
            cursor.execute("SELECT count(*) FROM export_chosen")
            total = cursor.fetchone()[0]
            for start in range(0, total, SLICE):
                sql, params = _select(names, start, start + SLICE)
                query = cursor.mogrify(sql, params).decode("utf-8")
                cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, ENCODING 'UTF8')", handle)
                written = min(total, start + SLICE)
                if progress is not None:
                    progress(written)
        finally:
            cursor.execute("DROP TABLE IF EXISTS export_chosen")
    return written
