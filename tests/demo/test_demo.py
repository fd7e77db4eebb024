"""The demo data set after `load_demo` on an empty database (see conftest.demo_set)."""
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone

from agencies.models import Membership
from demo.accounts import ADMIN_PASSWORD, ADMIN_USERNAME, DEMO_AGENCIES, ROLE_PASSWORDS, STAFF_ROLES, username_for
from demo.cases import demo_cases, demo_counts
from demo.people import NAMESAKES, RECURRING_SUSPECTS, is_cyrillic, name_spellings
from seizures.choices import CaseStatus, ConveyanceKind, SharingLevel
from seizures.models import Case, CaseParty, Conveyance, CustodyTransfer, Person, SeizedItem
from seizures.services import appendix_on

from .conftest import has_reference_loader

pytestmark = pytest.mark.django_db


def normalised_document(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.upper()).replace("O", "0")


def records_of(identity) -> list[Person]:
    """The person records of one real person: a spelling of the name plus the birth year or the document."""
    names = [spelling[0] for spelling in name_spellings(identity)]
    document = normalised_document(identity.document)
    return [
        p for p in Person.objects.filter(full_name__in=names).select_related("agency")
        if p.birth_year == identity.birth.year or normalised_document(p.id_document_number) == document
    ]


def test_at_least_300_cases_at_five_agencies_or_more(demo_set):
    cases = demo_cases()
    assert cases.count() >= 300
    agencies = set(cases.values_list("agency__code", flat=True))
    assert len(agencies) >= 5
    assert agencies <= set(DEMO_AGENCIES)


def test_cases_span_two_calendar_years_and_none_is_in_the_future(demo_set):
    dates = list(demo_cases().values_list("occurred_at", flat=True))
    assert len({timezone.localtime(d).year for d in dates}) >= 2
    assert max(dates) <= timezone.now()
    assert min(dates) >= timezone.now() - timezone.timedelta(days=3 * 366)


def test_routes_use_several_countries_transits_and_transit_posts(demo_set):
    cases = demo_cases()
    assert len(set(cases.exclude(origin_country=None).values_list("origin_country__iso2", flat=True))) >= 3
    assert len(set(cases.exclude(destination_country=None).values_list("destination_country__iso2",
                                                                     flat=True))) >= 3
    assert cases.filter(transit_countries__iso2="KG", origin_country__iso2="KZ",
                        destination_country__iso2="CN").exists()  # saiga horns KZ -> KG -> CN
    assert cases.filter(transit_posts__isnull=False).exists()
    assert cases.filter(items__taxon__scientific_name="Falco cherrug", destination_country__iso2="CN",
                        post__code__in=["KG-CUS-IRK", "KG-CUS-TOR"]).exists()


def test_statuses_outcomes_and_sharing_levels_are_mixed(demo_set):
    cases = demo_cases()
    statuses = dict.fromkeys(CaseStatus.values, 0)
    for status in cases.values_list("status", flat=True):
        statuses[status] += 1
    assert all(statuses.values()), statuses
    assert statuses[CaseStatus.OPEN] + statuses[CaseStatus.CLOSED] > cases.count() / 2
    assert not cases.filter(status=CaseStatus.CLOSED, outcome="").exists()
    assert set(cases.values_list("sharing_level", flat=True)) == set(SharingLevel.values)
    assert cases.filter(sharing_level=SharingLevel.NAMED, shared_with_agencies__isnull=False).exists()
    regional = set(cases.filter(sharing_level=SharingLevel.REGIONAL)
                   .values_list("shared_with_countries__iso2", flat=True))
    assert {"KZ", "UZ", "TJ"} <= regional


def test_references_come_from_case_save(demo_set):
    for reference, code, year in demo_cases().values_list("reference", "agency__code", "year"):
        assert re.fullmatch(rf"{code}-{year}-\d{{5}}", reference)


def test_every_item_passes_full_clean_with_units_the_term_accepts(demo_set):
    items = SeizedItem.objects.filter(case__in=demo_cases()).select_related("term", "unit", "taxon", "case")
    assert items.count() >= 300
    for item in items:
        item.full_clean()
        assert item.term.accepts_unit(item.unit)
        if item.term.code == "LIV":
            assert item.unit is None and item.live_count is not None and item.live_count <= item.quantity
        if item.estimated_value is not None:
            assert item.currency in {"KGS", "USD", "KZT", "UZS", "TJS"}
    both = items.filter(second_quantity__isnull=False)
    assert both.filter(unit__isnull=True, second_unit__code="KIL").exists()  # counted, and weighed
    assert both.filter(unit__is_mass=True, second_unit__isnull=True).exists()  # weighed, and counted


