"""Repeat routes: the corridor signature of a case and what several cases have in common."""
from __future__ import annotations

from dataclasses import dataclass, field

from seizures.models import Case

UNIDENTIFIED = "unidentified"


@dataclass
class RouteSignature:
    origin: str = ""
    destination: str = ""
    transit_countries: set[str] = field(default_factory=set)
    posts: set[str] = field(default_factory=set)
    transport_mode: str = ""
    concealment: str = ""
    taxon_groups: set[str] = field(default_factory=set)

    def corridor_keys(self) -> list[str]:
        """One key per taxon group: origin > destination : group. No key without origin or destination."""
        if not (self.origin or self.destination):
            return []
        return [f"route:{self.origin or '?'}>{self.destination or '?'}:{g}" for g in sorted(self.taxon_groups)]

    def as_dict(self) -> dict:
        return {
            "origin": self.origin, "destination": self.destination,
            "transit_countries": sorted(self.transit_countries), "posts": sorted(self.posts),
            "transport_mode": self.transport_mode, "concealment": self.concealment,
            "taxon_groups": sorted(self.taxon_groups),
        }


def signature_of(case: Case) -> RouteSignature:
    """The route signature of a case (origin, transit, destination, mode, concealment, taxon groups)."""
    posts = {p.code for p in case.transit_posts.all()}
    if case.post_id:
        posts.add(case.post.code)
    groups = set()
    for item in case.items.all():
        groups.add((item.taxon.class_name or item.taxon.order or item.taxon.genus) if item.taxon_id else UNIDENTIFIED)
    return RouteSignature(
        origin=case.origin_country.iso2 if case.origin_country_id else "",
        destination=case.destination_country.iso2 if case.destination_country_id else "",
        transit_countries={c.iso2 for c in case.transit_countries.all()},
        posts=posts,
        transport_mode=case.transport_mode or "",
        concealment=case.concealment or "",
        taxon_groups=groups or {UNIDENTIFIED},
    )


def shared_elements(signatures: list[RouteSignature], group: str) -> dict:
    """What all the given signatures have in common (the corridor, and every other shared element)."""
    first = signatures[0]
    shared: dict = {"origin": first.origin, "destination": first.destination, "taxon_group": group}
    transit = set.intersection(*(s.transit_countries for s in signatures))
    posts = set.intersection(*(s.posts for s in signatures))
    if transit:
        shared["transit_countries"] = sorted(transit)
    if posts:
        shared["posts"] = sorted(posts)
    for attr in ("transport_mode", "concealment"):
        values = {getattr(s, attr) for s in signatures}
        if len(values) == 1 and first.__dict__[attr] not in ("", "unknown", "none"):
            shared[attr] = getattr(first, attr)
    return shared
