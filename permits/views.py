"""Permit pages: check by number, verification code (typed or photo), printable permit, bulk import,
required-documents guide. Thin: they parse input, call services, render."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .forms import ImportForm, PermitCheckForm, RequiredDocumentsForm, VerifyCodeForm
from .importers import COLUMNS, REQUIRED, import_permits
from .models import Permit
from .rules import required_documents
from .services import can_manage_permits, requirements_for_permit, verify_permit
from .signing import check_code, decode_image, qr_svg, short_code, sign_permit


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "permits/index.html", {"can_manage": can_manage_permits(request.user)})


@login_required
def check(request: HttpRequest) -> HttpResponse:
    form = PermitCheckForm(request.GET or None)
    result = requirements = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        country = data["country"].iso2 if data["country"] else None
        result = verify_permit(data["number"], country, stamp=data["stamp"] or None, on_date=data["on_date"])
        if result.permit:
            requirements = requirements_for_permit(result.permit, data["on_date"])
    return render(request, "permits/check.html", {"form": form, "result": result, "requirements": requirements})


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    form = VerifyCodeForm(request.POST or None, request.FILES or None)
    code_check = result = None
    message = ""
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]
        image = form.cleaned_data["image"]
        if image:
            texts = decode_image(image.read())
            if texts:
                code = texts[0]
            elif not code:
                message = _("No QR code was found in the photo. Try again closer, with more light, or type the code.")
        if code:
            code_check = check_code(code)
            if code_check.permit:
                result = verify_permit(code_check.permit.number, code_check.permit.issuing_country.iso2)
    context = {"form": form, "check": code_check, "result": result, "message": message}
    return render(request, "permits/verify.html", context)


@login_required
def permit_print(request: HttpRequest, pk: int) -> HttpResponse:
    permit = get_object_or_404(Permit.objects.select_related("issuing_country", "country_of_export",
                                                             "country_of_import"), pk=pk)
    context = {
        "permit": permit,
        "lines": permit.lines.select_related("taxon", "term", "unit", "source", "purpose"),
        "qr": qr_svg(permit) if permit.signed_payload else "",
        "short_code": short_code(permit) if permit.signed_payload else "",
        "can_manage": can_manage_permits(request.user),
    }
    return render(request, "permits/print.html", context)


@login_required
@require_POST
def permit_sign(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_manage_permits(request.user):
        raise PermissionDenied(_("Only the CITES Management Authority may sign permits."))
    sign_permit(get_object_or_404(Permit, pk=pk))
    return redirect("permits:print", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def bulk_import(request: HttpRequest) -> HttpResponse:
    if not can_manage_permits(request.user):
        raise PermissionDenied(_("Only the CITES Management Authority may import permits."))
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        report = import_permits(form.cleaned_data["file"], user=request.user, dry_run=form.cleaned_data["dry_run"])
    context = {"form": form, "report": report, "columns": COLUMNS, "required": REQUIRED}
    return render(request, "permits/import.html", context)


@login_required
def documents(request: HttpRequest) -> HttpResponse:
    form = RequiredDocumentsForm(request.GET or None)
    requirement = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        requirement = required_documents(
            taxon=data["taxon"], term=data["term"], source=data["source"], purpose=data["purpose"],
            direction=data["direction"], exporting_country=data["exporting_country"],
            importing_country=data["importing_country"], origin_country=data["origin_country"],
            on_date=data["on_date"],
        )
    return render(request, "permits/documents.html", {"form": form, "requirement": requirement})
