"""The web case list pages past its counted pages by keyset: every case once, in order, at a constant cost."""
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from seizures import views
from seizures.models import Case
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def _next_link(html: str) -> str | None:
    marker = 'rel="next" href="?'
    if marker not in html:
        return None
    return html.split(marker, 1)[1].split('"', 1)[0].replace("&amp;", "&")


def test_keyset_pages_walk_the_whole_list(client, world, monkeypatch):
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "LIST_COUNT_CAP", 3)
    same_time = timezone.now() - datetime.timedelta(days=2)
    for n in range(9):  # ties on the date are broken by id
        CaseFactory(agency=world["customs"], recorded_by=world["officer"],
                    occurred_at=same_time if n % 3 == 0 else same_time - datetime.timedelta(hours=n))
    client.force_login(world["supervisor"])
    url = reverse("seizures:case_list")
    expected = list(Case.objects.visible_to(world["supervisor"]).order_by("-occurred_at", "-id")
                    .values_list("reference", flat=True))
    seen = [ref for ref in expected if ref in client.get(f"{url}?page=1").content.decode()]
    query, costs = "page=2", []  # the last counted page (cap 3, 2 a page) links on by keyset
    while query is not None:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(f"{url}?{query}").content.decode()
        costs.append(len(queries))
        seen += [ref for ref in expected if ref in html]
        query = _next_link(html)
        assert len(costs) < 10
    assert seen == expected and len(costs) >= 3
    assert len(set(costs[1:])) == 1  # every keyset page costs the same queries, whatever its depth
    assert client.get(f"{url}?after=not-a-cursor").status_code == 200  # a bad cursor starts at the top