def test_some_items_record_their_own_origin_and_the_stamp_follows_it(demo_set):
    items = SeizedItem.objects.filter(case__in=demo_cases()).select_related("case", "origin_country", "taxon")
    recorded = items.filter(origin_country__isnull=False)
    assert recorded.filter(origin_country=F("case__origin_country")).exists()
    assert recorded.exclude(origin_country=F("case__origin_country")).exists()  # a mixed consignment
    assert items.filter(origin_country__isnull=True).count() > recorded.count()  # most officers leave it blank
    for item in recorded:
        assert item.cites_appendix_at_seizure == appendix_on(item), item.pk


def test_cases_parties_conveyances_and_custody_pass_full_clean(demo_set):
    for model in (Case, CaseParty, Conveyance, CustodyTransfer):
        rows = demo_cases() if model is Case else model.objects.filter(case__in=demo_cases())
        assert rows.exists(), model
        for row in rows:
            row.full_clean()
    conveyances = Conveyance.objects.filter(case__in=demo_cases())
    kinds = set(conveyances.values_list("kind", flat=True))
    assert set(ConveyanceKind.values) - {ConveyanceKind.VESSEL} <= kinds
    identifiers = set(conveyances.values_list("identifier", flat=True))
    assert any(re.fullmatch(r"\d{2}KG\d{3}[A-Z]{3}", i) for i in identifiers)  # 01KG123ABC
    assert any(re.fullmatch(r"[A-Z0-9]{2} \d{2,4}", i) for i in identifiers)  # KC 123
    assert not demo_cases().filter(items__isnull=True).exists()
    assert CustodyTransfer.objects.filter(transferred_at__gt=timezone.now()).count() == 0


def test_recurring_suspects_appear_at_two_agencies_in_both_scripts(demo_set):
    assert len(RECURRING_SUSPECTS) >= 25
    for identity in RECURRING_SUSPECTS:
        records = records_of(identity)
        assert len({p.agency.code for p in records}) >= 2, identity.key
        assert any(is_cyrillic(p.full_name) for p in records), identity.key
        assert any(not is_cyrillic(p.full_name) for p in records), identity.key
        assert all(p.case_links.filter(role="suspect").exists() for p in records), identity.key


def test_documents_and_birth_dates_are_written_in_several_ways(demo_set):
    written = set()
    swapped = year_only = 0
    for identity in RECURRING_SUSPECTS:
        for person in records_of(identity):
            written.add((person.id_document_number, identity.document))
            if person.birth_date and person.birth_date != identity.birth:
                swapped += 1
            if person.birth_date is None and person.birth_year:
                year_only += 1
    assert any(" " in n or "-" in n for n, _canonical in written)
    assert any("O" in n.upper() and "O" not in canonical for n, canonical in written)  # O written for 0
    assert swapped and year_only


def test_namesakes_are_other_people(demo_set):
    for namesake in NAMESAKES:
        original = next(i for i in RECURRING_SUSPECTS if i.key == namesake.namesake_of)
        names = {spelling[0] for spelling in name_spellings(namesake)}
        assert names & {spelling[0] for spelling in name_spellings(original)}
        assert namesake.birth != original.birth and namesake.document != original.document
        records = records_of(namesake)
        assert records, namesake.key
        assert all(normalised_document(p.id_document_number) != normalised_document(original.document)
                   for p in records)


def test_companies_are_linked(demo_set):
    assert CaseParty.objects.filter(case__in=demo_cases(), company__isnull=False).exists()


def test_accounts_for_each_role_and_agency_can_log_in(demo_set, client):
    user_model = get_user_model()
    for code in DEMO_AGENCIES:
        for role, password in ROLE_PASSWORDS.items():
            user = user_model.objects.get(username=username_for(code, role))
            membership = Membership.objects.get(user=user)
            assert (membership.agency.code, membership.role) == (code, role)
            assert user.is_staff == (role in STAFF_ROLES) and not user.is_superuser
            assert client.login(username=user.username, password=password), user.username
            client.logout()
    admin = user_model.objects.get(username=ADMIN_USERNAME)
    assert admin.is_superuser and admin.is_staff
    assert client.login(username=ADMIN_USERNAME, password=ADMIN_PASSWORD)


def test_running_load_demo_again_changes_nothing(demo_set):
    user_model = get_user_model()

    def counts():
        return {**demo_counts(), "users": user_model.objects.count(),
                "memberships": Membership.objects.count(),
                "case history": Case.history.count(), "item history": SeizedItem.history.count(),
                "person history": Person.history.count(), "user history": user_model.history.count()}

    before = counts()
    args = [] if has_reference_loader() else ["--skip-reference"]
    call_command("load_demo", *args, verbosity=0)
    assert counts() == before
    assert before["cases"] >= 300 and before["case history"] >= before["cases"]
