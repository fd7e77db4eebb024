"""Generate region_map.json (country outlines of Central Asia) from Natural Earth via world-atlas.

Run once by hand, not at runtime (neither the npm package nor pycountry is a dependency):

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz          # package/countries-50m.json
    pip install --target /tmp/pyc pycountry
    PYTHONPATH=/tmp/pyc python analytics/data/make_region_map.py package/countries-50m.json \
        > analytics/data/region_map.json

world-atlas 2.0.2 (ISC licence, © Michael Bostock) is Natural Earth 1:50m Admin 0 countries (public
domain) as TopoJSON, ids ISO 3166-1 numeric. This script decodes the arcs, keeps the rings that
reach the region's box, clips them to the box with a margin, rounds to 0.01°, and writes one
anchor point per country (the centre of its largest polygon, or of its largest part on the map) for drawing routes.
"""
import json
import sys

import pycountry

#: lon_min, lat_min, lon_max, lat_max of the map (Kyrgyzstan and its neighbours).
BBOX = (46.0, 33.0, 92.0, 53.0)
MARGIN = 2.0


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict, arcs) -> list[list[list[tuple[float, float]]]]:
    if geometry["type"] == "Polygon":
        return [[ring(r, arcs) for r in geometry["arcs"]]]
    if geometry["type"] == "MultiPolygon":
        return [[ring(r, arcs) for r in poly] for poly in geometry["arcs"]]
    return []


def area_centroid(points) -> tuple[float, float, float]:
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(a) < 1e-12:
        return 0.0, points[0][0], points[0][1]
    return abs(a) / 2, cx / (3 * a), cy / (3 * a)


def clip(points, box):
    """Sutherland–Hodgman clip of one ring to an axis-aligned box."""
    x0, y0, x1, y1 = box
    edges = [(lambda p: p[0] >= x0, 0, x0), (lambda p: p[0] <= x1, 0, x1),
             (lambda p: p[1] >= y0, 1, y0), (lambda p: p[1] <= y1, 1, y1)]
    for inside, axis, value in edges:
        out = []
        for i, cur in enumerate(points):
            prev = points[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur, axis, value))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur, axis, value))
        points = out
        if not points:
            break
    return points


def cut(a, b, axis, value):
    t = (value - a[axis]) / (b[axis] - a[axis])
    return (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))


def main(path: str) -> None:
    topo = json.load(open(path, encoding="utf-8"))
    arcs = decode_arcs(topo)
    box = (BBOX[0] - MARGIN, BBOX[1] - MARGIN, BBOX[2] + MARGIN, BBOX[3] + MARGIN)
    countries, anchors = [], {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        country = pycountry.countries.get(numeric=geometry.get("id", ""))
        if country is None:
            continue
        polys = polygons(geometry, arcs)
        if not polys:
            continue
        _area, lon, lat = max(area_centroid(p[0]) for p in polys)
        anchors[country.alpha_2] = [round(lon, 2), round(lat, 2)]
        rings = []
        for poly in polys:
            for r in poly:
                clipped = clip(r, box)
                if len(clipped) >= 3:
                    rings.append([[round(x, 2), round(y, 2)] for x, y in clipped])
        inside = [clip(r, BBOX) for poly in polys for r in poly[:1]]
        inside = [r for r in inside if len(r) >= 3]
        if inside:  # a neighbour: its anchor is the centre of its largest part on the map
            _area, lon, lat = max(area_centroid(r) for r in inside)
            anchors[country.alpha_2] = [round(lon, 2), round(lat, 2)]
        if rings:
            countries.append({"iso2": country.alpha_2, "name": geometry["properties"]["name"], "rings": rings})
    json.dump({
        "source": "Natural Earth 1:50m Admin 0 countries (public domain), via world-atlas 2.0.2 countries-50m.json",
        "bbox": list(BBOX), "countries": sorted(countries, key=lambda c: c["iso2"]), "anchors": anchors,
    }, sys.stdout, ensure_ascii=False, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
