"""Server-side SVG charts of statistics rows: time series, ranked bars and route flows.

Coordinates are written with `coord` (always a decimal point, whatever the language), so the
drawing never breaks in Russian or Kyrgyz; numbers shown as text go through the caller's
`fmt` (formatted for the active language). Text is escaped. One measure per chart (cases, items
or live specimens): quantities of different units are never drawn on one axis.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

SVG_NS = "http://www.w3.org/2000/svg"
COLOURS = ("#0b5c3b", "#3a6ea5", "#8a4f00", "#6b3fa0", "#a3262a", "#25707a")


def coord(value: float) -> str:
    """A coordinate for SVG: decimal point, at most one decimal, never a locale's comma."""
    text = f"{float(value):.1f}"
    return text[:-2] if text.endswith(".0") else text


@dataclass(frozen=True)
class Point:
    label: str
    value: int


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (
        f'<svg xmlns="{SVG_NS}" viewBox="0 0 {coord(width)} {coord(height)}" '
        f'width="{coord(width)}" height="{coord(height)}" class="fluid" '
        f'role="img" aria-labelledby="chart-title" font-family="sans-serif" font-size="12">'
        f'<title id="chart-title">{escape(title)}</title>'
        f'<rect x="0" y="0" width="{coord(width)}" height="{coord(height)}" fill="#ffffff"/>'
        + "".join(body) + "</svg>"
    )


def _nice_max(value: int) -> int:
    if value <= 5:
        return max(value, 1)
    step = 10 ** (len(str(value)) - 1)
    return ((value + step - 1) // step) * step


def ranked_bars(points: Sequence[Point], title: str, fmt: Callable[[int], str], limit: int = 20) -> str:
    """Horizontal bars, largest first (the first `limit`)."""
    points = sorted(points, key=lambda p: (-p.value, p.label))[:limit]
    label_w, bar_w, row_h, top = 220.0, 420.0, 24.0, 10.0
    width, height = label_w + bar_w + 80, top * 2 + row_h * max(len(points), 1)
    top_value = max([p.value for p in points] + [1])
    body: list[str] = []
    for i, p in enumerate(points):
        y = top + i * row_h
        w = bar_w * p.value / top_value
        label = p.label if len(p.label) <= 34 else p.label[:33] + "…"
        body.append(
            f'<text x="{coord(label_w - 6)}" y="{coord(y + 16)}" text-anchor="end" '
            f'fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="{coord(label_w)}" y="{coord(y + 4)}" width="{coord(max(w, 1))}" height="{coord(row_h - 8)}" '
            f'fill="{COLOURS[0]}"><title>{escape(p.label)}: {escape(fmt(p.value))}</title></rect>'
            f'<text x="{coord(label_w + w + 6)}" y="{coord(y + 16)}" fill="#1a1a1a">{escape(fmt(p.value))}</text>'
        )
    return _svg(width, height, title, body)


def time_series(points: Sequence[Point], title: str, fmt: Callable[[int], str]) -> str:
    """Columns per period in time order, with a value axis."""
    left, right, top, bottom = 60.0, 20.0, 20.0, 70.0
    plot_h = 240.0
    n = max(len(points), 1)
    col_w = max(14.0, min(48.0, 720.0 / n))
    width, height = left + right + col_w * n, top + plot_h + bottom
    top_value = _nice_max(max([p.value for p in points] + [1]))
    body: list[str] = []
    for k in range(5):
        v = top_value * k / 4
        y = top + plot_h - plot_h * k / 4
        body.append(
            f'<line x1="{coord(left)}" y1="{coord(y)}" x2="{coord(width - right)}" y2="{coord(y)}" stroke="#d0d5d2"/>'
            f'<text x="{coord(left - 6)}" y="{coord(y + 4)}" text-anchor="end" fill="#1a1a1a">'
            f'{escape(fmt(round(v)))}</text>'
        )
    for i, p in enumerate(points):
        x = left + i * col_w
        h = plot_h * p.value / top_value
        y = top + plot_h - h
        body.append(
            f'<rect x="{coord(x + 2)}" y="{coord(y)}" width="{coord(col_w - 4)}" height="{coord(h)}" '
            f'fill="{COLOURS[1]}">'
            f'<title>{escape(p.label)}: {escape(fmt(p.value))}</title></rect>'
        )
        step = max(1, n // 12)
        if i % step == 0:
            lx, ly = x + col_w / 2, top + plot_h + 12
            body.append(
                f'<text x="{coord(lx)}" y="{coord(ly)}" transform="rotate(45 {coord(lx)} {coord(ly)})" '
                f'fill="#1a1a1a">{escape(p.label)}</text>'
            )
    return _svg(width, height, title, body)


@dataclass(frozen=True)
class Flow:
    source: str
    target: str
    value: int


def route_flows(flows: Sequence[Flow], title: str, fmt: Callable[[int], str], limit: int = 25) -> str:
    """Origins on the left, destinations on the right, one band per route, width by value."""
    flows = sorted(flows, key=lambda f: (-f.value, f.source, f.target))[:limit]
    sources = sorted({f.source for f in flows}, key=lambda s: -sum(f.value for f in flows if f.source == s))
    targets = sorted({f.target for f in flows}, key=lambda t: -sum(f.value for f in flows if f.target == t))
    row_h, top, label_w, gap = 30.0, 20.0, 170.0, 300.0
    height = top * 2 + row_h * max(len(sources), len(targets), 1)
    width = label_w * 2 + gap
    top_value = max([f.value for f in flows] + [1])
    ys = {("s", s): top + (i + 0.5) * row_h for i, s in enumerate(sources)}
    ys.update({("t", t): top + (i + 0.5) * row_h for i, t in enumerate(targets)})
    x1, x2 = label_w, label_w + gap
    body: list[str] = []
    for i, f in enumerate(flows):
        y1, y2 = ys[("s", f.source)], ys[("t", f.target)]
        stroke = 2 + 14 * f.value / top_value
        mid = (x1 + x2) / 2
        body.append(
            f'<path d="M{coord(x1)} {coord(y1)} C{coord(mid)} {coord(y1)} {coord(mid)} {coord(y2)} '
            f'{coord(x2)} {coord(y2)}" '
            f'fill="none" stroke="{COLOURS[i % len(COLOURS)]}" stroke-opacity="0.55" stroke-width="{coord(stroke)}">'
            f'<title>{escape(f.source)} → {escape(f.target)}: {escape(fmt(f.value))}</title></path>'
        )
    for s in sources:
        body.append(f'<text x="{coord(x1 - 6)}" y="{coord(ys[("s", s)] + 4)}" text-anchor="end" '
                    f'fill="#1a1a1a">{escape(s)}</text>')
    for t in targets:
        body.append(f'<text x="{coord(x2 + 6)}" y="{coord(ys[("t", t)] + 4)}" fill="#1a1a1a">{escape(t)}</text>')
    return _svg(width, height, title, body)
