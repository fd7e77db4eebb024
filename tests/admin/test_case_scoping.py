"""Case data in the admin goes through the visibility rule; staff change only what the case rules allow."""
import pytest
from django.urls import reverse

from seizures.models import Case, Person
from tests.factories import PersonFactory, SeizedItemFactory, add_party

pytestmark = pytest.mark.django_db


def change_url(case: Case) -> str:
    return reverse("admin:seizures_case_change", args=[case.pk])


def assert_not_found(response) -> None:
    """Django admin answers a hidden object with a redirect to the index (or 404)."""
    assert response.status_code in (302, 404)
    if response.status_code == 302:
        assert response.url == reverse("admin:index")


def test_supervisor_case_list_shows_only_visible_cases(world, login):
    client = login(world.supervisor)
    html = client.get(reverse("admin:seizures_case_changelist")).content.decode()
    assert world.own_case.reference in html
    assert world.shared_case.reference in html  # national sharing, same country
    assert world.hidden_case.reference not in html  # another agency, not shared


def test_search_does_not_reach_hidden_cases(world, login):
    client = login(world.supervisor)
    url = reverse("admin:seizures_case_changelist")
    assert client.get(url, {"q": world.hidden_case.reference}).context["cl"].result_count == 0
    assert client.get(url, {"q": world.own_case.reference}).context["cl"].result_count == 1


def test_hidden_case_pages_are_not_found(world, login):
    client = login(world.supervisor)
    case = world.hidden_case
    assert_not_found(client.get(change_url(case)))
    assert client.get(reverse("admin:seizures_case_history", args=[case.pk])).status_code == 404
    version = case.history.first().history_id
    url = reverse("admin:seizures_case_simple_history", args=[case.pk, version])
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


def test_supervisor_edits_own_open_case_but_not_others(world, login):
    client = login(world.supervisor)
    own = client.get(change_url(world.own_case)).content.decode()
    assert 'name="_save"' in own
    shared = client.get(change_url(world.shared_case))
    assert shared.status_code == 200 and 'name="_save"' not in shared.content.decode()
    closed = client.get(change_url(world.closed_case))
    assert closed.status_code == 200 and 'name="_save"' not in closed.content.decode()
    assert client.post(change_url(world.shared_case), {"description": "x"}).status_code == 403


def test_history_revert_needs_change_permission(world, login):
    client = login(world.supervisor)
    case = world.closed_case  # own agency (history readable), closed (not changeable)
    version = case.history.first().history_id
    url = reverse("admin:seizures_case_simple_history", args=[case.pk, version])
    assert client.get(url).status_code == 200
    assert client.post(url, {"description": "reverted"}).status_code == 403
    case.refresh_from_db()
    assert case.description != "reverted"


def test_child_lists_and_person_autocomplete_are_scoped(world, login):
    hidden_item = SeizedItemFactory(case=world.hidden_case)
    own_item = SeizedItemFactory(case=world.own_case)
    hidden_person = PersonFactory(agency=world.other, full_name="Hidden Zhumabekov")
    own_person = PersonFactory(agency=world.own, full_name="Visible Zhumabekov")
    add_party(world.hidden_case, hidden_person)
    add_party(world.own_case, own_person)
    client = login(world.supervisor)

    items = client.get(reverse("admin:seizures_seizeditem_changelist")).content.decode()
    assert reverse("admin:seizures_seizeditem_change", args=[own_item.pk]) in items
    assert reverse("admin:seizures_seizeditem_change", args=[hidden_item.pk]) not in items

    persons = client.get(reverse("admin:seizures_person_changelist")).content.decode()
    assert "Visible Zhumabekov" in persons and "Hidden Zhumabekov" not in persons
    assert_not_found(client.get(reverse("admin:seizures_person_change", args=[hidden_person.pk])))

    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "seizures", "model_name": "caseparty", "field_name": "person", "term": "Zhumabekov",
    })
    assert response.status_code == 200
    names = [row["text"] for row in response.json()["results"]]
    assert names == ["Visible Zhumabekov"]


def test_person_view_in_admin_is_logged(world, login):
    person = PersonFactory(agency=world.own, full_name="Logged Person")
    add_party(world.own_case, person)
    client = login(world.supervisor)
    assert client.get(reverse("admin:seizures_person_change", args=[person.pk])).status_code == 200
    assert person.access_log.filter(user=world.supervisor, channel="admin").count() == 1


def test_cases_are_never_deleted(world, superuser, login):
    client = login(superuser)
    response = client.post(reverse("admin:seizures_case_delete", args=[world.own_case.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Case.objects.filter(pk=world.own_case.pk).exists()
    person = PersonFactory(agency=world.own)
    assert client.post(reverse("admin:seizures_person_delete", args=[person.pk]), {"post": "yes"}).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()


def test_superuser_case_gets_recorded_by_and_voiding_goes_through_the_rule(world, superuser, login):
    client = login(superuser)
    case = world.own_case
    page = client.get(change_url(case))
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for name in ("transit_countries", "transit_posts", "shared_with_agencies", "shared_with_countries"):
        data[name] = [str(v) for v in data.get(name) or []]
    data["occurred_at_0"], data["occurred_at_1"] = case.occurred_at.strftime("%Y-%m-%d"), "10:00:00"
    data.pop("occurred_at", None)
    for formset in page.context["inline_admin_formsets"]:
        prefix = formset.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0",
                     f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"})
    data.update({"is_voided": "on", "void_reason": "Entered twice"})
    response = client.post(change_url(case), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    case.refresh_from_db()
    assert case.is_voided and case.void_reason == "Entered twice"
    assert case.voided_by == superuser and case.voided_at is not None


def test_non_staff_members_cannot_enter_the_admin(world, login):
    client = login(world.officer)
    response = client.get(reverse("admin:seizures_case_changelist"))
    assert response.status_code == 302 and "/login/" in response.url
