"""Repeat routes across agencies within the window, and the management commands."""
import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from intelligence.dataset import Generator
from intelligence.evaluation import canonical_names_of_records, canonical_oracle
from intelligence.models import Alert, CorridorSignature, Flag
from tests.factories import CaseFactory, CountryFactory, SeizedItemFactory, TaxonFactory

pytestmark = pytest.mark.django_db(transaction=True)


def falcon_case(agency, days_ago=10, **kwargs):
    cn = CountryFactory(iso2="CN", iso3="CHN", name="China")
    ae = CountryFactory(iso2="AE", iso3="ARE", name="United Arab Emirates")
    case = CaseFactory(agency=agency, origin_country=cn, destination_country=ae, transport_mode="air",
                       concealment="checked_baggage",
                       occurred_at=timezone.now() - datetime.timedelta(days=days_ago), **kwargs)
    SeizedItemFactory(case=case, taxon=TaxonFactory(scientific_name="Falco cherrug", class_name="Aves"))
    return case


def test_two_agencies_on_one_corridor_make_a_route_flag(customs, border):
    a = falcon_case(customs, days_ago=200)
    b = falcon_case(border, days_ago=5)
    flag = Flag.objects.get(kind="route")
    assert set(flag.cases.values_list("pk", flat=True)) == {a.pk, b.pk}
    shared = flag.explanation["shared"]
    assert shared["origin"] == "CN" and shared["destination"] == "AE" and shared["taxon_group"] == "Aves"
    assert shared["transport_mode"] == "air" and shared["concealment"] == "checked_baggage"
    assert flag.cross_agency
    assert Alert.objects.filter(flag=flag).count() == 2


def test_corridor_signatures_follow_the_case_and_voided_cases_leave_the_count(customs, border):
    a = falcon_case(customs, days_ago=30)
    row = CorridorSignature.objects.get(case=a)
    assert (row.key, row.occurred_at, row.agency_id_copy) == ("route:CN>AE:Aves", a.occurred_at, customs.pk)
    a.occurred_at = timezone.now() - datetime.timedelta(days=900)  # the date corrected: the row moves with it
    a.save()
    assert CorridorSignature.objects.get(case=a).occurred_at == a.occurred_at
    a.occurred_at = timezone.now() - datetime.timedelta(days=20)
    a.is_voided = True
    a.save()
    assert not CorridorSignature.objects.filter(case=a).exists()
    falcon_case(border, days_ago=5)  # the voided case no longer makes a corridor with it
    assert not Flag.objects.filter(kind="route").exists()
    assert CorridorSignature.objects.count() == 1


def test_cases_outside_the_window_are_not_linked(customs, border):
    falcon_case(customs, days_ago=800)
    falcon_case(border, days_ago=5)
    assert not Flag.objects.filter(kind="route").exists()


@override_settings(INTELLIGENCE_ROUTE_MIN_CASES=3)
def test_same_agency_needs_n_cases_and_is_marked_as_such(customs):
    falcon_case(customs, days_ago=30)
    falcon_case(customs, days_ago=20)
    assert not Flag.objects.filter(kind="route").exists()
    falcon_case(customs, days_ago=10)
    flag = Flag.objects.get(kind="route")
    assert flag.cases.count() == 3 and flag.cross_agency is False


def test_generate_dataset_is_deterministic(tmp_path):
    one, two = tmp_path / "a.csv", tmp_path / "b.csv"
    call_command("generate_matching_dataset", output=one, records=400, seed=3, stdout=io.StringIO())
    call_command("generate_matching_dataset", output=two, records=400, seed=3, stdout=io.StringIO())
    assert one.read_bytes() == two.read_bytes()
    rows = list(csv.DictReader(one.open(encoding="utf-8")))
    assert len(rows) == 400 and set(rows[0]) == {"record_id", "full_name", "birth_date", "nationality",
                                                 "document_number", "cluster_id", "canonical_name"}


