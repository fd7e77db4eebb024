"""The seizure map: country outlines of the region, seizure locations and route flows, as server-side SVG.

Outlines come from `data/region_map.json` (Natural Earth 1:50m, public domain, via world-atlas
2.0.2; see `data/make_region_map.py`), shipped with the app: no tile server, so the map works on a
closed network. Locations are the posts (or, without a post, the case's own coordinates) of the
filtered visible cases; flows are the legs origin → transit → destination of their routes, one
line per pair of countries, width by the number of cases. A country off the map is drawn at the
map's edge in its direction. Coordinates are written with `charts.coord` (always a decimal point).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from agencies.models import Country
from seizures.models import Case

from .charts import SVG_NS, coord

REGION_MAP = Path(__file__).resolve().parent / "data" / "region_map.json"
WIDTH = 800.0
#: Map scale: SVG units per degree of latitude; longitude is shortened by cos(middle latitude).
LAND, BORDER, HOME = "#eef2ee", "#8a958e", "#dbe8dc"
POINT, FLOW = "#a3262a", "#3a6ea5"


@lru_cache(maxsize=1)
def region() -> dict[str, Any]:
    with REGION_MAP.open(encoding="utf-8") as handle:
        return json.load(handle)


@dataclass(frozen=True)
class Projection:
    lon_min: float
    lat_min: float
    lon_max: float
    lat_max: float

    @property
    def kx(self) -> float:
        return math.cos(math.radians((self.lat_min + self.lat_max) / 2))

    @property
    def scale(self) -> float:
        return WIDTH / ((self.lon_max - self.lon_min) * self.kx)

    @property
    def height(self) -> float:
        return (self.lat_max - self.lat_min) * self.scale

    def xy(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon_min) * self.kx * self.scale, (self.lat_max - lat) * self.scale

    def inside(self, x: float, y: float) -> bool:
        return 0 <= x <= WIDTH and 0 <= y <= self.height

    def towards_edge(self, x: float, y: float, margin: float = 14.0) -> tuple[float, float]:
        """A point off the map moved along the line from the centre to just inside the edge."""
        cx, cy = WIDTH / 2, self.height / 2
        dx, dy = x - cx, y - cy
        t = min((cx - margin) / abs(dx) if dx else math.inf, (cy - margin) / abs(dy) if dy else math.inf)
        return cx + dx * t, cy + dy * t


def projection() -> Projection:
    return Projection(*region()["bbox"])


@dataclass
class Location:
    key: str
    label: str
    lon: float
    lat: float
    cases: int


@dataclass
class Leg:
    source: str
    target: str
    cases: int


@dataclass
class MapResult:
    svg: str
    locations: list[Location] = field(default_factory=list)
    legs: list[Leg] = field(default_factory=list)
    routes: list[dict[str, Any]] = field(default_factory=list)
    without_location: int = 0


def seizure_locations(cases: QuerySet[Case]) -> tuple[list[Location], int]:
    """Cases per post with coordinates (else per the case's own coordinates); and how many have neither."""
    counts: Counter = Counter()
    labels: dict[str, tuple[str, float, float]] = {}
    missing = 0
    rows = cases.values_list("post__code", "post__name", "post__latitude", "post__longitude", "latitude",
                             "longitude", "location_text")
    for code, name, plat, plon, lat, lon, text in rows:
        if code and plat is not None and plon is not None:
            key, label, where = code, name or code, (float(plon), float(plat))
        elif lat is not None and lon is not None:
            where = (float(Decimal(lon).quantize(Decimal("0.01"))), float(Decimal(lat).quantize(Decimal("0.01"))))
            key = f"{where[1]:.2f},{where[0]:.2f}"
            label = text or key
        else:
            missing += 1
            continue
        counts[key] += 1
        labels.setdefault(key, (label, *where))
    locations = [Location(k, labels[k][0], labels[k][1], labels[k][2], n) for k, n in counts.items()]
    return sorted(locations, key=lambda loc: (-loc.cases, loc.label)), missing


def route_chains(cases: QuerySet[Case]) -> list[tuple[str, ...]]:
    """Each case's route as country codes: origin, transits (in the order recorded), destination."""
    transits: dict[int, list[str]] = {}
    through = Case.transit_countries.through.objects.filter(case__in=cases.values("pk")).order_by("pk")
    for case_id, iso2 in through.values_list("case_id", "country__iso2"):
        transits.setdefault(case_id, []).append(iso2)
    chains = []
    for pk, origin, destination in cases.values_list("pk", "origin_country__iso2", "destination_country__iso2"):
        chain = tuple(c for c in (origin, *transits.get(pk, []), destination) if c)
        if len(chain) >= 2:
            chains.append(chain)
    return chains


def country_names(codes: set[str]) -> dict[str, str]:
    return {c.iso2: str(c.name) for c in Country.objects.filter(iso2__in=codes)}


def seizure_map(cases: QuerySet[Case], title: str) -> MapResult:
    cases = cases.filter(is_voided=False)
    locations, missing = seizure_locations(cases)
    chains = route_chains(cases)
    legs_count: Counter = Counter()
    for chain in chains:
        for a, b in set(zip(chain, chain[1:], strict=False)):
            if a != b:
                legs_count[(a, b)] += 1
    codes = {c for chain in chains for c in chain} | {c["iso2"] for c in region()["countries"]}
    names = country_names(codes)
    legs = [Leg(names.get(a, a), names.get(b, b), n) for (a, b), n in legs_count.most_common()]
    routes = [{"route": " → ".join(names.get(c, c) for c in chain), "cases": n}
              for chain, n in Counter(chains).most_common()]
    svg = draw_map(title, locations, legs_count, names)
    return MapResult(svg, locations, legs, routes, missing)


def _ring_path(ring: list[list[float]], proj: Projection) -> str:
    points = [proj.xy(lon, lat) for lon, lat in ring]
    return "M" + "L".join(f"{coord(x)} {coord(y)}" for x, y in points) + "Z"


def draw_map(title: str, locations: list[Location], legs: Counter, names: dict[str, str],
             home: str = "KG") -> str:
    proj = projection()
    anchors = region()["anchors"]
    height = proj.height
    body: list[str] = [
        '<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" '
        'markerWidth="11" markerHeight="11" '
        f'orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="{FLOW}"/></marker></defs>',
        f'<rect x="0" y="0" width="{coord(WIDTH)}" height="{coord(height)}" fill="#f7fafc"/>',
    ]
    labels: list[str] = []
    for country in region()["countries"]:
        fill = HOME if country["iso2"] == home else LAND
        path = "".join(_ring_path(r, proj) for r in country["rings"])
        name = names.get(country["iso2"], country["name"])
        body.append(f'<path d="{path}" fill="{fill}" stroke="{BORDER}" stroke-width="0.8" fill-rule="evenodd">'
                    f'<title>{escape(name)}</title></path>')
        if country["iso2"] in anchors:
            x, y = proj.xy(*anchors[country["iso2"]])
            if proj.inside(x, y):
                labels.append(f'<text x="{coord(x)}" y="{coord(y)}" text-anchor="middle" fill="#3d4a42" '
                              f'font-size="11">{escape(name)}</text>')
    body.extend(labels)
    top = max(legs.values(), default=1)
    for (a, b), n in sorted(legs.items(), key=lambda kv: kv[1]):
        if a not in anchors or b not in anchors:
            continue
        (x1, y1), (x2, y2) = (proj.xy(*anchors[a]), proj.xy(*anchors[b]))
        if not proj.inside(x1, y1):
            x1, y1 = proj.towards_edge(x1, y1)
        if not proj.inside(x2, y2):
            x2, y2 = proj.towards_edge(x2, y2)
        # a gentle curve, bent to the right of the direction of travel, so A→B and B→A do not overlap
        mx, my = (x1 + x2) / 2 + (y2 - y1) * 0.15, (y1 + y2) / 2 - (x2 - x1) * 0.15
        label = f"{names.get(a, a)} → {names.get(b, b)}: {n}"
        body.append(
            f'<path d="M{coord(x1)} {coord(y1)} Q{coord(mx)} {coord(my)} {coord(x2)} {coord(y2)}" fill="none" '
            f'stroke="{FLOW}" stroke-opacity="0.75" stroke-width="{coord(1.5 + 6 * n / top)}" '
            f'marker-end="url(#map-arrow)" class="map-flow" data-from="{escape(a)}" data-to="{escape(b)}">'
            f'<title>{escape(label)}</title></path>'
        )
    most = max((loc.cases for loc in locations), default=1)
    for loc in locations:
        x, y = proj.xy(loc.lon, loc.lat)
        if not proj.inside(x, y):
            continue
        r = 3 + 9 * math.sqrt(loc.cases / most)
        body.append(
            f'<circle cx="{coord(x)}" cy="{coord(y)}" r="{coord(r)}" fill="{POINT}" fill-opacity="0.8" '
            f'stroke="#ffffff" stroke-width="1" class="map-point" data-key="{escape(loc.key)}">'
            f'<title>{escape(loc.label)}: {loc.cases}</title></circle>'
        )
    credit = _("Outlines: Natural Earth (public domain)")
    body.append(f'<text x="{coord(WIDTH - 6)}" y="{coord(height - 6)}" text-anchor="end" fill="#3d4a42" '
                f'font-size="10">{escape(credit)}</text>')
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {coord(WIDTH)} {coord(height)}" width="{coord(WIDTH)}" '
        f'height="{coord(height)}" style="max-width:100%;height:auto" role="img" aria-labelledby="map-title" '
        f'font-family="sans-serif" font-size="12"><title id="map-title">{escape(title)}</title>'
        + "".join(body) + "</svg>"
    )


def map_view(user, params) -> tuple[Any, MapResult]:
    """The statistics filters over the user's visible cases, drawn as the seizure map."""
    from .services import filterset_for

    filterset = filterset_for(user, params)
    cases = filterset.qs if filterset.is_bound and filterset.is_valid() else Case.objects.visible_to(user)
    return filterset, seizure_map(cases, _("Seizure locations and route flows"))
