"""The candidate step and the bulk indexer at the scale of common names.

`candidate_ids` reads each capped block only `cap + 2` rows deep; the rule it must keep is the one that
counted whole blocks (kept here as `counted_candidates`). `index_persons` must write exactly the rows that
`index_person` writes one person at a time.
"""
from __future__ import annotations

import datetime
import random
from collections import Counter

import pytest
from django.db.models import Count

from intelligence import services
from intelligence.matching import NAME_BLOCK_CAP, SIGNATURE_BLOCK_CAP, block_cap, blocking_keys
from intelligence.models import Flag, MatchKey, PersonProfile
from seizures.models import Person
from tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db


def counted_candidates(profile) -> set[int]:
    """The former rule: count every block, keep those of at most cap + 1 rows (the profile included)."""
    keys = blocking_keys(profile)
    sizes = dict(MatchKey.objects.filter(key__in=keys).values_list("key").annotate(n=Count("id")))
    usable = [k for k in keys if (cap := block_cap(k)) is None or sizes.get(k, 0) <= cap + 1]
    ids = MatchKey.objects.filter(key__in=usable).values_list("person_id", flat=True)
    return set(ids) - {int(profile.record_id)}


def add_persons(agency, rows: list[dict]) -> list[Person]:
    """Persons written without the save signals (no matching task each), then indexed in bulk."""
    persons = Person.objects.bulk_create([Person(agency=agency, **row) for row in rows])
    services.index_persons(Person.objects.select_related("nationality").filter(pk__in=[p.pk for p in persons]))
    return persons


def namesakes(n: int, seed: int = 5) -> list[dict]:
    rng = random.Random(seed)
    return [{"full_name": "Иванов Иван", "birth_year": rng.randint(1950, 2004),
             "id_document_type": "passport", "id_document_number": f"AN{rng.randint(10**6, 10**7 - 1)}"}
            for _ in range(n)]


@pytest.fixture
def agency(db):
    return AgencyFactory(code="KG-CUS")


def test_true_match_among_120_namesakes_is_flagged_through_the_birth_date(agency):
    add_persons(agency, namesakes(120))
    target = Person.objects.create(agency=agency, full_name="Иванов Иван Петрович",
                                   birth_date=datetime.date(1984, 7, 3))
    services.index_person(target)
    duplicate = Person.objects.create(agency=agency, full_name="Ivanov Ivan",
                                      birth_date=datetime.date(1984, 7, 3))
    profile = services.index_person(duplicate)
    assert MatchKey.objects.filter(key__startswith="s:", key__contains="ivan").count() > SIGNATURE_BLOCK_CAP
    found = services.candidate_ids(profile)
    assert target.pk in found
    assert set(found) == counted_candidates(profile)
    services.match_person(duplicate.pk)
    assert Flag.objects.filter(key=f"person:{target.pk}:{duplicate.pk}").exists()


def test_true_match_among_namesakes_is_flagged_through_a_shared_document(agency):
    add_persons(agency, namesakes(120))
    target = Person.objects.create(agency=agency, full_name="Иванов Иван", birth_year=1979,
                                   id_document_type="passport", id_document_number="AC 7654321")
    services.index_person(target)
    duplicate = Person.objects.create(agency=agency, full_name="IVANOV IVAN", birth_year=1979,
                                      id_document_type="passport", id_document_number="AC7654321")
    profile = services.index_person(duplicate)
    found = services.candidate_ids(profile)
    assert target.pk in found
    assert set(found) == counted_candidates(profile)
    services.match_person(duplicate.pk)
    assert Flag.objects.filter(key=f"person:{target.pk}:{duplicate.pk}").exists()


def test_namesake_without_date_or_document_meets_no_namesake(agency):
    sakes = add_persons(agency, namesakes(120))
    plain = Person.objects.create(agency=agency, full_name="Иван Иванов")
    profile = services.index_person(plain)
    found = services.candidate_ids(profile)
    assert set(found) == counted_candidates(profile)
    assert not set(found) & {p.pk for p in sakes}  # every name block is oversized: skipped


