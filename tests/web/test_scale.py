"""Query shapes that keep lists constant at a million cases: date ranges, no DISTINCT, UNION search,
trigram indexes (PostgreSQL), and a case list that never counts every row."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from seizures import views
from seizures.choices import CaseStatus, SharingLevel
from seizures.filtersets import CaseFilterSet, case_text_q
from seizures.models import Case, Conveyance
from tests.factories import CaseFactory, PersonFactory, add_party

pytestmark = pytest.mark.django_db


def local(y, m, d, hh, mm):
    return timezone.make_aware(datetime.datetime(y, m, d, hh, mm))


def test_date_filter_uses_the_local_calendar_day_as_a_range(world):
    late = CaseFactory(agency=world["customs"], occurred_at=local(2025, 3, 10, 23, 50))  # 17:50 UTC
    early = CaseFactory(agency=world["customs"], occurred_at=local(2025, 3, 11, 0, 5))  # 18:05 UTC on the 10th
    qs = Case.objects.all()
    assert set(CaseFilterSet({"date_to": "2025-03-10"}, queryset=qs).qs) == {late}
    assert set(CaseFilterSet({"date_from": "2025-03-11"}, queryset=qs).qs) == {early}
    assert set(CaseFilterSet({"date_from": "2025-03-10", "date_to": "2025-03-11"}, queryset=qs).qs) == {late, early}
    sql = str(CaseFilterSet({"date_from": "2025-03-10"}, queryset=qs).qs.query)
    assert "AT TIME ZONE" not in sql and "django_datetime_cast_date" not in sql


def test_single_valued_filters_do_not_add_distinct(world):
    qs = Case.objects.visible_to(world["analyst"])
    for params in ({"origin_country": ["KG", "KZ"]}, {"status": ["open"]}, {"agency": ["KG-CUS"]}):
        filterset = CaseFilterSet(params, queryset=qs)
        assert filterset.is_valid(), filterset.errors
        assert "DISTINCT" not in str(filterset.qs.query)


def test_visibility_rule_filters_the_case_row_without_joins(world):
    sql = str(Case.objects.visible_to(world["analyst"]).query)
    assert "EXISTS" in sql and " JOIN " not in sql.split(" WHERE ")[0]


def test_search_finds_every_source_and_only_visible_cases(world):
    mine = CaseFactory(agency=world["customs"], description="Соколы в багажнике")
    hidden = CaseFactory(agency=world["kz_customs"], description="Соколы в багажнике")
    by_person = CaseFactory(agency=world["customs"])
    add_party(by_person, PersonFactory(agency=world["customs"], full_name="Асанов Бакыт",
                                       id_document_number="AN 1234567"))
    add_party(hidden, PersonFactory(agency=world["kz_customs"], full_name="Асанов Бакыт"))
    by_plate = CaseFactory(agency=world["customs"])
    Conveyance.objects.create(case=by_plate, kind="vehicle", identifier="01 KG 123 ABC")
    visible = Case.objects.visible_to(world["officer"])
    assert set(visible.filter(case_text_q("соколы"))) == {mine}
    assert set(visible.filter(case_text_q("Asanov"))) == {by_person}
    assert set(visible.filter(case_text_q("an1234567"))) == {by_person}
    assert set(visible.filter(case_text_q("123abc"))) == {by_plate}
    assert set(Case.objects.filter(case_text_q("соколы"))) == {mine, hidden}  # the rule, not the search, hides


def test_search_keys_are_served_by_trigram_indexes(world):
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":  # SQLite: no trigram indexes, the same search by scanning
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%trgm%'")
            assert cursor.fetchall() == []
            return
        cursor.execute("SET LOCAL enable_seqscan = off")
        for sql, index in (
            ("SELECT id FROM seizures_person WHERE name_key::text LIKE '%%asanov%%'", "person_name_key_trgm"),
            ("SELECT id FROM seizures_person WHERE document_key::text LIKE '%%1234567%%'", "person_document_key_trgm"),
            ("SELECT id FROM seizures_case WHERE UPPER(description::text) LIKE UPPER('%%сокол%%')",
             "case_description_trgm"),
        ):
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert index in plan, plan


def test_case_list_counts_at_most_the_cap(client, world, monkeypatch):
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 3)
    for _ in range(5):
        CaseFactory(agency=world["customs"], status=CaseStatus.OPEN, sharing_level=SharingLevel.AGENCY)
    client.force_login(world["officer"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/cases/")
    page = response.context["page"]
    assert page.paginator.is_capped and page.paginator.num_pages == 1
    html = response.content.decode()
    assert "More than 3 cases" in html or "Найдено более 3 дел" in html
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert counts and all("LIMIT 4" in sql for sql in counts), counts
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 10)
    response = client.get("/cases/")
    assert response.context["page"].paginator.count == 5
    assert not response.context["page"].paginator.is_capped
