"""The item statistics rollup: species, genus, family, order and class groupings answered from `ItemRollup`.

`rebuild_item_rollup(case_mark, item_mark)` rewrites the rows in one aggregate INSERT … SELECT (PostgreSQL);
`refresh_rollup()` in `analytics/rollup.py` calls it in the same snapshot as the case rollup. Each row holds
one grouping level's totals for one group name and one scope (owning agency, sharing level, draft), counted
once per `via` and sharing target exactly like `CaseRollup`: "" every case once, "agency"/"regional"/"cnamed"
the cases a named or regional sharing list opens to an agency or a country. So a user's rows are the same
`_statistics_rows_q` selection: the covered scope rows plus the sharing rows outside it, disjoint sets of
cases, whose distinct case counts add up.

Cases are counted distinct per (level, name) inside the query: a case with two species of one genus is one
case of that genus. `item_rollup_statistics` answers while the taxa digest is the refresh's and the case
and item history marks are too, or only cases recorded since have changed (counted live and added,
`rollup.cases_added_since`); otherwise None, and the API counts live.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.utils import timezone

from seizures import statistics

from .models import ItemRollup
from .rollup import _statistics_rows_q, current_additions, with_added_cases

#: Rollup level → the taxon column its groups are named by (seizures.statistics GROUPINGS).
LEVELS: dict[str, str] = {"species": "scientific_name", "genus": "genus", "family": "family", "order": "order",
                          "class": "class_name"}

_TAXA_MARK = """SELECT md5(coalesce(string_agg(concat_ws(chr(31), id, scientific_name, genus, family, "order",
  class_name), chr(30) ORDER BY id), '')) FROM species_taxon"""

#: The scope and sharing target of a row; targets are 0 rather than NULL inside the query so that the
#: aggregates can be joined on them.
_KEY = "via, shared_agency_id, shared_country_id, agency_id, sharing_level, is_draft"
_GROUP = f"{_KEY}, level, unnamed, name"

_REBUILD = f"""
INSERT INTO analytics_itemrollup (level, name, agency_id, sharing_level, is_draft, via, shared_agency_id,
  shared_country_id, cases, items, live_specimens, quantities, "values", case_mark, item_mark, taxa_mark,
  refreshed_at)
WITH opened AS (
  SELECT c.id AS case_id, '' AS via, 0::bigint AS shared_agency_id, 0::bigint AS shared_country_id
    FROM seizures_case c WHERE NOT c.is_voided
  UNION ALL  -- named sharing, each case once per named agency
  SELECT s.case_id, 'agency', s.agency_id, 0 FROM seizures_case_shared_with_agencies s
    JOIN seizures_case c ON c.id = s.case_id WHERE NOT c.is_voided AND c.sharing_level = 'named'
  UNION ALL  -- regional sharing, each case once per country
  SELECT s.case_id, 'regional', 0, s.country_id FROM seizures_case_shared_with_countries s
    JOIN seizures_case c ON c.id = s.case_id WHERE NOT c.is_voided AND c.sharing_level = 'regional'
  UNION ALL  -- named sharing seen by a country's analysts: each case once, however many agencies are named
  SELECT DISTINCT s.case_id, 'cnamed', 0, a.country_id FROM seizures_case_shared_with_agencies s
    JOIN agencies_agency a ON a.id = s.agency_id JOIN seizures_case c ON c.id = s.case_id
    WHERE NOT c.is_voided AND c.sharing_level = 'named'
),
items AS MATERIALIZED (
  SELECT o.via, o.shared_agency_id, o.shared_country_id, c.agency_id, c.sharing_level,
    c.status = 'draft' AS is_draft, i.case_id, coalesce(i.taxon_id, 0) AS taxon_id,
    coalesce(u.code, '') AS unit_code, i.quantity, i.live_count, i.estimated_value, i.currency
  FROM opened o JOIN seizures_case c ON c.id = o.case_id JOIN seizures_seizeditem i ON i.case_id = o.case_id
    LEFT JOIN species_unit u ON u.id = i.unit_id
),
-- Each taxon's name at each level; taxon 0 stands for items without a taxon (no name at any level).
names AS (
  SELECT t.id AS taxon_id, v.level, false AS unnamed, v.name FROM species_taxon t CROSS JOIN LATERAL
    (VALUES ('species', t.scientific_name), ('genus', t.genus), ('family', t.family), ('order', t."order"),
            ('class', t.class_name)) v(level, name)
  UNION ALL
  SELECT 0, l.level, true, '' FROM (VALUES ('species'), ('genus'), ('family'), ('order'), ('class')) l(level)
),
-- Distinct cases per group: from the distinct (case, taxon) pairs, so a case counts once per name.
case_counts AS (
  SELECT {_GROUP}, count(DISTINCT p.case_id) AS cases
  FROM (SELECT DISTINCT {_KEY}, case_id, taxon_id FROM items) p JOIN names n USING (taxon_id)
  GROUP BY {_GROUP}
),
-- Sums add up across taxa: first per taxon (few rows), then per name.
units AS (
  SELECT {_KEY}, taxon_id, unit_code, count(*) AS n, sum(quantity) AS quantity, sum(live_count) AS live
  FROM items GROUP BY {_KEY}, taxon_id, unit_code
),
unit_totals AS (
  SELECT {_GROUP}, sum(n) AS items, coalesce(sum(live), 0) AS live,
    jsonb_object_agg(unit_code, quantity::text) AS quantities
  FROM (SELECT {_GROUP}, unit_code, sum(n) AS n, sum(quantity) AS quantity, sum(live) AS live
        FROM units JOIN names USING (taxon_id) GROUP BY {_GROUP}, unit_code) per_unit
  GROUP BY {_GROUP}
),
currencies AS (
  SELECT {_KEY}, taxon_id, currency, sum(estimated_value) AS amount
  FROM items WHERE estimated_value IS NOT NULL GROUP BY {_KEY}, taxon_id, currency
),
value_totals AS (
  SELECT {_GROUP}, jsonb_object_agg(currency, amount::text) AS amounts
  FROM (SELECT {_GROUP}, currency, sum(amount) AS amount FROM currencies JOIN names USING (taxon_id)
        GROUP BY {_GROUP}, currency) per_currency
  GROUP BY {_GROUP}
)
SELECT level, CASE WHEN unnamed THEN NULL ELSE name END, agency_id, sharing_level, is_draft, via,
  nullif(shared_agency_id, 0), nullif(shared_country_id, 0), cases, items, live, quantities,
  coalesce(amounts, '{{}}'::jsonb), %(case_mark)s, %(item_mark)s, %(taxa_mark)s, %(now)s
