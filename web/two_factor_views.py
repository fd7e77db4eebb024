"""Two-factor pages: enrol an authenticator (QR code), confirm a sign-in, new recovery codes.

The rules live in agencies.two_factor; these views only show forms and call it.
"""
from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from agencies import two_factor


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("One-time code"), max_length=20,
        help_text=_("The six digits your authenticator app shows, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("web:home")


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app; once enrolled (and verified), make new recovery codes."""
    user = request.user
    if two_factor.is_enrolled(user):
        if not user.is_verified():
            return redirect(f"{reverse('web:two_factor_verify')}?next={_next(request)}")
        codes = None
        if request.method == "POST" and request.POST.get("action") == "codes":
            codes = two_factor.new_recovery_codes(user)
        return render(request, "web/two_factor_status.html", {"codes": codes})
    device = two_factor.start_enrolment(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.confirm_enrolment(request, device, form.cleaned_data["code"])
        if codes is not None:
            return render(request, "web/two_factor_status.html", {"codes": codes, "enrolled": True,
                                                                 "next": _next(request)})
        form.add_error("code", _("This code is not right. Check the time of your phone and try the next code."))
    return render(request, "web/two_factor_setup.html", {
        "form": form, "qr_svg": two_factor.qr_svg(device), "key": two_factor.base32_key(device),
        "next": _next(request), "required": two_factor.required_for(user),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Confirm this sign-in with a code from the authenticator app or a recovery code."""
    if not two_factor.is_enrolled(request.user):
        return redirect(f"{reverse('web:two_factor_setup')}?next={_next(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if two_factor.verify_session(request, form.cleaned_data["code"]):
            return HttpResponseRedirect(_next(request))
        form.add_error("code", _("This code is not right or was already used."))
    return render(request, "web/two_factor_verify.html", {"form": form, "next": _next(request)},
                  status=400 if form.errors else 200)
