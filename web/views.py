"""Pages of the web interface that are not about one case: home, language choice, species guide."""
from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case as SqlCase
from django.db.models import IntegerField, Q, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from common.htmx import is_partial
from identification import services as identification_services
from seizures.choices import CaseStatus
from seizures.models import Case
from seizures.permissions import agency_id_of, can_create_case
from species.choices import Rank
from species.filtersets import COMMON_NAME_FIELDS, case_variants, taxon_search_q
from species.models import Taxon

from .services import LANGUAGE_CODES, save_language

SUGGEST_LIMIT = 10


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = Case.objects.visible_to(user).select_related("agency")
    agency_id = agency_id_of(user)
    recent = visible.exclude(status=CaseStatus.DRAFT)
    if agency_id:
        recent = recent.filter(agency_id=agency_id)
    context = {
        "recent_cases": recent.order_by("-occurred_at", "-id")[:10],
        "drafts": visible.filter(status=CaseStatus.DRAFT, recorded_by=user).order_by("-updated_at")[:10],
        "can_create": can_create_case(user),
    }
    return render(request, "web/home.html", context)


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; for a signed-in user it is also saved for their next visits."""
    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or request.META.get("HTTP_REFERER") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    if language in LANGUAGE_CODES:
        save_language(request.user, language)
        translation.activate(language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language,
            max_age=settings.LANGUAGE_COOKIE_AGE, path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN, secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


#: Species and their subspecies and populations are what a seizure records; higher taxa come after them.
_RANK_WEIGHT = SqlCase(
    When(rank__in=[Rank.SPECIES, Rank.SUBSPECIES], then=Value(0)),
    When(rank=Rank.POPULATION, then=Value(1)),
    default=Value(2), output_field=IntegerField(),
)


def _name_q(lookup: str, query: str) -> Q:
    q = Q()
    for variant in case_variants(query):
        for field in ("scientific_name", *COMMON_NAME_FIELDS):
            q |= Q(**{f"{field}__{lookup}": variant})
        q |= Q(**{f"synonyms__name__{lookup}": variant})
    return q


def search_taxa(query: str) -> QuerySet[Taxon]:
    """Active taxa whose scientific name, a synonym or a common name (en/ru/ky) contains `query`, best first.

    Order: a name equal to `query` (any language, any case), then species and subspecies before genus,
    family and other higher taxa, then names that start with `query`, then alphabetically. So "сайгак"
    offers *Saiga tatarica* before the genus *Saiga* that shares the vernacular name.
    """
    query = " ".join((query or "").split())
    active = Taxon.objects.filter(is_active=True)
    if not query:
        return active.none()
    exact = Taxon.objects.filter(_name_q("iexact", query)).values("pk")
    prefix = Taxon.objects.filter(_name_q("istartswith", query)).values("pk")
    return (
        active.filter(pk__in=Taxon.objects.filter(taxon_search_q(query)).values("pk"))
        .annotate(
            exact_rank=SqlCase(When(pk__in=exact, then=Value(0)), default=Value(1), output_field=IntegerField()),
            rank_weight=_RANK_WEIGHT,
            prefix_rank=SqlCase(When(pk__in=prefix, then=Value(0)), default=Value(1), output_field=IntegerField()),
        )
        .order_by("exact_rank", "rank_weight", "prefix_rank", "scientific_name")
    )


@login_required
@require_GET
def species_suggest(request: HttpRequest) -> HttpResponse:
    """Type-ahead for the species field: an HTML fragment of up to ten choices with their CITES appendix."""
    query = request.GET.get("q")
    if query is None:  # the row's own input, whatever its formset prefix
        query = next((v for k, v in request.GET.items() if k.endswith("taxon_label")), "")
    taxa = list(search_taxa(query)[:SUGGEST_LIMIT]) if len(query.strip()) >= 2 else []
    return render(request, "web/includes/species_suggest.html", {"taxa": taxa, "query": query})


@login_required
@require_GET
def species_guide(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    taxa = search_taxa(query) if query else Taxon.objects.filter(is_active=True).exclude(
        cites_appendix="NC", national_status=""
    ).order_by("scientific_name")
    page = Paginator(taxa, 25).get_page(request.GET.get("page"))
    template = "web/includes/species_results.html" if is_partial(request) else "web/species_guide.html"
    response = render(request, template, {"page": page, "query": query})
    patch_vary_headers(response, ["HX-Request"])
    return response


def trade_documents(taxon: Taxon) -> list[dict]:
    """The documents trade in wild specimens of `taxon` needs (commercial export and import, scientific export)."""
    try:
        return identification_services.trade_documents(taxon)
    except Exception:  # noqa: BLE001 - rules need reference data that may be absent (e.g. source codes)
        return []


@login_required
@require_GET
def species_detail(request: HttpRequest, pk: int) -> HttpResponse:
    taxon = get_object_or_404(Taxon.objects.filter(is_active=True), pk=pk)
    notes = taxon.identification_notes.select_related("term")
    names = [
        (code, name, getattr(taxon, f"common_name_{code}", "") or "")
        for code, name in settings.LANGUAGES
    ]
    context = {
        "taxon": taxon,
        "names": names,
        "synonyms": taxon.synonyms.all(),
        "notes": notes,
        "documents": trade_documents(taxon),
        "sheets": identification_services.sheets_for_taxon(taxon),
    }
    return render(request, "web/species_detail.html", context)


FAVICON = Path(__file__).resolve().parent / "static" / "web" / "favicon.ico"


@cache
def _favicon_bytes() -> bytes:
    return FAVICON.read_bytes()


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico, which browsers ask for whatever the page links (the page links the SVG too)."""
    response = HttpResponse(_favicon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response
