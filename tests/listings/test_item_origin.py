"""The specimen's own country of origin on an item: stamping, form, API, admin, case page and documents check.

Canis lupus: Appendix I for the populations of Bhutan, India, Nepal and Pakistan, II for all others
(CITES Appendices; species/data/listings.csv).
"""
import datetime
from decimal import Decimal

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from agencies.choices import Role
from seizures import services
from seizures.forms import ItemForm
from seizures.models import Case, SeizedItem
from seizures.permit_checks import check_item
from species.models import Taxon
from species.reference import load_taxa
from tests.factories import AgencyFactory, CountryFactory, TermFactory, make_member

pytestmark = pytest.mark.django_db
SEIZED = timezone.make_aware(datetime.datetime(2024, 6, 1, 10, 0))


@pytest.fixture
def setup(db):
    load_taxa()
    kg, india = CountryFactory(iso2="KG", iso3="KGZ", name="Kyrgyzstan"), CountryFactory(iso2="IN", iso3="IND")
    ae = CountryFactory(iso2="AE", iso3="ARE")
    officer = make_member(AgencyFactory(code="KG-CUS", country=kg), Role.OFFICER)
    return {"kg": kg, "in": india, "ae": ae, "officer": officer, "skin": TermFactory(code="SKI", name="skins"),
            "wolf": Taxon.objects.get(scientific_name="Canis lupus")}


def _case(setup, origin, item_origins):
    return services.create_case(
        setup["officer"],
        {"occurred_at": SEIZED, "detection_method": "documentary", "transport_mode": "road",
         "origin_country": origin, "destination_country": setup["ae"]},
        items=[{"taxon": setup["wolf"], "term": setup["skin"], "quantity": Decimal("1"), "origin_country": o}
               for o in item_origins],
    )


def test_item_origin_wins_over_the_case_origin(setup):
    case = _case(setup, setup["kg"], [None, setup["in"]])
    stamped = [i.cites_appendix_at_seizure for i in case.items.order_by("pk")]
    assert stamped == ["II", "I"]  # the case's KG, then the item's India


def test_changing_the_item_or_case_origin_restamps(setup):
    case = _case(setup, setup["kg"], [None])
    item = case.items.get()
    services.update_case(setup["officer"], case, {}, items=[
        {"id": item.pk, "taxon": setup["wolf"], "term": setup["skin"], "quantity": Decimal("1"),
         "origin_country": setup["in"]}])
    item.refresh_from_db()
    assert item.cites_appendix_at_seizure == "I"
    services.update_case(setup["officer"], case, {}, items=[
        {"id": item.pk, "taxon": setup["wolf"], "term": setup["skin"], "quantity": Decimal("1"),
         "origin_country": None}])
    item.refresh_from_db()
    assert item.cites_appendix_at_seizure == "II"
    services.update_case(setup["officer"], case, {"origin_country": setup["in"]})
    item.refresh_from_db()
    assert item.cites_appendix_at_seizure == "I"


def test_unknown_origin_shows_both_and_the_check_uses_the_stricter(setup, client):
    case = _case(setup, None, [None])
    item = case.items.select_related("case__origin_country", "origin_country", "taxon", "term").get()
    assert item.cites_appendix_at_seizure == "I"
    check = check_item(item)
    assert check.origin_needed and check.needs_attention
    assert any("Confirm the country of origin" in n for n in check.notes)
    client.force_login(setup["officer"])
    page = client.get(reverse("seizures:case_detail", args=[case.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "I if from" in html and "otherwise II" in html
    assert "data-confirm-origin" in html

    known = _case(setup, setup["kg"], [None])
    known_item = known.items.select_related("case__origin_country", "origin_country", "taxon", "term").get()
    assert not check_item(known_item).origin_needed
    html = client.get(reverse("seizures:case_detail", args=[known.pk])).content.decode()
    assert "data-confirm-origin" not in html and "otherwise II" not in html


def test_item_form_takes_the_country_code(setup):
    form = ItemForm(data={"taxon": setup["wolf"].pk, "term": setup["skin"].pk, "quantity": "2",
                          "origin_country": "in — India", "disposition": "evidence"})
    assert form.is_valid(), form.errors
    assert form.service_row()["origin_country"] == setup["in"]
    assert form.fields["origin_country"].widget.attrs["list"] == "countries-list"
    assert not ItemForm(data={"taxon": setup["wolf"].pk, "term": setup["skin"].pk, "quantity": "2",
                              "origin_country": "XX", "disposition": "evidence"}).is_valid()


def test_api_reads_and_writes_the_item_origin(setup):
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=setup["officer"])
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    body = {"occurred_at": "2024-06-01T08:30:00Z", "detection_method": "documentary", "transport_mode": "road",
            "origin_country": "KG", "destination_country": "AE",
            "items": [{"taxon": setup["wolf"].pk, "term": "SKI", "quantity": "1", "origin_country": "IN"}]}
    response = client.post("/api/v1/cases/", body, format="json")
    assert response.status_code == 201, response.json()
    row = response.json()["items"][0]
    assert row["origin_country"] == "IN" and row["cites_appendix_at_seizure"] == "I"
    assert SeizedItem.objects.get(pk=row["id"]).origin_country == setup["in"]


def test_admin_edits_the_item_origin():
    item_admin = admin.site._registry[SeizedItem]
    assert "origin_country" in item_admin.autocomplete_fields
    inline = next(i for i in admin.site._registry[Case].inlines if i.model is SeizedItem)
    assert "origin_country" in inline.fields and "origin_country" in inline.autocomplete_fields
