"""Saving cases triggers matching (eager Celery): flags, alerts, idempotence, dismissal, broker outage."""
import datetime

import pytest

from intelligence import services, tasks
from intelligence.models import Alert, Flag, FlagStatus, MatchMarker

from .conftest import suspect_case

pytestmark = pytest.mark.django_db(transaction=True)


def save_two_sightings(customs, border):
    case_a, a = suspect_case(customs, "Токтогулов Бакыт Асанович", birth_date=datetime.date(1987, 3, 9),
                             id_document_type="passport", id_document_number="AC 1234567")
    case_b, b = suspect_case(border, "Baqyt Toktogulov, b. 1987", id_document_type="passport",
                             id_document_number="AC1234567")
    return case_a, a, case_b, b


def test_two_agencies_same_suspect_make_one_flag_and_two_alerts(customs, border):
    case_a, a, case_b, b = save_two_sightings(customs, border)
    flags = Flag.objects.filter(kind="person")
    assert flags.count() == 1
    flag = flags.get()
    assert set(flag.persons.values_list("pk", flat=True)) == {a.pk, b.pk}
    assert set(flag.cases.values_list("pk", flat=True)) == {case_a.pk, case_b.pk}
    assert flag.cross_agency is True
    assert set(Alert.objects.filter(flag=flag).values_list("agency__code", flat=True)) == {"KG-CUS", "KG-BRD"}
    assert flag.explanation["document"]["level"] == "exact"
    assert not MatchMarker.objects.exists()


def test_rerunning_adds_nothing(customs, border):
    _case_a, a, _case_b, b = save_two_sightings(customs, border)
    before = (Flag.objects.count(), Alert.objects.count())
    tasks.match_person.delay(a.pk)
    tasks.match_person.delay(b.pk)
    services.full_rescan()
    assert (Flag.objects.count(), Alert.objects.count()) == before


def test_dismissed_pair_is_not_flagged_again(customs, border, analyst):
    _case_a, a, _case_b, b = save_two_sightings(customs, border)
    flag = Flag.objects.get(kind="person")
    services.review_flag(analyst, flag, FlagStatus.DISMISSED, "Different people, checked with passport office")
    b.notes = "seen again"
    b.save()
    services.full_rescan()
    assert Flag.objects.filter(kind="person").count() == 1
    assert Flag.objects.get(kind="person").status == FlagStatus.DISMISSED
    assert services.open_alerts_for(analyst) == []


def test_task_for_a_deleted_row_returns_quietly(db):
    assert tasks.match_person.delay(987654).get() == 0
    assert tasks.match_case.delay(987654).get() == 0


def test_same_agency_repeat_is_flagged_and_marked_as_such(customs):
    suspect_case(customs, "Осмонов Алмазбек", birth_date=datetime.date(1990, 5, 4))
    suspect_case(customs, "OSMONOV ALMAZBEK", birth_date=datetime.date(1990, 4, 5))
    flag = Flag.objects.get(kind="person")
    assert flag.cross_agency is False
    assert flag.explanation["birth_date"]["level"] == "swapped"
    assert list(Alert.objects.values_list("agency__code", flat=True)) == ["KG-CUS"]


def test_namesakes_with_other_birth_dates_and_documents_are_not_flagged(customs, border):
    suspect_case(customs, "Асанов Нурлан", birth_date=datetime.date(1985, 6, 1), id_document_type="passport",
                 id_document_number="AC1111111")
    suspect_case(border, "Asanov Nurlan", birth_date=datetime.date(1993, 11, 20), id_document_type="passport",
                 id_document_number="AC2222222")
    assert not Flag.objects.filter(kind="person").exists()


def test_linking_a_known_person_to_a_new_case_adds_the_case_to_the_flag(customs, border):
    from tests.factories import CaseFactory, add_party

    case_a, a, case_b, b = save_two_sightings(customs, border)
    third = CaseFactory(agency=border)
    add_party(third, b)
    flag = Flag.objects.get(kind="person")
    assert set(flag.cases.values_list("pk", flat=True)) == {case_a.pk, case_b.pk, third.pk}