FROM case_counts JOIN unit_totals USING ({_GROUP}) LEFT JOIN value_totals USING ({_GROUP})
"""


def taxa_mark() -> str:
    """A digest of every taxon's names (one small table)."""
    with connection.cursor() as cursor:
        cursor.execute(_TAXA_MARK)
        return cursor.fetchone()[0]


def rebuild_item_rollup(case_mark: int, item_mark: int) -> int:
    """Rewrite `ItemRollup` from the non-voided cases' items; returns the number of rows.

    Call it inside the case rollup's transaction so both read one snapshot. Other databases than
    PostgreSQL keep no rows (the statistics are then counted live)."""
    ItemRollup.objects.all().delete()
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_REBUILD, {"case_mark": case_mark, "item_mark": item_mark, "taxa_mark": taxa_mark(),
                                  "now": timezone.now()})
        written = cursor.rowcount
        cursor.execute("ANALYZE analytics_itemrollup")  # the planner's row counts of the new rows
        return written


def item_rollup_statistics(user: Any, group_by: str) -> list[dict[str, Any]] | None:
    """The statistics API's rows of a taxon grouping for the cases `user` may see, from the rollup; None when
    `group_by` is not a taxon grouping or the rows are older than the last case, item or taxon change."""
    if group_by not in LEVELS or connection.vendor != "postgresql":
        return None
    rows = ItemRollup.objects.filter(level=group_by)
    marks = rows.values_list("case_mark", "item_mark", "taxa_mark").first()
    if marks is None or marks[2] != taxa_mark():
        return None
    added = current_additions(marks[:2])
    if added is None:
        return None
    chosen = rows.filter(_statistics_rows_q(user))
    try:
        sql, params = chosen.values_list("name", "cases", "items", "live_specimens", "quantities",
                                         "values").order_by().query.sql_with_params()
    except EmptyResultSet:  # nothing visible: an empty filter compiles to no SQL
        return with_added_cases([], user, group_by, added)
    # One reading of the user's rows: the counts per name, and the per-unit and per-currency sums added up
    # in the database rather than row by row here.
    totals: dict[Any, dict[str, Any]] = {}
    with connection.cursor() as cursor:
        cursor.execute(f"""WITH r(name, cases, items, live, quantities, amounts) AS MATERIALIZED ({sql})
            SELECT name, 'totals', NULL, sum(cases), sum(items), sum(live) FROM r GROUP BY 1
            UNION ALL SELECT r.name, 'quantities', e.key, sum(e.value::numeric), NULL, NULL
              FROM r, jsonb_each_text(r.quantities) e GROUP BY 1, 3
            UNION ALL SELECT r.name, 'values', e.key, sum(e.value::numeric), NULL, NULL
              FROM r, jsonb_each_text(r.amounts) e GROUP BY 1, 3""", params)
        parts = cursor.fetchall()
    for name, kind, _code, cases, items, live in parts:
        if kind == "totals":
            totals[name] = {"cases": int(cases), "items": int(items), "live_specimens": int(live),
                            "quantities": {}, "values": {}}
    for name, kind, code, amount, _items, _live in parts:
        if kind != "totals":
            totals[name][kind][code] = Decimal(amount)
    label = statistics.GROUPINGS[group_by].names[0]
    rows_out = [statistics.statistics_row({label: name}, **entry) for name, entry in totals.items()]
    return with_added_cases(statistics.merge_statistics(rows_out), user, group_by, added)
