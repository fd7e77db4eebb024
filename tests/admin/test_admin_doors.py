"""The visibility rule in the Django admin: every URL of every registered model, as each role.

A model registered later is walked too (the list comes from ``admin.site._registry``)."""
from decimal import Decimal

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse

from agencies.choices import Role
from permits.models import PermitLine, PermitUse
from seizures import access_log
from seizures.models import Case, Person
from seizures.permissions import can_view_audit, can_view_person_access_log
from tests.factories import PersonFactory, SeizedItemFactory, add_party, make_member

pytestmark = pytest.mark.django_db
User = get_user_model()
CASE_APPS = {"seizures"}
HISTORY_RULE_MODELS = {"case", "seizeditem", "caseparty", "custodytransfer"}


@pytest.fixture
def hidden_world(every_model):
    """Data of the other agency's agency-only case: an item using a permit line, a person of our agency
    linked into it, and an access-log entry written when the other agency opened that person there."""
    world = every_model
    hidden = world.hidden_case
    line = PermitLine.objects.first()
    item = SeizedItemFactory(case=hidden, taxon=line.taxon, quantity=Decimal("2"))
    PermitUse.objects.create(line=line, quantity=Decimal("2"), reference=f"{hidden.reference}/{item.pk}",
                             used_by=world.other_officer)
    person = Person.objects.get(full_name="Asanov Bakyt")  # recorded by our agency, in our case
    add_party(hidden, person)
    access_log.record(None, person, case=hidden, channel=access_log.Channel.API, user=world.other_officer)
    add_party(hidden, PersonFactory(agency=world.other, full_name="Secret Sultanov", id_document_number="ZZ999"))
    world.hidden_item, world.person = item, person
    return world


def roles(world, superuser):
    return {
        "system_admin": superuser,
        "supervisor": world.supervisor,
        "agency_admin": world.agency_admin,
        "other_admin": world.other_admin,
        "officer": world.officer,
        "analyst": make_member(world.own, role=Role.ANALYST, username="own_analyst"),
    }


def urls_of(model, obj):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    yield "changelist", reverse(f"{name}_changelist"), None
    yield "add", reverse(f"{name}_add"), None
    if obj is None:
        return
    yield "change", reverse(f"{name}_change", args=[obj.pk]), obj
    yield "delete", reverse(f"{name}_delete", args=[obj.pk]), obj
    try:
        yield "history", reverse(f"{name}_history", args=[obj.pk]), obj
        record = obj.history.order_by("history_id").first() if hasattr(obj, "history") else None
        if record is not None:
            yield "revert", reverse(f"{name}_simple_history", args=[obj.pk, record.history_id]), obj
    except NoReverseMatch:
        pass


def visible_to(user, obj) -> bool:
    manager = type(obj)._default_manager
    return not hasattr(manager, "visible_to") or manager.visible_to(user).filter(pk=obj.pk).exists()


def test_every_admin_url_as_every_role(hidden_world, superuser, client):
    world = hidden_world
    secrets = [world.hidden_case.reference, "Secret Sultanov", "ZZ999"]
    checked = 0
    for role, user in roles(world, superuser).items():
        client.force_login(user)
        for model in admin.site._registry:
            objects = list(model._default_manager.order_by("pk")[:1])
            if model is Case:
                objects.append(world.hidden_case)
            for obj in objects or [None]:
                for view, url, target in urls_of(model, obj):
                    response = client.get(url)
                    checked += 1
                    where = f"{role} {view} {url}"
                    body = response.content.decode(errors="replace")
                    if role != "system_admin":
                        for secret in secrets:
                            assert secret not in body, f"{secret} leaks at {where}"
                        if target is not None and response.status_code == 200:
                            assert visible_to(user, target), f"invisible row answers 200 at {where}"
                    if model._meta.app_label in CASE_APPS or model is PermitUse:
                        if role in {"agency_admin", "other_admin", "officer", "analyst"}:
                            assert response.status_code in (302, 403, 404), where
                    if view in {"history", "revert"} and response.status_code == 200 and role != "system_admin":
                        name = model._meta.model_name
                        if name in HISTORY_RULE_MODELS:
                            case = target if isinstance(target, Case) else target.case
                            assert can_view_audit(user, case), where
                        elif name in {"person", "company"}:
                            assert can_view_person_access_log(user, target), where
                        elif model is User:
                            raise AssertionError(f"account history open at {where}")
        # autocompletes that offer case data
        for app_label, model_name, field, term in (("seizures", "caseparty", "person", "Sultanov"),
                                                    ("seizures", "seizeditem", "case", "KG"),
                                                    ("seizures", "attachment", "case", "")):
            response = client.get(reverse("admin:autocomplete"), {
                "app_label": app_label, "model_name": model_name, "field_name": field, "term": term})
            if role != "system_admin":
                body = response.content.decode()
                # (the query itself, "term=Sultanov", may be echoed in the page's language links)
                assert "Secret Sultanov" not in body and world.hidden_case.reference not in body, (role, model_name)
    assert checked > 300


