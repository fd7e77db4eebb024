"""The PostgreSQL COPY export (seizures.exports_copy) writes the same file as the Python path.

Messy cases on purpose: Cyrillic, commas, quotes and line breaks in texts, empty cells, voided and draft
cases, items with and without a taxon, a second measure, values in two currencies and none, persons and
companies, transit countries; every ordering of the list; the officer's visible cases only.
"""
from __future__ import annotations

import csv
import datetime
import io
import random
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import translation

from seizures import exports, exports_copy, exports_jobs
from seizures.choices import PartyRole
from seizures.filtersets import order_cases
from seizures.models import Case, CaseParty, Company, Person, SeizedItem
from tests.api.conftest import _module_world, world  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db

TEXTS = ["", "Соколы в багажнике", 'a "quoted", comma', "line one\nline two", "  spaces  ", "Ителги; 2 шт.",
         "ends with newline\r\n"]


@pytest.fixture
def messy(world):  # noqa: F811
    rng = random.Random(15)
    kg, kz = world.agencies["own"].country, world.agencies["kz_owner"].country
    agencies = [world.agencies["own"], world.agencies["kz_owner"]]
    for n in range(40):
        agency = rng.choice(agencies)
        case = Case.objects.create(
            agency=agency, recorded_by=world.cases["own"].recorded_by, detection_method=rng.choice(["dog", "xray"]),
            transport_mode=rng.choice(["air", "road"]), concealment=rng.choice(["", "luggage"]),
            status=rng.choice(["open", "draft", "closed"]), sharing_level=rng.choice(["agency", "national"]),
            occurred_at=datetime.datetime(2024, 1 + n % 12, 1 + n % 28, n % 24, n % 60, tzinfo=datetime.UTC),
            description=rng.choice(TEXTS), origin_country=rng.choice([None, kg, kz]),
            destination_country=rng.choice([None, kz]), is_voided=(n % 13 == 0))
        case.transit_countries.set(rng.sample([kz, kg], rng.randint(0, 2)))
        for _ in range(rng.randint(0, 3)):
            SeizedItem.objects.create(
                case=case, taxon=rng.choice([world.taxon, None]), term=world.term,
                unidentified_description=rng.choice(["", "кости, 3 мешка"]),
                quantity=rng.choice([Decimal("2.500"), Decimal("100"), Decimal("0.125")]),
                unit=rng.choice([world.unit, None]),
                second_quantity=rng.choice([None, Decimal("4.50")]), live_count=rng.choice([None, 0, 3]),
                estimated_value=rng.choice([None, Decimal("10.00"), Decimal("2500")]),
                currency=rng.choice(["USD", "KGS"]))
        for _ in range(rng.randint(0, 2)):
            if rng.random() < 0.6:
                person = Person.objects.create(agency=agency, full_name=rng.choice(["Асанов Бакыт", 'O"Neil, J.']))
                CaseParty.objects.create(case=case, person=person, role=PartyRole.SUSPECT)
            else:
                company = Company.objects.create(agency=agency, name="ОсОО «Сокол», Бишкек")
                CaseParty.objects.create(case=case, company=company, role=PartyRole.OWNER)
    return world


def python_file(cases) -> bytes:
    handle = io.BytesIO()
    exports_jobs._write_csv(handle, exports.iter_rows(cases))
    return handle.getvalue()


@pytest.mark.parametrize("ordering", [None, "reference", "-occurred_at", "created_at"])
@pytest.mark.parametrize("language", ["ru", "en"])
def test_copy_writes_the_python_file(messy, ordering, language):
    officer = messy.users["officer"]
    cases = order_cases(Case.objects.visible_to(officer), ordering)
    with translation.override(language):
        expected = python_file(cases)
        if connection.vendor != "postgresql":  # the job writes SQLite exports by the Python path
            assert expected.startswith("\ufeff".encode())
            return
        handle, seen = io.BytesIO(), []
        written = exports_copy.write_csv(cases, handle, progress=seen.append)
    got = handle.getvalue()
    assert got.decode().splitlines()[:1] == expected.decode().splitlines()[:1]
    assert got == expected
    assert written == cases.count() == len(set(cases.values_list("pk", flat=True))) > 10
    assert seen and seen[-1] == written


def test_copy_slices_keep_the_order(messy, monkeypatch):
    if connection.vendor != "postgresql":
        assert exports_copy.SLICE > 0
        return
    monkeypatch.setattr(exports_copy, "SLICE", 7)
    cases = order_cases(Case.objects.all(), "-occurred_at")  # every messy case, in slices of 7
    handle, seen = io.BytesIO(), []
    exports_copy.write_csv(cases, handle, progress=seen.append)
    assert handle.getvalue() == python_file(cases)
    assert len(seen) >= 3 and seen == sorted(seen)


def test_the_messy_file_has_what_it_should(messy):
    """The comparison above is only worth something if the file holds the awkward cells."""
    with translation.override("ru"):
        text = python_file(order_cases(Case.objects.all(), None)).decode()
    assert '"line one\nline two"' in text and '"a ""quoted"", comma"' in text
    assert "Соколы в багажнике" in text and "ОсОО «Сокол», Бишкек" in text
    assert " + 4.5" in text and "; " in text and ",," in text


def test_job_total_and_access_log_come_from_the_exported_cases(messy):
    """The job's total is the number of lines written and every person of those cases is logged once,
    whichever path wrote the file (on PostgreSQL both come from the numbered table of the COPY path)."""
    from seizures.models import ExportJob, PersonAccessLog

    officer = messy.users["officer"]
    job = ExportJob.objects.create(user=officer, params={"ordering": ["-occurred_at"]}, language="ru")
    job = exports_jobs.run_export(job.pk)
    visible = Case.objects.visible_to(officer)
    assert job.status == ExportJob.Status.DONE and job.total == job.written == visible.count() > 10
    expected = set(CaseParty.objects.filter(case__in=visible, person__isnull=False).values_list("person", flat=True))
    logged = list(PersonAccessLog.objects.filter(user=officer, channel="export").values_list("person", flat=True))
    assert expected and sorted(logged) == sorted(expected)
    hidden = set(CaseParty.objects.exclude(case__in=visible).filter(person__isnull=False)
                 .values_list("person", flat=True))
    assert hidden and not hidden & set(logged)
    with job.file.open("rb") as handle:
        assert len(list(csv.reader(io.StringIO(handle.read().decode("utf-8-sig"))))) == job.written + 1
    job.file.delete()
