"""Optimistic concurrency through the API: a case's ETag is its version; a stale If-Match answers 412."""
from __future__ import annotations

import threading

import pytest
from django.db import connection

from seizures.models import Case, SeizedItem


def _item_rows(data: dict) -> list[dict]:
    return [{"id": i["id"], "taxon": i["taxon"], "term": i["term"], "quantity": i["quantity"], "unit": i["unit"]}
            for i in data["items"]]


@pytest.mark.django_db
def test_etag_follows_the_version_and_a_stale_write_is_refused(world):
    client = world.client("officer")
    case = world.cases["own"]
    read = client.get(f"/api/v1/cases/{case.pk}/")
    etag = read["ETag"]
    assert etag == f'"{read.json()["version"]}"'
    first = client.patch(f"/api/v1/cases/{case.pk}/", {"description": "first"}, format="json", HTTP_IF_MATCH=etag)
    assert first.status_code == 200, first.content
    assert first["ETag"] != etag and first.json()["version"] == read.json()["version"] + 1
    stale = client.patch(f"/api/v1/cases/{case.pk}/", {"description": "second"}, format="json", HTTP_IF_MATCH=etag)
    assert stale.status_code == 412, stale.content
    assert stale["Content-Type"] == "application/json" and stale["ETag"] == first["ETag"]
    assert stale.json()["version"] == first.json()["version"]
    case.refresh_from_db()
    assert case.description == "first"
    fresh = client.patch(f"/api/v1/cases/{case.pk}/", {"description": "third"}, format="json",
                         HTTP_IF_MATCH=first["ETag"])
    assert fresh.status_code == 200
    assert client.patch(f"/api/v1/cases/{case.pk}/", {"description": "x"}, format="json",
                        HTTP_IF_MATCH='"nonsense"').status_code == 412


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_item_edits_never_drop_an_item(world):
    """Two real PATCHes of the items list from one read, at the same moment: one saves, the other is told."""
    case = world.cases["own"]
    read = world.client("officer").get(f"/api/v1/cases/{case.pk}/")
    rows = _item_rows(read.json())
    barrier = threading.Barrier(2)
    answers: dict[str, object] = {}

    def patch(role: str, quantity: str) -> None:
        client = world.client(role)
        body = {"items": [*rows, {"taxon": world.taxon.pk, "term": "HOR", "quantity": quantity, "unit": "KIL"}]}
        barrier.wait()
        try:
            answers[quantity] = client.patch(f"/api/v1/cases/{case.pk}/", body, format="json",
                                             HTTP_IF_MATCH=read["ETag"])
        finally:
            connection.close()

    threads = [threading.Thread(target=patch, args=a) for a in (("officer", "7"), ("supervisor", "9"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    codes = sorted(a.status_code for a in answers.values())
    assert codes == [200, 412], [a.content for a in answers.values()]
    winner = next(q for q, a in answers.items() if a.status_code == 200)
    stored = SeizedItem.objects.filter(case=case).values_list("quantity", flat=True)
    quantities = sorted(str(q.normalize()) for q in stored)
    assert quantities == sorted(["2.5", winner])
    assert Case.objects.get(pk=case.pk).version == read.json()["version"] + 1
