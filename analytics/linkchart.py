"""The link chart: cases, persons, conveyances, identity documents, phones, routes and flags as a graph.

Everything starts from cases the user may see (`Case.objects.visible_to`): a graph is built for a
set of visible case ids, and expanding a node means finding the visible cases linked to it (a
person's other cases, the cases of a document, a phone, a vehicle, a route or a flag) and building
their graph. Persons come only through `CaseParty.objects.visible_to`. A flag's cases and persons
the user may not open are never named: they appear as one node per agency, "a record at agency X".

Exports: GraphML (yEd, Gephi, i2) and two CSV files in the layout i2 Analyst's Notebook imports
(an entity file with one row per entity, a link file with one row per link that repeats both ends).
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import F, Func, QuerySet, Value
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intelligence.models import Flag, FlagStatus
from intelligence.services import flag_view
from seizures.models import Case, CaseParty, Conveyance, Person

AnyUser = AbstractBaseUser | AnonymousUser

#: Cases drawn at first (the newest of the filtered ones), and at most added by one expansion.
SEED_CASES = 40
EXPAND_CASES = 25

#: Node types in legend order: label, colour (contrast ≥ 4.5:1 on white for the text), shape.
NODE_TYPES: dict[str, tuple[Any, str, str]] = {
    "case": (gettext_lazy("Case"), "#0b5c3b", "round-rectangle"),
    "person": (gettext_lazy("Person"), "#3a6ea5", "ellipse"),
    "conveyance": (gettext_lazy("Conveyance"), "#8a4f00", "diamond"),
    "document": (gettext_lazy("Identity document"), "#6b3fa0", "rectangle"),
    "phone": (gettext_lazy("Phone"), "#25707a", "triangle"),
    "route": (gettext_lazy("Route"), "#5a5a5a", "hexagon"),
    "flag": (gettext_lazy("Flag"), "#a3262a", "star"),
    "agency": (gettext_lazy("Record at another agency"), "#6e4b3a", "octagon"),
}
LINK_TYPES: dict[str, Any] = {
    "party": gettext_lazy("party to the case"),
    "document": gettext_lazy("holds the document"),
    "phone": gettext_lazy("uses the phone"),
    "conveyance": gettext_lazy("conveyance of the case"),
    "route": gettext_lazy("route of the case"),
    "flag": gettext_lazy("in the flag"),
}


@dataclass
class Graph:
    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, dict[str, Any]] = field(default_factory=dict)

    def node(self, node_id: str, kind: str, label: str, **data: Any) -> str:
        if node_id not in self.nodes:
            self.nodes[node_id] = {"id": node_id, "type": kind, "type_label": str(NODE_TYPES[kind][0]),
                                   "label": label, **data}
        else:
            self.nodes[node_id].update({k: v for k, v in data.items() if v})
        return node_id

    def edge(self, source: str, target: str, kind: str) -> None:
        edge_id = f"{source}|{target}|{kind}"
        self.edges.setdefault(edge_id, {"id": edge_id, "source": source, "target": target, "kind": kind,
                                        "label": str(LINK_TYPES[kind])})

    def merge(self, other: Graph) -> None:
        for node_id, node in other.nodes.items():
            if node_id in self.nodes:
                self.nodes[node_id].update({k: v for k, v in node.items() if v})
            else:
                self.nodes[node_id] = node
        self.edges.update(other.edges)

    def as_dict(self) -> dict[str, Any]:
        edges = [{**e, "source_label": self.nodes[e["source"]]["label"],
                  "target_label": self.nodes[e["target"]]["label"]} for e in self.edges.values()]
        return {"nodes": sorted(self.nodes.values(), key=lambda n: n["id"]),
                "edges": sorted(edges, key=lambda e: e["id"])}


def _route_key(origin: str | None, transits: list[str], destination: str | None) -> str:
    return ">".join([origin or "?", *transits, destination or "?"])


def case_graph(user: AnyUser, case_ids: Iterable[int]) -> Graph:
    """The graph of these cases (only those the user may see) and everything directly linked to them."""
    graph = Graph()
    cases = list(Case.objects.visible_to(user).filter(pk__in=list(case_ids))
                 .select_related("agency", "origin_country", "destination_country")
                 .prefetch_related("transit_countries"))
    ids = [c.pk for c in cases]
    for case in cases:
        cid = graph.node(f"case:{case.pk}", "case", case.reference, agency=case.agency.code,
                         url=reverse("seizures:case_detail", args=[case.pk]))
        transits = [c.iso2 for c in sorted(case.transit_countries.all(), key=lambda c: c.iso2)]
        if case.origin_country_id or case.destination_country_id:
            origin = case.origin_country.iso2 if case.origin_country_id else None
            destination = case.destination_country.iso2 if case.destination_country_id else None
            key = _route_key(origin, transits, destination)
            graph.node(f"route:{key}", "route", key.replace(">", " → "))
            graph.edge(cid, f"route:{key}", "route")
    parties = CaseParty.objects.visible_to(user).filter(case_id__in=ids, person__isnull=False).select_related(
        "person__agency")
    for party in parties:
        person = party.person
        pid = graph.node(f"person:{person.pk}", "person", person.full_name, agency=person.agency.code)
        graph.edge(pid, f"case:{party.case_id}", "party")
        if person.document_key:
            label = f"{person.get_id_document_type_display()} {person.id_document_number}".strip()
            graph.node(f"document:{person.document_key}", "document", label)
            graph.edge(pid, f"document:{person.document_key}", "document")
        phone = _phone_key(person.phone)
        if phone:
            graph.node(f"phone:{phone}", "phone", person.phone)
            graph.edge(pid, f"phone:{phone}", "phone")
    for conveyance in Conveyance.objects.filter(case_id__in=ids).exclude(identifier_normalized=""):
        key = f"conveyance:{conveyance.kind}:{conveyance.identifier_normalized}"
        graph.node(key, "conveyance", f"{conveyance.get_kind_display()} {conveyance.identifier}")
        graph.edge(f"case:{conveyance.case_id}", key, "conveyance")
    flags = Flag.objects.visible_to(user).filter(cases__in=ids).distinct().order_by("pk")
    for flag in flags:
        view = flag_view(user, flag)
        fid = graph.node(f"flag:{flag.pk}", "flag", f"{flag.get_kind_display()} #{flag.pk}",
                         flag_status=flag.status, flag_status_label=str(flag.get_status_display()))
        for case in view.cases:
            if case.pk in ids:
                graph.edge(fid, f"case:{case.pk}", "flag")
        for person in view.persons:
            if f"person:{person.pk}" in graph.nodes:
                graph.edge(fid, f"person:{person.pk}", "flag")
        for counterpart in view.counterparts:
            aid = graph.node(f"agency:{counterpart.agency_code}", "agency",
                             _("A record at agency %(agency)s") % {"agency": counterpart.agency_name},
                             agency=counterpart.agency_code)
            graph.edge(fid, aid, "flag")
    for case_node in (graph.nodes[f"case:{i}"] for i in ids):
        statuses = {graph.nodes[e["source"]]["flag_status"] for e in graph.edges.values()
                    if e["target"] == case_node["id"] and e["kind"] == "flag"}
        case_node["flag_status"] = (FlagStatus.CONFIRMED if FlagStatus.CONFIRMED in statuses else
                                    FlagStatus.OPEN if FlagStatus.OPEN in statuses else
                                    FlagStatus.DISMISSED if statuses else "none")
    return graph


def _phone_key(phone: str) -> str:
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    return digits if len(digits) >= 6 else ""


#: At most this many expanded nodes are replayed into an export.
MAX_EXPANDED = 30


def seed_graph(user: AnyUser, params: QueryDict) -> tuple[Any, Graph]:
    """The statistics filters over the visible cases; the newest SEED_CASES of them, with their links.

    Nodes named in `expand` (repeatable: the ones the user expanded on screen) add their neighbours,
    so an export holds what the screen shows.
    """
    from .services import filterset_for

    filterset = filterset_for(user, params)
    cases = filterset.qs if filterset.is_bound and filterset.is_valid() else Case.objects.visible_to(user)
    ids = list(cases.filter(is_voided=False).order_by("-occurred_at", "-id")
               .values_list("pk", flat=True)[:SEED_CASES])
    graph = case_graph(user, ids)
    for node_id in params.getlist("expand")[:MAX_EXPANDED]:
        graph.merge(expand(user, node_id))
    return filterset, graph


def linked_case_ids(user: AnyUser, node_id: str) -> list[int]:
    """The visible cases linked to one node (a person's cases, a phone's, a route's…); [] if none or hidden."""
    kind, _sep, key = node_id.partition(":")
    visible: QuerySet[Case] = Case.objects.visible_to(user).filter(is_voided=False)
    parties = CaseParty.objects.visible_to(user)
    if kind == "case" and key.isdigit():
        cases = visible.filter(pk=int(key))
    elif kind == "person" and key.isdigit():
        cases = visible.filter(pk__in=parties.filter(person_id=int(key)).values("case_id"))
    elif kind == "document" and key:
        persons = Person.objects.visible_to(user).filter(document_key=key)
        cases = visible.filter(pk__in=parties.filter(person__in=persons).values("case_id"))
    elif kind == "phone" and key:
        digits = Func(F("phone"), Value("[^0-9]"), Value(""), Value("g"), function="regexp_replace")
        persons = Person.objects.visible_to(user).exclude(phone="").annotate(digits=digits).filter(digits=key)
        cases = visible.filter(pk__in=parties.filter(person__in=persons.values("pk")).values("case_id"))
    elif kind == "conveyance" and ":" in key:
        conveyance_kind, identifier = key.split(":", 1)
        cases = visible.filter(pk__in=Conveyance.objects.filter(
            kind=conveyance_kind, identifier_normalized=identifier).values("case_id"))
    elif kind == "flag" and key.isdigit():
        flag = Flag.objects.visible_to(user).filter(pk=int(key)).first()
        cases = visible.filter(pk__in=flag.cases.values("pk")) if flag else visible.none()
    elif kind == "route" and key:
        return _route_cases(visible, key)[:EXPAND_CASES]
    else:
        return []
    return list(cases.order_by("-occurred_at", "-id").values_list("pk", flat=True)[:EXPAND_CASES])


def _route_cases(visible: QuerySet[Case], key: str) -> list[int]:
    parts = key.split(">")
    if len(parts) < 2:
        return []
    origin, destination = parts[0], parts[-1]
    cases = visible.filter(origin_country__iso2=origin) if origin != "?" else visible.filter(
        origin_country__isnull=True)
    cases = cases.filter(destination_country__iso2=destination) if destination != "?" else cases.filter(
        destination_country__isnull=True)
    found = []
    for case in cases.prefetch_related("transit_countries").order_by("-occurred_at", "-id")[:200]:
        transits = sorted(c.iso2 for c in case.transit_countries.all())
        if _route_key(origin if origin != "?" else None, transits,
                      destination if destination != "?" else None) == key:
            found.append(case.pk)
    return found


def expand(user: AnyUser, node_id: str) -> Graph:
    """The node's neighbours: the graph of the visible cases linked to it."""
    return case_graph(user, linked_case_ids(user, node_id))


# --- exports --------------------------------------------------------------------------------------

GRAPHML_KEYS = (("label", "node"), ("type", "node"), ("agency", "node"), ("flag_status", "node"),
                ("kind", "edge"), ("label", "edge"))


def graphml(graph: Graph) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">']
    for name, scope in GRAPHML_KEYS:
        out.append(f'<key id="{scope[0]}_{name}" for="{scope}" attr.name="{name}" attr.type="string"/>')
    out.append('<graph id="link-chart" edgedefault="undirected">')
    for node in graph.as_dict()["nodes"]:
        data = "".join(f'<data key="n_{k}">{escape(str(node.get(k) or ""))}</data>'
                       for k in ("label", "type", "agency", "flag_status"))
        out.append(f"<node id={quoteattr(node['id'])}>{data}</node>")
    for edge in graph.as_dict()["edges"]:
        out.append(f"<edge id={quoteattr(edge['id'])} source={quoteattr(edge['source'])} "
                   f"target={quoteattr(edge['target'])}><data key=\"e_kind\">{escape(edge['kind'])}</data>"
                   f"<data key=\"e_label\">{escape(edge['label'])}</data></edge>")
    out.append("</graph></graphml>")
    return "\n".join(out)


ENTITY_COLUMNS = ("Entity ID", "Entity Type", "Label", "Agency", "Flag Status")
LINK_COLUMNS = ("Link ID", "From Entity ID", "From Entity Type", "From Label", "To Entity ID", "To Entity Type",
                "To Label", "Link Type")


def entities_csv(graph: Graph) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ENTITY_COLUMNS)
    for node in graph.as_dict()["nodes"]:
        writer.writerow([node["id"], node["type_label"], node["label"], node.get("agency", ""),
                         node.get("flag_status_label", "") or node.get("flag_status", "")])
    return out.getvalue()


def links_csv(graph: Graph) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LINK_COLUMNS)
    for edge in graph.as_dict()["edges"]:
        a, b = graph.nodes[edge["source"]], graph.nodes[edge["target"]]
        writer.writerow([edge["id"], a["id"], a["type_label"], a["label"], b["id"], b["type_label"], b["label"],
                         edge["label"]])
    return out.getvalue()
