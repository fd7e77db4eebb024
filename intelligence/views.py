"""Intelligence pages: flags, one flag, the alert inbox, the network view. Thin: services decide."""
from __future__ import annotations

import math

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import explain, services
from .models import Alert, Flag, FlagKind, FlagStatus


def _filtered_flags(request: HttpRequest):
    flags = Flag.objects.visible_to(request.user)
    kind, status = request.GET.get("kind", ""), request.GET.get("status", "")
    if kind in FlagKind.values:
        flags = flags.filter(kind=kind)
    if status in FlagStatus.values:
        flags = flags.filter(status=status)
    return flags, kind, status


@login_required
def flag_list(request: HttpRequest) -> HttpResponse:
    flags, kind, status = _filtered_flags(request)
    page = Paginator(flags, 25).get_page(request.GET.get("page"))
    views = [services.flag_view(request.user, f) for f in page.object_list]
    return render(request, "intelligence/flag_list.html", {
        "page": page, "views": views, "kind": kind, "status": status,
        "kinds": FlagKind.choices, "statuses": FlagStatus.choices,
    })


@login_required
def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(Flag.objects.visible_to(request.user), pk=pk)
    return render(request, "intelligence/flag_detail.html", {
        "view": services.flag_view(request.user, flag),
        "can_review": services.can_review(request.user),
        "statuses": FlagStatus,
    })


@login_required
@require_POST
def flag_review(request: HttpRequest, pk: int) -> HttpResponse:
    flag = get_object_or_404(Flag.objects.visible_to(request.user), pk=pk)
    try:
        services.review_flag(request.user, flag, request.POST.get("status", ""), request.POST.get("reason", ""))
    except PermissionDenied:
        raise
    except ValidationError as exc:
        for errors in exc.message_dict.values():
            for error in errors:
                messages.error(request, error)
    else:
        messages.success(request, _("The flag is now: %(status)s.") % {"status": flag.get_status_display()})
    return redirect("intelligence:flag_detail", pk=flag.pk)


@login_required
def alert_list(request: HttpRequest) -> HttpResponse:
    alerts = services.open_alerts_for(request.user, limit=100)
    return render(request, "intelligence/alert_list.html", {"alerts": alerts})


@login_required
@require_POST
def alert_read(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert.objects.visible_to(request.user), pk=pk)
    services.mark_read(request.user, alert)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return redirect(next_url)
    return redirect("intelligence:alerts")


def _svg_number(value: float) -> str:
    """A coordinate for SVG: always a decimal point, whatever the page's language."""
    return f"{value:.1f}"


def _layout(network: dict) -> dict:
    """Nodes on a circle (persons, cases, routes, agencies grouped), for a plain SVG drawing.

    Coordinates are strings with a decimal point (never localised); a margin keeps labels inside.
    """
    nodes = network["nodes"]
    size = min(max(640, 14 * len(nodes)), 1600)
    margin = 120
    order = {"route": 0, "case": 1, "person": 2, "agency": 3}
    nodes = sorted(nodes, key=lambda n: (order.get(n["type"], 9), n["id"]))
    r, c = size * 0.4, size / 2 + margin
    positions = {}
    for i, node in enumerate(nodes):
        angle = 2 * math.pi * i / max(len(nodes), 1)
        x, y = c + r * math.cos(angle), c + r * math.sin(angle)
        positions[node["id"]] = (_svg_number(x), _svg_number(y))
        node["x"], node["y"] = positions[node["id"]]
        node["label_y"] = _svg_number(y - 12)
        node["type_label"] = explain.NODE_TYPE_LABELS.get(node["type"], node["type"])
    edges = [{**e, "x1": positions[e["source"]][0], "y1": positions[e["source"]][1],
              "x2": positions[e["target"]][0], "y2": positions[e["target"]][1]}
             for e in network["edges"] if e["source"] in positions and e["target"] in positions]
    return {"nodes": nodes, "edges": edges, "size": _svg_number(size + 2 * margin), "labels": len(nodes) <= 40,
            "legend": [(t, explain.NODE_TYPE_LABELS[t]) for t in ("person", "case", "route", "agency")]}


@login_required
def network(request: HttpRequest) -> HttpResponse:
    flags, kind, status = _filtered_flags(request)
    flag_id = request.GET.get("flag")
    if flag_id and flag_id.isdigit():
        flags = flags.filter(pk=int(flag_id))
    graph = services.network_for(request.user, flags.exclude(status=FlagStatus.DISMISSED)[:100])
    return render(request, "intelligence/network.html", {"graph": _layout(graph), "network": graph})