def test_permit_uses_of_invisible_cases_are_hidden(hidden_world, login):
    """Leak 1: /admin/permits/permituse/ listed uses of every case."""
    world = hidden_world
    client = login(world.supervisor)
    page = client.get(reverse("admin:permits_permituse_changelist"))
    assert page.status_code == 200
    assert world.hidden_case.reference not in page.content.decode()
    use = PermitUse.objects.get(reference__startswith=world.hidden_case.reference)
    assert client.get(reverse("admin:permits_permituse_change", args=[use.pk])).status_code in (302, 403, 404)


def test_access_log_names_only_visible_cases(hidden_world, login):
    """Leak 2: the first agency's supervisor saw the other agency's agency-only case reference."""
    world = hidden_world
    client = login(world.supervisor)
    api = client.get(f"/api/v1/persons/{world.person.pk}/access-log/")
    assert api.status_code == 200
    entries = api.json()
    assert any(entry["user"] == world.other_officer.username for entry in entries)
    assert world.hidden_case.reference not in api.content.decode()
    page = client.get(reverse("admin:seizures_personaccesslog_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert world.other_officer.username in html and world.hidden_case.reference not in html
    search = client.get(reverse("admin:seizures_personaccesslog_changelist"), {"q": world.hidden_case.reference})
    assert world.other_officer.username not in search.content.decode()


def test_history_pages_follow_the_api_history_rule(hidden_world, login):
    """Leak 3: case and person history answered 200 to any supervisor or agency administrator."""
    world = hidden_world
    shared = world.shared_case  # visible to our supervisor, but owned by the other agency
    record = shared.history.first()
    other_person = PersonFactory(agency=world.other, full_name="Shared Person")
    add_party(shared, other_person)
    for user in (world.supervisor, world.agency_admin, world.other_admin):
        client = login(user)
        for url in (reverse("admin:seizures_case_history", args=[shared.pk]),
                    reverse("admin:seizures_case_simple_history", args=[shared.pk, record.history_id]),
                    reverse("admin:seizures_person_history", args=[other_person.pk])):
            assert client.get(url).status_code in (302, 403, 404), (user.username, url)
    client = login(world.supervisor)
    own = world.own_case
    assert client.get(reverse("admin:seizures_case_history", args=[own.pk])).status_code == 200
    assert client.get(reverse("admin:seizures_person_history", args=[world.person.pk])).status_code == 200


def test_account_revert_is_for_system_admin_and_keeps_rights(world, superuser, login):
    """Leak 4: reverting an old account row gave back is_staff / is_superuser."""
    former = make_member(world.own, role=Role.SUPERVISOR, username="former_root")
    former.is_staff = former.is_superuser = True
    former.save()
    old = former.history.order_by("-history_id").first()
    former.is_staff = former.is_superuser = False
    former.first_name = "Now"
    former.set_password("a-new-pass-9876")
    former.save()
    url = reverse("admin:auth_user_simple_history", args=[former.pk, old.history_id])
    data = {"username": former.username, "first_name": "Reverted", "last_name": "", "email": "f@example.org",
            "is_staff": "on", "is_superuser": "on", "is_active": "on"}
    client = login(world.agency_admin)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    former.refresh_from_db()
    assert not former.is_staff and not former.is_superuser and former.first_name == "Now"

    client = login(superuser)
    assert client.get(url).status_code == 200
    assert client.post(url, data).status_code == 302
    former.refresh_from_db()
    assert former.first_name == "Reverted"
    assert not former.is_staff and not former.is_superuser
    assert former.check_password("a-new-pass-9876")


def test_agency_admin_reads_no_case_or_person_data(hidden_world, login):
    world = hidden_world
    client = login(world.agency_admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/seizures/" not in index and "/admin/permits/permituse/" not in index
    assert "/admin/auth/user/" in index
    for name in ("case", "person", "personaccesslog", "caseparty", "attachment"):
        assert client.get(reverse(f"admin:seizures_{name}_changelist")).status_code in (302, 403)
