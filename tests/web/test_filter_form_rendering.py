"""The case list's filter form with the fast select widgets: the same HTML as Django's own."""
import pytest

from common.widgets import FastSelectMultiple
from seizures.filtersets import CaseFilterSet
from seizures.models import Case

pytestmark = pytest.mark.django_db


def test_the_case_list_filter_form_renders_as_with_django_widgets(client, world):
    client.force_login(world["officer"])
    query = {"origin_country": "KG"}
    response = client.get("/cases/", query)
    assert response.status_code == 200
    form = response.context["filterset"].form
    assert type(form.fields["origin_country"].widget) is FastSelectMultiple
    plain = CaseFilterSet(response.wsgi_request.GET, queryset=Case.objects.all(), request=response.wsgi_request).form
    assert plain.is_valid(), plain.errors
    for name in ("origin_country", "post", "agency", "status", "destination_country"):
        assert str(form[name]) == str(plain[name]), name
    assert 'value="KG" selected' in str(form["origin_country"])
