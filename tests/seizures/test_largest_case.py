"""The largest allowed case through the API (200 items, 50 parties with new persons, 50 conveyances): the
set-based create path keeps every rule of the row-by-row one (history rows, text hygiene, search keys, the
appendix at seizure, matching markers) and still reports row errors by position. The time is measured by
`benchmarks/largest_case.py` (limit 2 s), not here."""
from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intelligence.models import MatchMarker
from seizures.models import Case, CaseParty, Conveyance, Person, SeizedItem
from seizures.services import MAX_ROWS_PER_CASE, create_case
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures reused)
from tests.api.test_case_writes import new_case

pytestmark = pytest.mark.django_db


def _largest(world) -> dict:  # noqa: F811
    body = new_case(world)
    body["items"] = [dict(body["items"][0], quantity=str(1 + i % 7)) for i in range(MAX_ROWS_PER_CASE["items"])]
    body["parties"] = [{"role": "suspect", "person": {
        "full_name": f"Бакыт\u200b Suspect {i:02d}", "birth_date": "1987-03-09", "id_document_type": "passport",
        "id_document_number": f"AC {i:07d}"}} for i in range(MAX_ROWS_PER_CASE["parties"])]
    body["conveyances"] = [{"kind": "vehicle", "identifier": f"01 kg {i:03d}\u200b abc"}
                           for i in range(MAX_ROWS_PER_CASE["conveyances"])]
    return body


def test_the_largest_case_keeps_every_rule(world):  # noqa: F811
    response = world.client("officer").post("/api/v1/cases/", _largest(world), format="json")
    assert response.status_code == 201, response.content[:500]
    case = Case.objects.get(reference=response.json()["reference"])
    items = SeizedItem.objects.filter(case=case)
    assert items.count() == 200 and set(items.values_list("cites_appendix_at_seizure", flat=True)) == {"II"}
    assert SeizedItem.history.filter(case_id=case.pk).count() == 200
    persons = Person.objects.filter(case_links__case=case)
    assert persons.count() == 50 and Person.history.filter(id__in=persons.values("id")).count() == 50
    first = persons.get(full_name="Бакыт Suspect 00")  # the zero-width space is gone
    assert first.birth_year == 1987 and first.document_key == "AC0000000" and first.name_key
    assert CaseParty.history.filter(case_id=case.pk).count() == 50
    plates = set(Conveyance.objects.filter(case=case).values_list("identifier", "identifier_normalized"))
    assert ("01 kg 000 abc", "01KG000ABC") in plates and len(plates) == 50
    assert MatchMarker.objects.filter(kind="person", object_id__in=persons.values("id")).count() == 50
    assert MatchMarker.objects.filter(kind="case", object_id=case.pk).exists()


def test_the_largest_case_looks_each_taxon_term_and_unit_up_once(world):  # noqa: F811
    """The 200 items name one taxon, term and unit: the serializer reads each once, not once per item."""
    body = _largest(world)
    with CaptureQueriesContext(connection) as queries:
        response = world.client("officer").post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.content[:500]
    lookups = [q["sql"] for q in queries.captured_queries
               if q["sql"].startswith("SELECT") and ('FROM "species_term"' in q["sql"]
                                                    or 'FROM "species_unit"' in q["sql"])]
    assert len(lookups) <= 10, len(lookups)
    assert len(queries.captured_queries) < 200  # 70 today; 663 when each item looked its rows up


def test_row_errors_keep_their_positions(world):  # noqa: F811
    """Service-level errors (the API serializer lets these through) name the row they belong to."""
    item = {"taxon": world.taxon, "term": world.term, "quantity": Decimal("1"), "unit": world.unit,
            "estimated_value": Decimal("10")}  # a value without a currency: the item's own rule
    parties = [{"role": "suspect", "person": {"full_name": f"Row {i}"}} for i in range(50)]
    parties[40] = {"role": "suspect", "person": {"full_name": "No Document Type", "id_document_number": "X1"}}
    parties[41] = {"role": "suspect"}  # neither a person nor a company
    before = Case.objects.count()
    with pytest.raises(ValidationError) as raised:
        create_case(world.users["officer"], {"occurred_at": datetime.datetime(2025, 5, 1, tzinfo=datetime.UTC),
                                             "detection_method": "xray", "transport_mode": "road"},
                    items=[{**item, "currency": "USD"}] * 150 + [item] + [{**item, "currency": "USD"}] * 49,
                    parties=parties, conveyances=[{"kind": "vehicle", "identifier": "01 KG 001 ABC"}])
    errors = raised.value.message_dict
    assert set(errors) == {"items.150.currency", "parties.40.person.id_document_type", "parties.41.__all__"}, errors
    assert Case.objects.count() == before and not Person.objects.filter(full_name="No Document Type").exists()
