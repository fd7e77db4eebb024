"""Identification sheets, the sheet of a taxon (also as a fragment for the case form's dialog), ID practice."""
from __future__ import annotations

import random

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from species.models import Taxon, Term

from . import services
from .sheets import all_sheets, get_sheet


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@login_required
@require_GET
def sheet_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip().lower()
    language = _language()
    sheets = [s for s in all_sheets() if not query or query in s.title_in(language).lower() or query in s.taxon.lower()]
    sheets.sort(key=lambda s: s.title_in(language))
    return render(request, "identification/sheet_list.html", {"sheets": sheets, "query": request.GET.get("q", "")})


@login_required
@require_GET
def sheet_detail(request: HttpRequest, slug: str) -> HttpResponse:
    sheet = get_sheet(slug)
    if sheet is None:
        raise Http404
    fragment = request.GET.get("fragment") == "1"
    context = {"view": services.sheet_view(sheet), "fragment": fragment, "language": _language()}
    template = "identification/includes/sheet.html" if fragment else "identification/sheet_detail.html"
    return render(request, template, context)


@login_required
@require_GET
def taxon_sheets(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheets of one taxon: the case form's item row opens this as a fragment in a dialog."""
    taxon = get_object_or_404(Taxon.objects.filter(is_active=True).select_related("parent"), pk=pk)
    sheets = services.sheets_for_taxon(taxon)
    term = request.GET.get("term", "")
    if term.isdigit():  # the item's kind of specimen first (horns before horn pieces)
        code = Term.objects.filter(pk=int(term)).values_list("code", flat=True).first()
        sheets.sort(key=lambda s: s.term != code)
    fragment = request.GET.get("fragment") == "1"
    context = {
        "taxon": taxon, "views": [services.sheet_view(s) for s in sheets], "fragment": fragment,
        "language": _language(),
    }
    template = "identification/includes/taxon_sheets.html" if fragment else "identification/taxon_sheets.html"
    return render(request, template, context)


def _answers(request: HttpRequest, count: int) -> dict[int, int | None]:
    answers: dict[int, int | None] = {}
    for i in range(count):
        value = request.POST.get(f"q{i}", "")
        answers[i] = int(value) if value.isdigit() else None
    return answers


@login_required
@require_http_methods(["GET", "POST"])
def practice(request: HttpRequest) -> HttpResponse:
    language = _language()
    result = None
    if request.method == "POST":
        seed = int(request.POST.get("seed", "0") or 0) if request.POST.get("seed", "").isdigit() else 0
        questions = services.build_quiz(seed, language)
        result = services.grade(questions, _answers(request, len(questions)))
        services.record_attempt(request.user, result, language)
    else:
        seed = random.SystemRandom().randrange(1, 10**9)
        questions = services.build_quiz(seed, language)
    context = {
        "questions": questions, "seed": seed, "result": result,
        "can_see_scores": services.can_see_scores(request.user),
        "mine": request.user.quiz_attempts.all()[:5],
    }
    return render(request, "identification/practice.html", context)


@login_required
@require_GET
def scores(request: HttpRequest) -> HttpResponse:
    if not services.can_see_scores(request.user):
        raise PermissionDenied
    return render(request, "identification/scores.html", {"rows": services.officer_scores(request.user)})