@pytest.mark.parametrize(("others", "searched"), [(NAME_BLOCK_CAP, True), (NAME_BLOCK_CAP + 1, False)])
def test_capped_block_is_searched_up_to_its_cap_and_skipped_beyond(agency, others, searched):
    # one whole name, years spread over a century (no shared date key), no documents: only the name-only
    # blocks bring the namesakes together, the largest of their caps being the name-pair block's
    rows = [{"full_name": "Жумабеков Алмазбек", "birth_year": 1900 + 2 * n} for n in range(others)]
    sakes = add_persons(agency, rows)
    me = Person.objects.create(agency=agency, full_name="Жумабеков Алмазбек")
    profile = services.index_person(me)
    key = next(k for k in blocking_keys(profile) if k.startswith("n:"))
    assert MatchKey.objects.filter(key=key).count() == others + 1
    found = set(services.candidate_ids(profile))
    assert found == counted_candidates(profile)
    assert (found >= {p.pk for p in sakes}) is searched
    assert bool(found) is searched


def test_candidates_equal_the_counted_rule_on_a_mixed_population(agency):
    rng = random.Random(11)
    surnames = ["Асанов", "Asanov", "Осмонов", "Osmonov", "Токтогулов", "Ким", "Kim", "Рахимов"]
    given = ["Бакыт", "Bakyt", "Айбек", "Aibek", "Нурлан", "Марат"]
    rows = []
    for n in range(400):
        row = {"full_name": f"{rng.choice(surnames)} {rng.choice(given)}", "birth_year": rng.randint(1960, 1990)}
        if n % 3 == 0:
            row["birth_date"] = datetime.date(row["birth_year"], rng.randint(1, 12), rng.randint(1, 28))
        if n % 4 == 0:
            row["id_document_number"] = f"AN{rng.randint(1000, 1100)}000"
        rows.append(row)
    persons = add_persons(agency, rows)
    profiles = {p.person_id: services.profile_from_data(p.person_id, p.data)
                for p in PersonProfile.objects.filter(person_id__in=[p.pk for p in persons[:60]])}
    non_empty = 0
    for profile in profiles.values():
        found = services.candidate_ids(profile)
        assert set(found) == counted_candidates(profile)
        non_empty += bool(found)
    assert non_empty > 10  # the comparison covered blocks that were searched, not only skipped ones


def _index_rows() -> tuple[Counter, dict]:
    keys = Counter(MatchKey.objects.values_list("person_id", "key"))
    profiles = dict(PersonProfile.objects.values_list("person_id", "data"))
    return keys, profiles


def test_bulk_indexer_writes_the_rows_of_indexing_one_by_one(agency):
    rng = random.Random(3)
    names = ["Токтогулов Бакыт Асанович", "Baqyt Toktogulov", "Иванов Иван", "Ivanov Ivan", "Ли Вэй", "Wang Wei",
             "Сатыбалдиев Нурлан уулу", "Kurbanov A. B.", "Рахимов Марат", "Abdu Rakhman Karimov"]
    rows = [{"full_name": rng.choice(names), "birth_year": rng.choice([None, 1970, 1985]),
             "id_document_number": rng.choice(["", "AC 1234567", f"ID{rng.randint(10**6, 10**7 - 1)}"]),
             "phone": rng.choice(["", "+996 555 123 456"])} for _ in range(70)]
    persons = Person.objects.bulk_create([Person(agency=agency, **row) for row in rows])
    for person in Person.objects.select_related("nationality").filter(pk__in=[p.pk for p in persons]):
        services.index_person(person)
    one_by_one = _index_rows()
    # stale rows of an earlier index are replaced, not added to
    MatchKey.objects.create(person_id=persons[0].pk, key="n:stale:key")
    stats = services.index_persons(Person.objects.select_related("nationality").filter(
        pk__in=[p.pk for p in persons]), chunk=16)
    in_bulk = _index_rows()
    assert in_bulk == one_by_one
    assert stats.persons == 70 and stats.keys == sum(one_by_one[0].values())
    frequency = Counter(k for (_p, k), n in in_bulk[0].items() if k.startswith("f:") for _ in range(n))
    holders = Counter(k for (_p, k), n in in_bulk[0].items() if k.startswith("s:") for _ in range(n))
    assert max(frequency.values()) >= 2 and max(holders.values()) >= 2  # shared stems and whole names
