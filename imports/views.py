"""The Import page: upload, sheet and column mapping, preview with the report, import, progress, undo."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from seizures import permissions
from seizures.querysets import membership_of

from . import services
from .fields import FIELDS
from .forms import MappingForm, UploadForm
from .models import ImportBatch, MappingTemplate
from .reading import FileReadError, read_table, sheet_names
from .tasks import run_batch

PREVIEW_ROWS = 50


def _agency_or_403(request: HttpRequest):
    membership = membership_of(request.user)
    if membership is None or not permissions.can_import_cases(request.user, membership.agency_id):
        raise PermissionDenied(_("Only supervisors and administrators of an agency may import cases."))
    return membership.agency


def _batch(request: HttpRequest, pk: int) -> ImportBatch:
    agency = _agency_or_403(request)
    return get_object_or_404(ImportBatch.objects.select_related("agency", "created_by"), pk=pk, agency=agency)


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    agency = _agency_or_403(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        try:
            sheets = sheet_names(data)
            read_table(data, sheets[0] if sheets else None)
        except FileReadError as exc:
            form.add_error("file", str(exc))
        else:
            batch = services.create_batch(request.user, agency, data, upload.name, sheet=sheets[0] if sheets else "")
            return redirect("imports:batch", pk=batch.pk)
    batches = ImportBatch.objects.filter(agency=agency).select_related("created_by")[:20]
    return render(request, "imports/start.html", {"form": form, "batches": batches, "agency": agency})


def _read(batch: ImportBatch) -> bytes:
    with batch.file.open("rb") as handle:
        return handle.read()


@login_required
def import_batch(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if batch.status in (ImportBatch.Status.RUNNING, ImportBatch.Status.DONE, ImportBatch.Status.UNDONE):
        return redirect("imports:progress", pk=batch.pk)
    data = _read(batch)
    sheets = sheet_names(data)
    sheet = request.POST.get("sheet") or batch.sheet or (sheets[0] if sheets else "")
    if sheets and sheet not in sheets:
        sheet = sheets[0]
    try:
        table = read_table(data, sheet or None)
    except FileReadError as exc:
        messages.error(request, str(exc))
        return redirect("imports:start")
    templates = MappingTemplate.objects.filter(agency=batch.agency)
    template_id = request.GET.get("template")
    mapping = dict(batch.mapping)
    if template_id:
        template = get_object_or_404(templates, pk=template_id)
        mapping, batch.template = dict(template.mapping), template
    columns = services.resolve_mapping(table.headings, _known_headings(mapping, table.headings) or None)
    initial = {f"map_{name}": str(columns[name]) if name in columns else "" for name in FIELDS}
    initial["sheet"] = sheet
    form = MappingForm(request.POST or None, initial=initial, headings=table.headings, sheets=sheets)
    analysis = None
    if request.method == "POST" and form.is_valid():
        action = request.POST.get("action", "preview")
        batch.sheet = sheet
        batch.mapping = services.mapping_as_headings(
            table, {k: int(v) for k, v in form.mapping().items() if v not in ("", None)})
        batch.mapping.update({k: "" for k, v in form.mapping().items() if v in ("", None)})
        batch.save(update_fields=["sheet", "mapping", "template"])
        if action == "template":
            try:
                services.save_template(request.user, batch.agency, form.cleaned_data["template_name"],
                                       {k: v for k, v in batch.mapping.items() if v})
                messages.success(request, _("The mapping was saved as a template."))
            except ValidationError as exc:
                form.add_error("template_name", exc.messages[0])
        elif action in ("import", "import_valid"):
            batch.skip_invalid = action == "import_valid"
            batch.status = ImportBatch.Status.RUNNING
            batch.save(update_fields=["skip_invalid", "status"])
            try:
                run_batch.delay(batch.pk, language=translation.get_language())
            except Exception:  # broker down: nothing was written, the user may try again
                batch.status = ImportBatch.Status.CHECKED
                batch.save(update_fields=["status"])
                messages.error(request, _("The background service is not available; nothing was imported. "
                                          "Try again in a few minutes."))
                return redirect("imports:batch", pk=batch.pk)
            return redirect("imports:progress", pk=batch.pk)
        try:
            analysis = services.run_import(batch, data, dry_run=True)
        except FileReadError as exc:
            messages.error(request, str(exc))
    elif batch.report:
        analysis = None
    rows = batch.report if analysis is None else analysis.report()
    preview = []
    if analysis is not None:
        for row in analysis.rows[:PREVIEW_ROWS]:
            v = row.values
            preview.append({"row": row, "taxon": v.get("taxon"), "term": v.get("term"), "unit": v.get("unit"),
                            "quantity": v.get("quantity"), "date": v.get("occurred_at"),
                            "person": (v.get("person") or {}).get("full_name", ""),
                            "origin": v.get("origin_country"), "destination": v.get("destination_country")})
    problems = [r for r in rows if r["status"] != services.OK]
    return render(request, "imports/batch.html", {
        "batch": batch, "form": form, "headings": table.headings, "templates": templates, "preview": preview,
        "problems": problems, "checked": analysis is not None,
        "errors": sum(1 for r in rows if r["status"] == services.ERROR),
        "warnings": sum(1 for r in rows if r["status"] == services.WARNING), "total": len(rows),
    })


def _known_headings(mapping: dict, headings: list[str]) -> dict:
    keys = {h.strip().lower() for h in headings}
    return {k: v for k, v in mapping.items() if v == "" or str(v).strip().lower() in keys}


@login_required
def import_progress(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    info = services.progress_of(batch)
    context = {"batch": batch, "info": info, "can_undo": services.can_undo(request.user, batch),
               "problems": [r for r in batch.report if r["status"] != services.OK][:500]}
    if request.headers.get("HX-Request"):
        return render(request, "imports/includes/progress.html", context)
    return render(request, "imports/progress.html", context)


@login_required
def import_report(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    if not batch.report:
        raise Http404
    response = HttpResponse(services.report_csv(batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="import-report-{batch.pk}.csv"'
    return response


@login_required
@require_POST
def import_undo(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _batch(request, pk)
    try:
        count = services.undo_batch(request.user, batch)
        messages.success(request, _("The import was undone: %(n)d cases removed.") % {"n": count})
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("imports:progress", pk=batch.pk)
