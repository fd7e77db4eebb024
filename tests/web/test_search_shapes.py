"""The free-text search uses each source in one of two ways (seizures.filtersets.case_text_q): its
matching case ids named in the query when there are few, tested case by case (EXISTS, or the case
row's own condition) when the source is larger than the cap. Every mix must select exactly the cases
a plain reading of the sources selects, whatever the data looks like."""
import datetime
import random

import pytest
from django.db.models import Exists, Q
from django.utils import timezone

from seizures import filtersets
from seizures.choices import CaseStatus, SharingLevel
from seizures.filtersets import CaseFilterSet, IdInArray, case_text_q
from seizures.models import Case, CaseParty, Company, Conveyance, SeizedItem
from tests.factories import CaseFactory, PersonFactory, SeizedItemFactory, add_party

pytestmark = pytest.mark.django_db

SURNAMES = ["Асанов", "ASANOV", "Asanov", "Осмонов", "Osmonov", "Токтогулов", "Tokhtogulov", "Ли", "Li"]
GIVEN = ["Бакыт", "Bakyt", "Bakit", "Айбек", "Aibek", "Вэй", "Wei", "Марат"]
QUERIES = ["Асанов", "asanov", "bakit", "Бакыт", "osmonov bakyt", "AN 12", "an12", "соколы", "01KG",
           "Li", "Falco", "ООО", "2025-KG", "zzz-no-match", "с"]


def reference_ids(text: str) -> set[int]:
    """The cases `text` finds, read source by source in Python (the meaning the search must keep)."""
    from common.textnorm import normalise_document_number, search_key

    found = set()
    needle = text.strip().upper()
    words = search_key(text).split()
    document = normalise_document_number(text)
    plate = "".join(ch for ch in text if ch.isalnum()).upper()
    for case in Case.objects.all():
        texts = [case.reference, case.description, case.location_text, case.criminal_case_number,
                 case.agency_case_number]
        if any(needle in (value or "").upper() for value in texts):
            found.add(case.pk)
    for party in CaseParty.objects.select_related("person", "company"):
        person, company = party.person, party.company
        if person and ((words and all(word in person.name_key for word in words))
                       or (len(document) >= 4 and document in person.document_key)):
            found.add(party.case_id)
        if company and needle in company.name.upper():
            found.add(party.case_id)
    for item in SeizedItem.objects.select_related("taxon"):
        texts = [item.notes, item.unidentified_description, item.permit_number_as_written]
        if any(needle in (value or "").upper() for value in texts) or (
                item.taxon and needle in item.taxon.scientific_name.upper()):
            found.add(item.case_id)
    if len(plate) >= 3:
        found |= set(Conveyance.objects.filter(identifier_normalized__contains=plate).values_list("case_id", flat=True))
    return found


@pytest.fixture
def messy(world):
    rng = random.Random(20261203)
    agencies = [world["customs"], world["kz_customs"]]
    start = timezone.now() - datetime.timedelta(days=400)
    for n in range(60):
        case = CaseFactory(
            agency=rng.choice(agencies), occurred_at=start + datetime.timedelta(hours=rng.randint(0, 9000)),
            status=rng.choice([CaseStatus.OPEN, CaseStatus.DRAFT]),
            sharing_level=rng.choice([SharingLevel.AGENCY, SharingLevel.NATIONAL, SharingLevel.REGIONAL]),
            description=rng.choice(["", "Соколы в багажнике", "falcons, Bakit's car", "ООО «Азия» груз"]),
            location_text=rng.choice(["Ош", "Manas airport", ""]),
        )
        for _ in range(rng.randint(0, 3)):
            name = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"
            document = rng.choice(["", f"AN 12345{n:02d}", f"an-12345{n:02d}", f"№ ID{n:05d}"])
            add_party(case, PersonFactory(agency=case.agency, full_name=name, id_document_number=document))
        if rng.random() < 0.2:
            company = Company.objects.create(agency=case.agency, name=rng.choice(["ООО Азия", "Li Trading"]))
            CaseParty.objects.create(case=case, company=company, role="consignee")
        if rng.random() < 0.3:
            Conveyance.objects.create(case=case, kind="vehicle", identifier=rng.choice(["01 KG 123 ABC", "O1KG777"]))
        if rng.random() < 0.4:
            SeizedItemFactory(case=case, notes=rng.choice(["", "соколы", "Li"]))
    return world


