"""Identification sheets joined with the reference data and the rules engine; the ID practice quiz.

The appendix and the documents shown on a sheet are computed here on every request from `permits.rules`
(`required_documents`) and `species.listings` (`listing_on`): a sheet file never holds them.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Max, QuerySet
from django.utils.translation import gettext as _

from agencies.choices import Role
from permits.choices import Direction, DocumentType
from permits.rules import DocumentRequirement, required_documents
from species.listings import listing_on
from species.models import Taxon, Term

from .models import QuizAttempt
from .sheets import Sheet, all_sheets

QUIZ_LENGTH = 8
#: How the quiz asks for documents: a non-commercial import of a wild specimen into Kyrgyzstan.
QUIZ_SCENARIO = {"direction": Direction.IMPORT, "exporter": "KZ", "importer": "KG", "purpose": "P"}


def trade_scenarios() -> list[tuple[str, str, str | None, str | None, str]]:
    """The movements a sheet and the species guide answer for: (title, direction, exporter, importer, purpose)."""
    return [
        (_("Commercial export of wild specimens from Kyrgyzstan"), Direction.EXPORT, "KG", None, "T"),
        (_("Commercial import of wild specimens into Kyrgyzstan"), Direction.IMPORT, None, "KG", "T"),
        (_("Export of wild specimens for scientific purposes"), Direction.EXPORT, "KG", None, "S"),
    ]


def trade_documents(taxon: Taxon, term: Term | str | None = None) -> list[dict[str, Any]]:
    """What the rules engine requires for each movement of `trade_scenarios()` of wild specimens of `taxon`."""
    answers = []
    for title, direction, exporter, importer, purpose in trade_scenarios():
        requirement = required_documents(
            taxon=taxon, term=term, source="W", purpose=purpose, direction=direction,
            exporting_country=exporter, importing_country=importer,
        )
        answers.append({"title": title, "requirement": requirement})
    return answers


def taxon_of(sheet: Sheet) -> Taxon | None:
    return Taxon.objects.filter(scientific_name=sheet.taxon).first()


def sheets_for_taxon(taxon: Taxon) -> list[Sheet]:
    """Sheets of this taxon, else of the species it belongs to (a subspecies uses its species' sheets), else
    of the taxa directly below it (the genus *Saiga* shows the saiga sheets)."""
    names = [taxon.scientific_name]
    if taxon.parent_id:
        names.append(taxon.parent.scientific_name)
    for name in names:
        found = [sheet for sheet in all_sheets() if sheet.taxon == name]
        if found:
            return found
    children = set(Taxon.objects.filter(parent=taxon).values_list("scientific_name", flat=True))
    return [sheet for sheet in all_sheets() if sheet.taxon in children]  # a genus: its species' sheets


def taxon_label(taxon: Taxon | None, name: str, language: str) -> str:
    """Scientific name with the common name of `language` (no fallback to another language)."""
    common = getattr(taxon, f"common_name_{language}", "") if taxon else ""
    return f"{name} — {common}" if common else name


@dataclass
class SheetView:
    sheet: Sheet
    taxon: Taxon | None
    term: Term | None
    appendix: str = ""
    listing_summary: str = ""
    documents: list[dict[str, Any]] = field(default_factory=list)
    look_alikes: list[tuple[str, Taxon | None]] = field(default_factory=list)


def sheet_view(sheet: Sheet) -> SheetView:
    """A sheet with its taxon, term, the appendix in force today and the documents, from the rules engine."""
    taxon = taxon_of(sheet)
    term = Term.objects.filter(code=sheet.term).first()
    view = SheetView(sheet=sheet, taxon=taxon, term=term)
    if taxon is not None:
        listing = listing_on(taxon)
        view.appendix = listing.appendix
        view.listing_summary = listing.summary() if listing.alternatives else ""
        view.documents = trade_documents(taxon, term)
    known = {t.scientific_name: t for t in Taxon.objects.filter(scientific_name__in=sheet.look_alike_taxa)}
    view.look_alikes = [(name, known.get(name)) for name in sheet.look_alike_taxa]
    return view


# --- ID practice ---------------------------------------------------------------------------------------

@dataclass
class Question:
    kind: str  # species, part, appendix, documents
    prompt: str
    clue: str
    options: list[str]
    answer: int
    sheet: Sheet


def _documents_label(requirement: DocumentRequirement) -> str:
    if requirement.refused:
        return _("Not allowed")
    names = [d.name for d in requirement.documents]
    return " + ".join(names) if names else _("No CITES document")


def _quiz_documents(taxon: Taxon) -> str:
    requirement = required_documents(
        taxon=taxon, source="W", purpose=QUIZ_SCENARIO["purpose"], direction=QUIZ_SCENARIO["direction"],
        exporting_country=QUIZ_SCENARIO["exporter"], importing_country=QUIZ_SCENARIO["importer"],
    )
    return _documents_label(requirement)


def _choices(rng: random.Random, right: str, pool: list[str], size: int = 4) -> tuple[list[str], int]:
    others = sorted({p for p in pool if p != right})
    rng.shuffle(others)
    options = [right, *others[: size - 1]]
    rng.shuffle(options)
    return options, options.index(right)


def build_quiz(seed: int, language: str, length: int = QUIZ_LENGTH) -> list[Question]:
    """Questions drawn from the sheets; the same seed and language give the same questions."""
    rng = random.Random(seed)
    sheets = list(all_sheets())
    taxa = {t.scientific_name: t for t in Taxon.objects.filter(scientific_name__in={s.taxon for s in sheets})}
    sheets = [s for s in sheets if s.taxon in taxa]
    if not sheets:
        return []
    terms = {t.code: t.name for t in Term.objects.filter(code__in={s.term for s in sheets})}
    species_pool = sorted({taxon_label(taxa[s.taxon], s.taxon, language) for s in sheets})
    part_pool = sorted({terms.get(s.term, s.term) for s in sheets})
    appendix_pool = ["I", "II", "III", _("Not listed")]
    chosen = rng.sample(sheets, min(length, len(sheets)))
    kinds = ["species", "part", "appendix", "documents"]
    questions = []
    for number, sheet in enumerate(chosen):
        kind = kinds[number % len(kinds)]
        taxon = taxa[sheet.taxon]
        feature = sheet.section("features", language)[0]
        name = taxon_label(taxon, sheet.taxon, language)
        if kind == "species":
            prompt, clue = _("Which species is this?"), feature
            options, answer = _choices(rng, name, species_pool)
        elif kind == "part":
            prompt, clue = _("Which kind of specimen (CITES term) is described?"), feature
            options, answer = _choices(rng, terms.get(sheet.term, sheet.term), part_pool)
        elif kind == "appendix":
            appendix = listing_on(taxon).appendix
            right = _("Not listed") if appendix == "NC" else appendix
            prompt, clue = _("In which CITES appendix is this species today?"), name
            options, answer = appendix_pool, appendix_pool.index(right)
        else:
            right = _quiz_documents(taxon)
            export, permit_in = str(DocumentType.EXPORT.label), str(DocumentType.IMPORT.label)
            pool = [export, f"{export} + {permit_in}", str(DocumentType.ORIGIN.label), _("No CITES document")]
            prompt = _("A traveller brings this from Kazakhstan into Kyrgyzstan as a personal item. "
                       "Which CITES documents are needed?")
            clue = f"{name}: {sheet.title_in(language)}"
            options, answer = _choices(rng, right, pool)
        questions.append(Question(kind, prompt, clue, options, answer, sheet))
    return questions


@dataclass
class QuizResult:
    score: int
    total: int
    marks: list[tuple[Question, int | None, bool]]


def grade(questions: list[Question], answers: dict[int, int | None]) -> QuizResult:
    marks = [(q, answers.get(i), answers.get(i) == q.answer) for i, q in enumerate(questions)]
    return QuizResult(sum(1 for *_, ok in marks if ok), len(questions), marks)


def record_attempt(user: Any, result: QuizResult, language: str) -> QuizAttempt:
    membership = getattr(user, "membership", None)
    return QuizAttempt.objects.create(
        user=user, agency=membership.agency if membership else None, score=result.score, total=result.total,
        language=language,
    )


def can_see_scores(user: Any) -> bool:
    membership = getattr(user, "membership", None)
    return bool(user.is_superuser or (membership and membership.role == Role.SUPERVISOR))


def officer_scores(user: Any) -> QuerySet:
    """Quiz results per person, for a supervisor: the people of their own agency only (all for superusers)."""
    attempts = QuizAttempt.objects.all()
    if not user.is_superuser:
        membership = getattr(user, "membership", None)
        if membership is None or membership.role != Role.SUPERVISOR:
            return attempts.none().values("user")
        attempts = attempts.filter(agency_id=membership.agency_id, user__membership__agency_id=membership.agency_id)
    return (
        attempts.values("user__username", "user__first_name", "user__last_name")
        .annotate(attempts=Count("id"), best=Max("score"), average=Avg("score"), last=Max("created_at"))
        .order_by("user__username")
    )
