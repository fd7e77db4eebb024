"""The link chart: visible cases and their links, hidden records as "a record at agency X", expand, exports."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from analytics import linkchart
from intelligence.models import Flag, FlagKind, FlagStatus
from seizures.models import Conveyance
from tests.factories import PersonFactory, add_party

from .test_statistics import signed_in

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture
def linked(analyst_world):
    w = analyst_world
    first, second, third = w["visible"]
    person = PersonFactory(agency=w["border"], full_name="Асанов Бакыт", id_document_type="passport",
                           id_document_number="AC 7654321", phone="+996 555 123 456")
    add_party(first, person)
    add_party(second, person)
    hidden_person = PersonFactory(agency=w["kz_customs"], full_name="Hidden Person")
    add_party(w["hidden"], hidden_person)
    Conveyance.objects.create(case=third, kind="vehicle", identifier="01 KG 777 AAA")
    flag = Flag.objects.create(kind=FlagKind.PERSON, key="person:test", country=w["kg"], status=FlagStatus.OPEN)
    flag.cases.add(first, w["hidden"])
    flag.persons.add(person, hidden_person)
    return {**w, "person": person, "flag": flag}


def test_graph_of_visible_cases_with_hidden_records_as_agencies(client, linked):
    w = linked
    signed_in(client, w["analyst"])
    response = client.get(reverse("analytics:link_chart"))
    assert response.status_code == 200
    graph = response.context["graph"]
    nodes = {n["id"]: n for n in graph["nodes"]}
    types = {n["type"] for n in nodes.values()}
    assert types == {"case", "person", "document", "phone", "conveyance", "route", "flag", "agency"}
    assert {f"case:{c.pk}" for c in w["visible"]} <= set(nodes)
    assert f"case:{w['hidden'].pk}" not in nodes
    agency = nodes[f"agency:{w['kz_customs'].code}"]
    assert agency["label"] == f"A record at agency {w['kz_customs'].short_name or w['kz_customs'].name}"
    html = response.content.decode()
    assert "Hidden Person" not in html and w["hidden"].reference not in html
    assert nodes[f"case:{w['visible'][0].pk}"]["flag_status"] == "open"
    assert nodes[f"case:{w['visible'][2].pk}"]["flag_status"] == "none"
    edge_ends = {(e["source"], e["target"]) for e in graph["edges"]}
    assert (f"person:{w['person'].pk}", f"case:{w['visible'][1].pk}") in edge_ends
    assert all(s in nodes and t in nodes for s, t in edge_ends)
    assert 'id="link-chart-data"' in html and "cytoscape-3.30.4/cytoscape.min.js" in html
    check_expand(client, w)
    check_exports(client, w, graph)


def check_expand(client, w) -> None:
    """Expanding adds the visible cases linked to the node, and nothing for a hidden or unknown one."""
    url = reverse("analytics:link_chart_expand")
    by_document = client.get(url, {"node": f"document:{w['person'].document_key}"}).json()
    cases = {n["id"] for n in by_document["nodes"] if n["type"] == "case"}
    assert cases == {f"case:{w['visible'][0].pk}", f"case:{w['visible'][1].pk}"}
    by_phone = client.get(url, {"node": "phone:996555123456"}).json()
    assert {n["id"] for n in by_phone["nodes"] if n["type"] == "case"} == cases
    assert client.get(url, {"node": f"case:{w['hidden'].pk}"}).json() == {"nodes": [], "edges": []}
    assert client.get(url, {"node": "nonsense"}).json() == {"nodes": [], "edges": []}
    # only the filtered cases are seeds; expanding the person brings in the second case
    seed = client.get(reverse("analytics:link_chart"), {"destination_country": "KZ"}).context["graph"]
    assert f"case:{w['visible'][0].pk}" not in {n["id"] for n in seed["nodes"]}
    _, graph = linkchart.seed_graph(w["analyst"], _query(destination_country="KZ",
                                                         expand=f"person:{w['person'].pk}"))
    assert f"case:{w['visible'][0].pk}" in graph.nodes


def _query(**params):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in params.items():
        query[key] = value
    return query


def check_exports(client, w, graph) -> None:
    """GraphML and the i2 entity/link CSV files hold the graph on screen; only analysts get them."""
    root = ET.fromstring(client.get(reverse("analytics:link_chart_export", args=["graphml"])).content)
    nodes = root.findall(f"{GRAPHML}graph/{GRAPHML}node")
    edges = root.findall(f"{GRAPHML}graph/{GRAPHML}edge")
    assert (len(nodes), len(edges)) == (len(graph["nodes"]), len(graph["edges"]))
    entities = list(csv.DictReader(io.StringIO(
        client.get(reverse("analytics:link_chart_export", args=["entities"])).content.decode())))
    links = list(csv.DictReader(io.StringIO(
        client.get(reverse("analytics:link_chart_export", args=["links"])).content.decode())))
    assert list(entities[0]) == list(linkchart.ENTITY_COLUMNS) and len(entities) == len(graph["nodes"])
    assert list(links[0]) == list(linkchart.LINK_COLUMNS) and len(links) == len(graph["edges"])
    ids = {e["Entity ID"] for e in entities}
    assert all(row["From Entity ID"] in ids and row["To Entity ID"] in ids for row in links)
    assert "Hidden Person" not in str(entities) + str(links)
    assert client.get(reverse("analytics:link_chart_export", args=["pdf"])).status_code == 404
    client.logout()
    signed_in(client, w["border_officer"])
    assert client.get(reverse("analytics:link_chart")).status_code == 403
