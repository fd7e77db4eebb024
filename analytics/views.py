"""The statistics page for analysts and supervisors: filters, grouping, chart, table, CSV and SVG."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from seizures import permissions
from seizures.filtersets import EXTRA_CASE_FILTERS
from seizures.views import LIST_FILTERS, chosen_taxon_label

from . import itr, linkchart, maps, services
from .models import SavedSearch

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _allowed(request: HttpRequest) -> None:
    if not permissions.can_view_statistics(request.user):
        raise PermissionDenied


@login_required
@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    filterset, result = services.statistics_view(request.user, request.GET)
    return render(request, "analytics/statistics.html", {
        **_filter_context(request, filterset),
        "result": result,
        "groupings": list(services.GROUP_BY_LABELS.items()),
        "measures": list(services.MEASURES.items()),
    })


def _filter_context(request: HttpRequest, filterset) -> dict:
    """The case list's filters as the analysis pages show them (dates first, the rest folded)."""
    form = filterset.form
    for name in ("date_from", "date_to"):
        form.fields[name].widget.input_type = "date"
    hidden = {"person", "is_voided", "taxon"}
    return {
        "filterset": filterset,
        "main_fields": [form[n] for n in ("date_from", "date_to")],
        "more_fields": [form[n] for n in (*LIST_FILTERS, *EXTRA_CASE_FILTERS)
                        if n not in ("date_from", "date_to") and n not in hidden and n in form.fields],
        "taxon_label": chosen_taxon_label(request.GET.get("taxon", "")),
        "query": request.GET.urlencode(),
    }


@login_required
@require_GET
def seizure_map(request: HttpRequest) -> HttpResponse:
    """Seizure locations and route flows on the region's country outlines, with tables."""
    _allowed(request)
    filterset, result = maps.map_view(request.user, request.GET)
    return render(request, "analytics/map.html", {**_filter_context(request, filterset), "result": result})


@login_required
@require_GET
def seizure_map_svg(request: HttpRequest) -> HttpResponse:
    _allowed(request)
    _, result = maps.map_view(request.user, request.GET)
    response = HttpResponse('<?xml version="1.0" encoding="UTF-8"?>\n' + result.svg,
                            content_type="image/svg+xml; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="seizure-map.svg"'
    return response


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


@login_required
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the case list's current filters (its query string, posted as `query`) under a name, for this user."""
    params = QueryDict(request.POST.get("query", ""))
    try:
        search = services.save_search(request.user, request.POST.get("search_name", ""), params)
    except ValidationError as exc:
        for error in exc.messages:
            messages.error(request, error)
        return redirect(reverse("seizures:case_list") + "?" + services.saved_query(params))
    messages.success(request, _("Search “%(name)s” saved.") % {"name": search.name})
    return redirect(reverse("seizures:case_list") + ("?" + search.query if search.query else ""))


@login_required
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)  # another user's search: 404
    search.delete()
    messages.success(request, _("Search “%(name)s” deleted.") % {"name": search.name})
    return redirect("seizures:case_list")


@login_required
@require_GET
def itr_export(request: HttpRequest) -> HttpResponse:
    """The CITES illegal trade report: a year form, or (with ?year=) the Excel workbook of that year."""
    _allowed(request)
    this_year = timezone.localdate().year
    year_text = request.GET.get("year", "")
    if not year_text:
        return render(request, "analytics/itr.html", {"years": range(this_year, this_year - 11, -1),
                                                      "default_year": this_year - 1})
    if not year_text.isdigit() or not 1975 <= int(year_text) <= this_year:
        messages.error(request, _("Choose a calendar year between 1975 and %(year)s.") % {"year": this_year})
        return redirect("analytics:itr")
    year = int(year_text)
    content = itr.itr_workbook(request.user, year, base_url=request.build_absolute_uri("/").rstrip("/"),
                               share_data=request.GET.get("share", "1") != "0")
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="cites-illegal-trade-report-{year}.xlsx"'
    return response


@login_required
@require_GET
def link_chart(request: HttpRequest) -> HttpResponse:
    """Persons, cases, conveyances, documents, phones, routes and flags of the filtered visible cases."""
    _allowed(request)
    filterset, graph = linkchart.seed_graph(request.user, request.GET)
    data = graph.as_dict()
    return render(request, "analytics/link_chart.html", {
        **_filter_context(request, filterset),
        "graph": data,
        "legend": [(kind, label, colour, shape) for kind, (label, colour, shape) in linkchart.NODE_TYPES.items()],
        "flag_statuses": [("none", _("No flag"))] + [(v, label) for v, label in linkchart.FlagStatus.choices],
        "seed_limit": linkchart.SEED_CASES,
        "legend_data": {kind: {"colour": colour, "shape": shape}
                        for kind, (_label, colour, shape) in linkchart.NODE_TYPES.items()},
    })


@login_required
@require_GET
def link_chart_expand(request: HttpRequest) -> JsonResponse:
    """The neighbours of one node (`?node=person:12`), as nodes and edges; nothing for what is hidden."""
    _allowed(request)
    return JsonResponse(linkchart.expand(request.user, request.GET.get("node", "")).as_dict())


EXPORTS = {
    "graphml": ("application/graphml+xml; charset=utf-8", "link-chart.graphml", linkchart.graphml),
    "entities": ("text/csv; charset=utf-8", "link-chart-entities.csv", linkchart.entities_csv),
    "links": ("text/csv; charset=utf-8", "link-chart-links.csv", linkchart.links_csv),
}


@login_required
@require_GET
def link_chart_export(request: HttpRequest, kind: str) -> HttpResponse:
    """The link chart as GraphML, or as i2 Analyst's Notebook entity and link CSV files."""
    _allowed(request)
    if kind not in EXPORTS:
        raise Http404
    content_type, filename, render_graph = EXPORTS[kind]
    _, graph = linkchart.seed_graph(request.user, request.GET)
    response = HttpResponse(render_graph(graph), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
