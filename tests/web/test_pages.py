"""Every page answers for the right roles; hidden cases are 404 everywhere (detail, edit, actions, list, counts)."""
import pytest
from django.urls import reverse

from seizures.choices import CaseStatus, SharingLevel
from tests.factories import CaseFactory, PersonFactory, add_party

pytestmark = pytest.mark.django_db

PAGES = ["/", "/cases/", "/species/", "/account/password/"]


@pytest.mark.parametrize("url", PAGES + ["/cases/new/", "/cases/1/", "/species/suggest/?q=fal"])
def test_anonymous_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_sign_in_page_offers_three_languages(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    html = response.content.decode()
    for code in ("ru", "ky", "en"):
        assert f'<option value="{code}"' in html
    assert 'name="language"' in html


@pytest.mark.parametrize("role", ["officer", "supervisor", "analyst", "border_officer", "kz_officer", "agency_admin"])
@pytest.mark.parametrize("url", PAGES)
def test_common_pages_answer_for_every_role(client, world, role, url):
    client.force_login(world[role])
    assert client.get(url).status_code == 200


def test_species_pages(client, world):
    client.force_login(world["officer"])
    falcon = world["falcon"]
    assert client.get(reverse("web:species_detail", args=[falcon.pk])).status_code == 200
    guide = client.get("/species/?q=балобан").content.decode()
    assert "Falco cherrug" in guide and "Saiga tatarica" not in guide


@pytest.mark.parametrize("query,expected", [
    ("Falco", "Falco cherrug"), ("Ител", "Falco cherrug"), ("snow leop", "Panthera uncia"), ("сайга", "Saiga tatarica"),
])
def test_species_type_ahead_by_any_name_shows_appendix(client, world, query, expected):
    client.force_login(world["officer"])
    html = client.get("/species/suggest/", {"q": query}).content.decode()
    assert expected in html
    assert "Appendix" in html or "Приложение" in html or "тиркеме" in html.lower()


def test_type_ahead_reads_the_row_field_name(client, world):
    client.force_login(world["officer"])
    html = client.get("/species/suggest/", {"items-3-taxon_label": "uncia"}).content.decode()
    assert f'data-taxon="{world["snow"].pk}"' in html


@pytest.mark.parametrize("role,status", [
    ("officer", 200), ("supervisor", 200), ("analyst", 403), ("agency_admin", 403),
])
def test_new_seizure_page_by_role(client, world, role, status):
    client.force_login(world[role])
    assert client.get("/cases/new/").status_code == status


def _case_urls(case):
    return [f"/cases/{case.pk}/", f"/cases/{case.pk}/edit/"]


@pytest.mark.parametrize("role", ["border_officer", "kz_officer"])
def test_agency_only_case_is_404_for_other_agencies(client, world, customs_case, role):
    client.force_login(world[role])
    for url in _case_urls(customs_case):
        assert client.get(url).status_code == 404, url
    for action in ("close", "reopen", "void", "sharing"):
        response = client.post(f"/cases/{customs_case.pk}/{action}/", {"reason": "x", "confirm": "on",
                                                                        "sharing_level": "national"})
        assert response.status_code == 404, action
    listing = client.get("/cases/", {"q": customs_case.reference})
    assert listing.context["page"].paginator.count == 0
    assert f'href="/cases/{customs_case.pk}/"' not in listing.content.decode()
    assert client.get("/cases/").context["page"].paginator.count == 0


def test_hidden_case_is_not_found_by_suspect_name_and_not_counted(client, world):
    hidden = CaseFactory(agency=world["customs"], sharing_level=SharingLevel.AGENCY)
    add_party(hidden, PersonFactory(agency=world["customs"], full_name="Токтогулов Бакыт"))
    client.force_login(world["kz_officer"])
    response = client.get("/cases/", {"q": "Toktogulov"})
    assert response.context["page"].paginator.count == 0
    assert f'href="/cases/{hidden.pk}/"' not in response.content.decode()
    client.force_login(world["officer"])
    response = client.get("/cases/", {"q": "Toktogulov"})
    assert response.context["page"].paginator.count == 1


def test_analyst_of_the_country_reads_an_agency_only_case_but_cannot_change_it(client, world, customs_case):
    client.force_login(world["analyst"])
    html = client.get(f"/cases/{customs_case.pk}/").content.decode()
    assert customs_case.reference in html
    assert f"/cases/{customs_case.pk}/edit/" not in html
    assert client.get(f"/cases/{customs_case.pk}/edit/").status_code == 403
    assert client.post(f"/cases/{customs_case.pk}/close/", {"confirm": "on"}).status_code == 403


def test_national_case_visible_to_analyst_of_another_agency(client, world):
    case = CaseFactory(agency=world["customs"], sharing_level=SharingLevel.NATIONAL)
    client.force_login(world["analyst"])
    assert client.get(f"/cases/{case.pk}/").status_code == 200
    assert client.get(f"/cases/{case.pk}/edit/").status_code == 403


def test_draft_of_another_agency_is_hidden(client, world):
    draft = CaseFactory(agency=world["customs"], status=CaseStatus.DRAFT, sharing_level=SharingLevel.NATIONAL)
    client.force_login(world["analyst"])
    assert client.get(f"/cases/{draft.pk}/").status_code == 404


def test_home_lists_my_drafts_and_my_agency_cases_only(client, world):
    mine = CaseFactory(agency=world["customs"], recorded_by=world["officer"], status=CaseStatus.DRAFT)
    ours = CaseFactory(agency=world["customs"], sharing_level=SharingLevel.NATIONAL)
    theirs = CaseFactory(agency=world["border"], sharing_level=SharingLevel.NATIONAL)
    client.force_login(world["officer"])
    response = client.get("/")
    assert list(response.context["drafts"]) == [mine]
    assert list(response.context["recent_cases"]) == [ours]
    assert theirs.reference not in response.content.decode()


def test_case_list_filters_sorts_and_paginates(client, world):
    for _ in range(27):
        CaseFactory(agency=world["customs"])
    CaseFactory(agency=world["customs"], status=CaseStatus.CLOSED)
    client.force_login(world["officer"])
    response = client.get("/cases/")
    assert response.context["page"].paginator.count == 28
    assert len(response.context["page"].object_list) == 25
    assert client.get("/cases/", {"page": 2}).status_code == 200
    closed = client.get("/cases/", {"status": "closed"})
    assert closed.context["page"].paginator.count == 1
    ordered = client.get("/cases/", {"ordering": "reference"}).context["page"].object_list
    references = [c.reference for c in ordered]
    assert references == sorted(references)


def test_case_list_partial_for_htmx(client, world, customs_case):
    client.force_login(world["officer"])
    response = client.get("/cases/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert customs_case.reference in html
    assert "<html" not in html


def test_menu_links_agency_admins_to_accounts(client, world):
    client.force_login(world["agency_admin"])
    assert reverse("admin:auth_user_changelist") in client.get("/").content.decode()
    client.force_login(world["officer"])
    assert reverse("admin:auth_user_changelist") not in client.get("/").content.decode()


@pytest.mark.parametrize("role,shown", [("analyst", True), ("supervisor", True), ("officer", False)])
def test_export_links_carry_the_current_filter(client, world, role, shown):
    client.force_login(world[role])
    html = client.get("/cases/", {"status": "open", "page": "1"}).content.decode()
    assert ('action="/cases/exports/"' in html) is shown
    if shown:  # (the saved-search form carries the filter for every role too)
        assert 'name="query" value="status=open&amp;page=1"' in html


def test_export_of_the_filter_excludes_hidden_cases(client, world):
    visible = CaseFactory(agency=world["border"], sharing_level=SharingLevel.AGENCY)
    hidden = CaseFactory(agency=world["customs"], status=CaseStatus.DRAFT)
    client.force_login(world["analyst"])
    response = client.get("/api/v1/cases/export/csv/", {"ordering": "reference"})
    assert response.status_code == 200, response.content[:500]
    csv = b"".join(response.streaming_content)
    assert visible.reference.encode() in csv
    assert hidden.reference.encode() not in csv


def test_species_guide_shows_names_appendix_notes_and_trade_documents(client, world):
    from species.models import IdentificationNote

    IdentificationNote.objects.create(taxon=world["snow"], term=world["liv"], title="Spotted coat",
                                      text="Grey rosettes, very long thick tail.")
    client.force_login(world["officer"])
    response = client.get(reverse("web:species_detail", args=[world["snow"].pk]))
    html = response.content.decode()
    for text in ("Panthera uncia", "Снежный барс", "Илбирс", "Snow leopard", "Spotted coat", "thick tail"):
        assert text in html
    documents = response.context["documents"]
    assert len(documents) == 3, "the trade rules answered nothing"
    assert documents[0]["requirement"].refused  # Appendix I: no commercial trade in wild specimens
    assert documents[0]["requirement"].refusal_reason in html
    assert "export" in {d.code for d in documents[2]["requirement"].documents}  # scientific export: a permit
    assert "app-I" in html
    falcon = client.get(reverse("web:species_detail", args=[world["falcon"].pk])).context["documents"]
    assert "export" in {d.code for d in falcon[0]["requirement"].documents}  # Appendix II: export permit


def test_hidden_species_answers_404(client, world):
    world["snow"].is_active = False
    world["snow"].save()
    client.force_login(world["officer"])
    assert client.get(reverse("web:species_detail", args=[world["snow"].pk])).status_code == 404
