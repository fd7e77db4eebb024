"""The set-based writer behind the import: same rules as create_case, one write per table and batch."""
import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from imports.models import ImportBatch
from imports.services import create_batch, run_import
from intelligence.models import MarkerKind, MatchMarker
from intelligence.tasks import match_batch
from seizures.models import Case, CaseParty, Person, SeizedItem
from seizures.services import NewCase, appendix_for, create_cases_bulk
from species.models import Taxon, Term

from .fixtures import CP1251_CSV


def _new(number: str, quantity: str = "2", day: int = 3) -> NewCase:
    saiga = Taxon.objects.get(scientific_name="Saiga tatarica")
    return NewCase(
        data={"agency_case_number": number, "occurred_at": timezone.make_aware(datetime.datetime(2019, 5, day, 10)),
              "detection_method": "other", "transport_mode": "unknown"},
        items=[{"taxon": saiga, "term": Term.objects.get(code="HOR"), "quantity": Decimal(quantity)}],
        parties=[{"person": {"full_name": f"Асанов Бакыт {number}", "surname": "Асанов"}, "role": "suspect"}],
    )


@pytest.mark.django_db
def test_import_writes_history_markers_and_references_per_batch(supervisor, customs):
    batch = create_batch(supervisor, customs, CP1251_CSV, "file.csv")
    run_import(batch, CP1251_CSV)
    assert batch.status == ImportBatch.Status.DONE and batch.created_cases == 4
    cases = list(Case.objects.filter(agency=customs).order_by("sequence"))
    assert len({c.reference for c in cases}) == 4
    for case in cases:
        assert case.reference == f"KG-CUS-{case.year}-{case.sequence:05d}"
        created = case.history.get(history_type="+")
        assert created.history_user == supervisor
    assert SeizedItem.history.filter(history_type="+").count() == SeizedItem.objects.count()
    assert CaseParty.history.filter(history_type="+").count() == CaseParty.objects.count()
    case_ids = sorted(c.pk for c in cases)
    person_ids = sorted(CaseParty.objects.values_list("person_id", flat=True))
    marked = MatchMarker.objects.filter(kind=MarkerKind.CASE).values_list("object_id", flat=True)
    assert sorted(marked) == case_ids
    assert sorted(MatchMarker.objects.filter(kind=MarkerKind.PERSON).values_list("object_id", flat=True)) == sorted(
        set(person_ids))
    match_batch.apply(args=(case_ids, sorted(set(person_ids))))  # the batch's one task, run here
    assert not MatchMarker.objects.exists()


@pytest.mark.django_db
def test_bulk_writer_is_set_based_and_stamps_the_appendix(supervisor, customs):
    _new("warm-up")  # reference rows read before counting
    batch = [_new(f"{n}/19", day=1 + n % 27) for n in range(60)]
    with CaptureQueriesContext(connection) as queries:
        result = create_cases_bulk(supervisor, customs, batch, importing=True)
    assert len(result.written) == 60 and not result.errors
    assert len(queries) < 40, [q["sql"][:80] for q in queries]  # constant in the number of cases
    item = SeizedItem.objects.select_related("case", "taxon").first()
    assert item.cites_appendix_at_seizure == appendix_for(item.taxon, timezone.localtime(item.case.occurred_at).date())
    assert Person.objects.filter(surname="Асанов").count() == 60
    assert all(p.name_key for p in Person.objects.all())


@pytest.mark.django_db
def test_bulk_writer_all_or_nothing_and_skip(supervisor, customs):
    good, bad = _new("1/19"), _new("2/19", quantity="-1")
    result = create_cases_bulk(supervisor, customs, [good, bad], importing=True)
    assert list(result.errors) == [1] and "items.0.quantity" in result.errors[1]
    assert not Case.objects.exists()
    result = create_cases_bulk(supervisor, customs, [good, bad], importing=True, all_or_nothing=False)
    assert [c.agency_case_number for c in result.written] == ["1/19"]
    assert Case.objects.count() == 1


@pytest.mark.django_db
def test_progress_of_the_whole_job_never_goes_back_between_phases(supervisor, customs):
    from benchmarks.bench_import import make_file
    from imports.services import progress_of

    data = make_file(300, seed=3)
    batch = create_batch(supervisor, customs, data, "history.csv")
    seen: list[tuple[str, int, str]] = []

    def follow(phase: str, done: int, total: int) -> None:  # what another process reads from the cache now
        info = progress_of(ImportBatch.objects.get(pk=batch.pk))
        with translation.override("en"):
            seen.append((info["phase"], info["percent"], str(info["label"])))

    run_import(batch, data, progress=follow)
    assert batch.status == ImportBatch.Status.DONE
    phases = [phase for phase, _, _ in seen]
    assert "check" in phases and "write" in phases and phases.index("write") > max(
        i for i, p in enumerate(phases) if p == "check")  # checking ends before writing starts
    percents = [percent for _, percent, _ in seen]
    assert percents == sorted(percents) and percents[-1] == 100 and 0 <= percents[0] < 100
    assert {label for phase, _, label in seen if phase == "check"} == {"Checking rows"}
    assert {label for phase, _, label in seen if phase == "write"} == {"Writing cases"}
