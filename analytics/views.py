"""The statistics page for analysts and supervisors: filters, grouping, chart, table, CSV and SVG."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from seizures import permissions
from seizures.views import LIST_FILTERS

from . import services


def _allowed(request: HttpRequest) -> None:
    if not permissions.can_view_statistics(request.user):
        raise PermissionDenied


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    filterset, result = services.statistics_view(request.user, request.GET)
    form = filterset.form
    for name in ("date_from", "date_to"):
        form.fields[name].widget.input_type = "date"
    hidden = {"person", "is_voided", "taxon"}
    query = request.GET.urlencode()
    return render(request, "analytics/statistics.html", {
        "filterset": filterset,
        "main_fields": [form[n] for n in LIST_FILTERS if n in form.fields],
        "more_fields": [form[n] for n in form.fields if n not in LIST_FILTERS and n not in hidden],
        "result": result,
        "groupings": list(services.GROUP_BY_LABELS.items()),
        "measures": list(services.MEASURES.items()),
        "query": query,
    })


@login_required
@require_GET
def statistics_csv(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    _, result = services.statistics_view(request.user, request.GET)
    response = HttpResponse(services.statistics_csv(result), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{result.group_by}.csv"'
    return response


@login_required
@require_GET
def statistics_svg(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    _, result = services.statistics_view(request.user, request.GET)
    response = HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + result.svg,
                            content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{result.group_by}.svg"'
    return response
