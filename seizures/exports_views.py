"""Web pages of background exports: start one for the current list, watch its progress, download it."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from common.htmx import is_partial

from . import exports_jobs
from . import permissions as rules
from .models import ExportJob


@login_required
@require_POST
def export_start(request: HttpRequest) -> HttpResponse:
    if not rules.can_export(request.user):
        raise PermissionDenied(_("You may not export case lists."))
    query = QueryDict(request.POST.get("query", ""))
    try:
        job = exports_jobs.start_export(request.user, query, request.POST.get("format", ExportJob.Format.CSV))
    except ValidationError:
        return render(request, "seizures/export_job.html", {"job": None,
                      "error": _("The filter of this list is not valid; correct it and export again.")}, status=400)
    return redirect("seizures:export_job", pk=job.pk)


@login_required
@require_GET
def export_job(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(exports_jobs.jobs_of(request.user), pk=pk)
    template = "seizures/includes/export_job_status.html" if is_partial(request) else "seizures/export_job.html"
    response = render(request, template, {"job": job})
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_GET
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    job = get_object_or_404(exports_jobs.jobs_of(request.user), pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404(_("This export is not ready."))
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=f"cases-{job.pk}.{job.format}")