@pytest.mark.parametrize("rate", [0.025, 0.29])
def test_namesake_rate_sets_the_share_of_people_sharing_a_canonical_name(rate):
    records = Generator(5, namesake_rate=rate).generate(3000)
    labels = {r.record_id: str(r.cluster_id) for r in records}
    oracle = canonical_oracle(labels, canonical_names_of_records(records))
    # the people seen in the records: the last ones drawn may have lost records to the cut at 3,000
    assert abs(oracle.sharing_people - rate) < 0.02
    assert oracle.recall == 1.0


def test_fewer_namesakes_make_the_canonical_name_oracle_better():
    def oracle_f1(rate):
        records = Generator(5, namesake_rate=rate).generate(3000)
        return canonical_oracle({r.record_id: str(r.cluster_id) for r in records},
                                canonical_names_of_records(records)).f1

    assert oracle_f1(0.025) > 0.96 > 0.85 > oracle_f1(0.29)


def test_generate_command_takes_the_namesake_rate_and_evaluate_prints_the_oracle(tmp_path):
    hard = tmp_path / "hard.csv"
    call_command("generate_matching_dataset", output=hard, records=1500, seed=11, namesake_rate=0.29,
                 stdout=io.StringIO())
    out = io.StringIO()
    call_command("evaluate_matching", str(hard), stdout=out)
    line = next(x for x in out.getvalue().splitlines() if x.startswith("canonical-name oracle"))
    assert float(line.split("F1 ")[1].split()[0]) < 0.9
    assert abs(float(line.split("(")[1].split("%")[0]) - 29.0) < 2.0
    with pytest.raises(CommandError):
        call_command("generate_matching_dataset", output=hard, records=10, namesake_rate=1.5, stdout=io.StringIO())


def test_evaluate_matching_prints_scores_and_writes_pairs_without_labels(tmp_path):
    labelled = tmp_path / "l.csv"
    call_command("generate_matching_dataset", output=labelled, records=1500, seed=11, stdout=io.StringIO())
    out = io.StringIO()
    call_command("evaluate_matching", str(labelled), stdout=out)
    figures = dict(line.split(" ", 1) for line in out.getvalue().splitlines() if line.split(" ")[0] in
                   ("precision", "recall", "F1"))
    # the extended set is sparse (30 % without birth date, 50 % without document) and full of namesakes
    assert float(figures["F1"]) > 0.78
    # one line per evidence category: true pairs, predicted pairs, precision, recall
    categories = {" ".join(line.split()[:-4]): line.split()[-4:] for line in out.getvalue().splitlines()
                  if line.startswith(("date", "document", "name", "origin"))}
    assert {"date+document", "date only", "document only", "name only", "origin KG"} <= set(categories)
    # pairs with a date and a document are the easy ones, the name-only ones the hardest
    assert float(categories["date+document"][3]) > float(categories["name only"][3])
    assert sum(int(c[0]) for name, c in categories.items() if not name.startswith("origin")) == sum(
        int(c[0]) for name, c in categories.items() if name.startswith("origin"))
    unlabelled = tmp_path / "u.csv"
    with labelled.open(encoding="utf-8") as src, unlabelled.open("w", encoding="utf-8") as dst:
        for line in src:
            dst.write(line.rsplit(",", 2)[0] + "\n")  # without cluster_id and canonical_name
    pairs = tmp_path / "pairs.csv"
    call_command("evaluate_matching", str(unlabelled), output=pairs, stderr=io.StringIO())
    rows = list(csv.DictReader(pairs.open(encoding="utf-8")))
    assert rows and {"record_id_a", "record_id_b", "score"} <= set(rows[0])


def test_rescan_command_shows_progress_and_is_idempotent(customs, border):
    from .conftest import suspect_case

    suspect_case(customs, "Жумабеков Азамат", birth_date=datetime.date(1979, 1, 2))
    suspect_case(border, "Dzhumabekov Azamat", birth_date=datetime.date(1979, 1, 2))
    Flag.objects.all().delete()
    out = io.StringIO()
    call_command("rescan_matches", stdout=out)
    assert "[####" in out.getvalue() and "6/6" in out.getvalue() and ": 1" in out.getvalue()
    call_command("rescan_matches", "--no-progress", stdout=io.StringIO())
    assert Flag.objects.filter(kind="person").count() == 1
