from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from imports.models import ImportBatch, ImportedCase
from imports.services import create_batch, run_import, undo_batch
from seizures.models import Case, Person, SeizedItem
from seizures.services import appendix_for

from .fixtures import BAD_CSV, CP1251_CSV, KYRGYZ_CSV, messy_xlsx


def _file(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _import(user, agency, data, name="file.csv", **kwargs):
    batch = create_batch(user, agency, data, name, skip_invalid=kwargs.pop("skip_invalid", False))
    return batch, run_import(batch, data, **kwargs)


@pytest.mark.django_db
def test_cp1251_csv_becomes_real_cases(supervisor, customs):
    batch, analysis = _import(supervisor, customs, CP1251_CSV, "реестр 2019.csv")
    assert batch.status == ImportBatch.Status.DONE, batch.report
    assert batch.created_cases == 4 and Case.objects.filter(agency=customs).count() == 4
    case = Case.objects.get(agency_case_number="12/19")
    assert case.occurred_at.date().isoformat() == "2019-03-12"
    assert case.origin_country.iso2 == "KZ" and case.destination_country.iso2 == "CN"
    items = {i.taxon.scientific_name: i for i in case.items.select_related("taxon", "term", "unit")}
    assert items["Saiga tatarica"].term.code == "HOR" and items["Saiga tatarica"].quantity == 15
    assert items["Saiga tatarica"].unit is None
    falcon = items["Falco cherrug"]
    assert falcon.term.code == "LIV"
    assert falcon.cites_appendix_at_seizure == appendix_for(falcon.taxon, case.occurred_at.date())
    person = case.parties.get().person
    assert (person.surname, person.given_names, person.patronymic) == ("Асанов", "А.", "Т.")
    assert person.birth_date.isoformat() == "1980-06-05" and person.nationality.iso2 == "KG"
    assert case.post is not None and case.post.code.startswith("KG-CUS")
    caviar = SeizedItem.objects.get(case__agency_case_number="13/19")
    assert (caviar.term.code, caviar.unit.code, str(caviar.quantity)) == ("CAV", "KIL", "2.500")
    assert Person.objects.get(surname="Петров").birth_year == 1975
    tortoise = SeizedItem.objects.get(case__agency_case_number="14/19")
    assert tortoise.quantity == 1200 and tortoise.taxon.scientific_name == "Testudo horsfieldii"
    link = ImportedCase.objects.get(case=case)
    assert link.batch.sha256 == batch.sha256 and len(batch.sha256) == 64
    assert batch.mapping["species"] == "Наименование"
    assert batch.created_by == supervisor


@pytest.mark.django_db
def test_reimport_creates_nothing_new(supervisor, customs):
    _import(supervisor, customs, CP1251_CSV)
    batch, _analysis = _import(supervisor, customs, CP1251_CSV)
    assert batch.status == ImportBatch.Status.DONE
    assert batch.created_cases == 0 and batch.existing_cases == 4
    assert Case.objects.count() == 4


@pytest.mark.django_db
def test_bad_file_report_names_rows_and_nothing_is_written(supervisor, customs, tmp_path):
    path = _file(tmp_path, "bad.csv", BAD_CSV)
    out = StringIO()
    with pytest.raises(CommandError) as exc, translation.override("en"):
        call_command("import_cases", path, "--agency", customs.code, "--user", supervisor.username, stdout=out,
                     stderr=StringIO())
    assert exc.value.returncode == 2
    text = out.getvalue()
    assert Case.objects.count() == 0
    batch = ImportBatch.objects.get()
    errors = {r["row"]: r for r in batch.report if r["status"] == "error"}
    assert set(errors) == {2, 3, 5, 6, 8}  # row 4 is empty; row 7 is fine
    assert "B (Дата изъятия)" in errors[2]["messages"][0]["column"]
    assert "C (Вид)" == errors[3]["messages"][0]["column"]
    assert "D (Количество)" == errors[5]["messages"][0]["column"]
    assert "row 2, B (Дата изъятия)" in text
    # --skip-invalid imports the valid case and lists the skipped rows
    out = StringIO()
    with translation.override("en"):
        call_command("import_cases", path, "--agency", customs.code, "--user", supervisor.username,
                     "--skip-invalid", stdout=out, stderr=StringIO())
    assert list(Case.objects.values_list("agency_case_number", flat=True)) == ["A-5"]
    assert "row 8" in out.getvalue()


@pytest.mark.django_db
def test_dry_run_writes_nothing(supervisor, customs, tmp_path):
    out = StringIO()
    with translation.override("en"):
        call_command("import_cases", _file(tmp_path, "r.csv", CP1251_CSV), "--agency", customs.code, "--dry-run",
                     "--user", supervisor.username, stdout=out, stderr=StringIO())
    assert Case.objects.count() == 0 and ImportBatch.objects.count() == 0
    assert "5 rows" in out.getvalue()


@pytest.mark.django_db
def test_xlsx_and_mapping_file(supervisor, customs, tmp_path):
    mapping = _file(tmp_path, "map.json", b'{"nationality": ""}')
    call_command("import_cases", _file(tmp_path, "w.xlsx", messy_xlsx()), "--agency", customs.code, "--mapping",
                 mapping, "--user", supervisor.username, stdout=StringIO(), stderr=StringIO())
    case = Case.objects.get(agency_case_number="X-100")
    assert case.items.count() == 2
    horns = case.items.get(taxon__scientific_name="Saiga tatarica")
    assert (horns.term.code, horns.unit.code) == ("HOR", "KIL")
    leopard = Case.objects.get(agency_case_number="X-101")
    assert leopard.occurred_at.date().isoformat() == "2020-03-10"
    assert leopard.items.get().cites_appendix_at_seizure == "I"


@pytest.mark.django_db
def test_kyrgyz_headed_file(supervisor, customs):
    batch, _a = _import(supervisor, customs, KYRGYZ_CSV)
    assert batch.status == ImportBatch.Status.DONE, batch.report
    item = SeizedItem.objects.select_related("taxon", "term", "case").get()
    assert (item.taxon.scientific_name, item.term.code, item.quantity) == ("Saiga tatarica", "HOR", 4)
    assert item.case.destination_country.iso2 == "CN"


@pytest.mark.django_db
def test_undo_batch_while_unedited(supervisor, agency_admin, customs):
    from seizures.services import update_case

    batch, _a = _import(supervisor, customs, CP1251_CSV)
    with pytest.raises(PermissionDenied):
        undo_batch(supervisor, batch)  # only an agency administrator
    case = Case.objects.get(agency_case_number="15/19")
    update_case(supervisor, case, {"description": "уточнено"})
    with pytest.raises(ValidationError):
        undo_batch(agency_admin, batch)
    assert Case.objects.count() == 4
    batch2, _a = _import(supervisor, customs, KYRGYZ_CSV)
    assert undo_batch(agency_admin, batch2) == 1
    assert Case.objects.count() == 4 and not Person.objects.filter(given_names="Асанов").exists()
    batch2.refresh_from_db()
    assert batch2.status == ImportBatch.Status.UNDONE


@pytest.mark.django_db
def test_officer_and_other_agency_may_not_import(customs, border):
    from agencies.choices import Role
    from tests.factories import make_member

    for user in (make_member(customs, Role.OFFICER), make_member(border, Role.AGENCY_ADMIN)):
        with pytest.raises(PermissionDenied):
            create_batch(user, customs, CP1251_CSV, "x.csv")