def _is_named(child) -> bool:
    return isinstance(child, IdInArray) or (
        isinstance(child, tuple) and child[0] == "pk__in" and isinstance(child[1], list))


def shape(q: Q) -> tuple[list[int], int]:
    """The ids named in the search condition, and how many sources it tests case by case (each EXISTS,
    and the case row's own texts)."""
    named, tested, case_text = [], 0, False
    for child in q.children:
        if isinstance(child, IdInArray):
            named += child.ids
        elif _is_named(child):
            named += child[1]
        elif isinstance(child, Exists):
            tested += 1
        else:
            case_text = True
    return named, tested + case_text


@pytest.mark.parametrize("cap", [20_000, 3])
def test_both_shapes_select_what_the_sources_hold(messy, monkeypatch, cap):
    monkeypatch.setattr(filtersets, "SEARCH_SOURCE_CAP", cap)
    dense_seen = False
    for text in QUERIES:
        expected = reference_ids(text)
        q = case_text_q(text)
        dense_seen |= shape(q)[1] > 0
        assert set(Case.objects.filter(q).values_list("pk", flat=True)) == expected, text
        officer = messy["officer"]
        visible = set(Case.objects.visible_to(officer).values_list("pk", flat=True))
        page = CaseFilterSet({"q": text}, queryset=Case.objects.visible_to(officer)).qs.order_by("-occurred_at", "-id")
        assert list(page.values_list("pk", flat=True)) == list(
            Case.objects.filter(pk__in=expected & visible).order_by("-occurred_at", "-id").values_list("pk", flat=True)
        ), text
    assert dense_seen == (cap == 3)


def test_a_huge_source_is_tested_case_by_case_beside_named_ids(world, monkeypatch):
    """One source past the cap (a common given name) and one within it (a rare surname): the first is
    an EXISTS per case, never read out; the second's cases are named; together they find both."""
    monkeypatch.setattr(filtersets, "SEARCH_SOURCE_CAP", 5)
    common = [CaseFactory(agency=world["customs"]) for _ in range(8)]
    for case in common:
        add_party(case, PersonFactory(agency=case.agency, full_name="Бакыт Осмонов"))
    rare = CaseFactory(agency=world["customs"], description="Бакыт жүргүнчү")  # the name in the case text
    other = CaseFactory(agency=world["customs"], description="nothing to find")
    q = case_text_q("бакыт")
    named, tested = shape(q)
    assert named == [rare.pk] and tested == 1
    assert any(isinstance(child, Exists) for child in q.children)
    found = set(Case.objects.filter(q).values_list("pk", flat=True))
    assert found == {case.pk for case in common} | {rare.pk} == reference_ids("бакыт")
    assert other.pk not in found
    page = CaseFilterSet({"q": "bakyt"}, queryset=Case.objects.visible_to(world["officer"])).qs
    # Latin spelling: the same name key, but case texts are matched as written
    assert set(page.values_list("pk", flat=True)) == {case.pk for case in common}


def test_a_huge_case_text_source_is_its_own_condition(world, monkeypatch):
    monkeypatch.setattr(filtersets, "SEARCH_SOURCE_CAP", 2)
    cases = [CaseFactory(agency=world["customs"], description="Соколы в багажнике") for _ in range(4)]
    CaseFactory(agency=world["customs"], description="")
    q = case_text_q("СОКОЛЫ")
    named, tested = shape(q)
    assert named == [] and tested == 1
    assert set(Case.objects.filter(q).values_list("pk", flat=True)) == {case.pk for case in cases}


def test_application_sessions_run_without_jit():
    """JIT compilation cost over a second on a search across a million cases; settings turn it off."""
    from django.db import connection

    if connection.vendor != "postgresql":
        assert "options" not in connection.settings_dict.get("OPTIONS", {})
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


def test_a_search_counts_at_most_the_search_cap(client, world, monkeypatch):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from seizures import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 2)
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 50)
    for _ in range(4):
        CaseFactory(agency=world["customs"], description="Соколы в багажнике")
    client.force_login(world["officer"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/cases/", {"q": "соколы"})
    assert response.context["page"].paginator.is_capped
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert counts and all("LIMIT 3" in sql for sql in counts), counts
    assert not any("ORDER BY" in sql for sql in counts), counts  # the order does not change a capped count
    response = client.get("/cases/")  # without a search the list cap applies
    assert not response.context["page"].paginator.is_capped and response.context["page"].paginator.count == 4
