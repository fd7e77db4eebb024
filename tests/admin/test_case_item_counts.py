"""The case admin list counts each shown case's items without grouping every visible case."""
import warnings

import pytest
from django.contrib.admin.sites import site
from django.core.paginator import UnorderedObjectListWarning
from django.test import RequestFactory

from seizures.models import Case
from tests.factories import SeizedItemFactory

pytestmark = pytest.mark.django_db


def test_item_counts_are_right_ordered_and_scoped(world, login):
    for _ in range(3):
        SeizedItemFactory(case=world.own_case)
    SeizedItemFactory(case=world.hidden_case)
    request = RequestFactory().get("/admin/seizures/case/")
    request.user = world.supervisor
    queryset = site._registry[Case].get_queryset(request)
    assert queryset.ordered  # the model's ordering survives the count (a GROUP BY would drop it)
    assert queryset.query.group_by is None  # counted per row in a subquery
    counts = dict(queryset.values_list("pk", "item_total"))
    assert counts[world.own_case.pk] == 3 and counts[world.closed_case.pk] == 0
    assert world.hidden_case.pk not in counts
    client = login(world.supervisor)
    with warnings.catch_warnings():
        warnings.simplefilter("error", UnorderedObjectListWarning)
        page = client.get("/admin/seizures/case/?o=-1")  # any column order; pages stay deterministic
    assert page.status_code == 200 and world.own_case.reference in page.content.decode()
