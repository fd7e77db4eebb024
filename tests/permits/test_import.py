import datetime
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from permits.importers import COLUMNS, import_permits
from permits.models import Permit, PermitLine
from permits.signing import check_code, short_code

DATA = Path(__file__).parent / "data"


@pytest.fixture
def ready(codes, taxa, countries):
    return codes


def test_import_csv(ready, cites_ma_user):
    report = import_permits(DATA / "permits_ok.csv", user=cites_ma_user)
    assert report.ok, [r.errors for r in report.rows]
    assert (report.permits_created, report.lines_created) == (2, 3)
    permit = Permit.objects.get(number_normalized="KG20260501")
    assert permit.lines.count() == 2 and permit.created_by == cites_ma_user
    assert permit.valid_until == datetime.date(2026, 10, 31)
    assert PermitLine.objects.get(permit__number="KG/2026/0502").quantity == Decimal("12.5")
    assert check_code(short_code(permit)).valid


def test_bad_rows_change_nothing(ready, make_permit):
    make_permit(number="KG-0607")
    before = (Permit.objects.count(), PermitLine.objects.count())
    report = import_permits(DATA / "permits_bad.csv")
    assert not report.ok
    errors = {r.row: " ".join(r.errors) for r in report.rows}
    assert errors[2] == ""
    assert "Bad date" in errors[3]
    assert "Unknown taxon" in errors[4]
    for fragment in ("document type", "term code", "unit code", "source code", "purpose code"):
        assert fragment in errors[5]
    assert "not accepted for term TRO" in errors[6]
    assert "appears twice" in errors[8] and "positive number" in errors[8]
    assert "already registered" in errors[9]
    assert (Permit.objects.count(), PermitLine.objects.count()) == before


def test_dry_run_saves_nothing(ready):
    report = import_permits(DATA / "permits_ok.csv", dry_run=True)
    assert report.ok and Permit.objects.count() == 0


def test_xlsx_with_date_cells(ready):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(COLUMNS)
    row = dict.fromkeys(COLUMNS, None)
    row.update(number="KG-X-1", issuing_country="KG", document_type="E", valid_from=datetime.date(2026, 1, 1),
               valid_until=datetime.datetime(2026, 6, 30), taxon="falco  cherrug", term="liv", quantity=3,
               source="C", purpose="T")
    sheet.append([row[c] for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "permits.xlsx"
    report = import_permits(buffer)
    assert report.ok, [r.errors for r in report.rows]
    assert Permit.objects.get().lines.get().quantity == Decimal("3")


def test_file_level_errors(ready):
    assert "Missing columns" in import_permits(io.BytesIO(b"number,taxon\n1,x\n")).errors[0]
    assert import_permits(io.BytesIO(b"")).errors


def test_command(ready, tmp_path):
    call_command("import_permits", str(DATA / "permits_ok.csv"))
    assert Permit.objects.count() == 2
    with pytest.raises(CommandError):
        call_command("import_permits", str(DATA / "permits_bad.csv"))
    assert Permit.objects.count() == 2


def test_too_long_values_are_found_before_writing_with_their_row(ready):
    header, *rows = (DATA / "permits_ok.csv").read_text(encoding="utf-8").splitlines()
    columns = header.split(";")
    values = rows[0].split(";")
    values[columns.index("number")] = "KG-" + "9" * 70
    text = "\n".join([header, rows[0], ";".join(values)]) + "\n"
    report = import_permits(io.BytesIO(text.encode("utf-8")))
    errors = {r.row: " ".join(r.errors) for r in report.rows}
    assert errors[2] == ""
    assert "“number” is too long: 73 characters, at most 64" in errors[3]
    assert Permit.objects.count() == 0


def test_import_is_set_based_with_history_and_signatures(ready, cites_ma_user, django_assert_max_num_queries):
    """The write costs a fixed number of statements whatever the file size; history and codes as one by one."""
    report = import_permits(DATA / "permits_ok.csv", user=cites_ma_user, dry_run=True)
    assert report.ok
    with django_assert_max_num_queries(30):  # code lists, taxa, one COPY per table: not one per row
        report = import_permits(DATA / "permits_ok.csv", user=cites_ma_user)
    assert report.permits_created == 2
    for permit in Permit.objects.all():
        created = permit.history.get(history_type="+")
        assert created.history_user == cites_ma_user and created.signed_payload == permit.signed_payload
        assert check_code(short_code(permit)).valid
        assert permit.lines.count() == PermitLine.history.filter(permit_id=permit.pk, history_type="+").count()
