"""Which documents a movement of a CITES specimen needs (Convention Arts. III, IV, V and VII).

`required_documents(...)` answers for one movement (from the exporting to the importing country): the CITES
documents, the Art. VII exemptions that may replace them, national requirements configured by the admin,
and a refusal when the Convention does not allow the trade (Appendix I for primarily commercial purposes).
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from agencies.models import Country
from species.choices import Appendix
from species.listings import is_within, listing_on
from species.models import Purpose, Source, Taxon, Term
from species.notes import listing_note

from .choices import Direction, DocumentType, RequirementDirection
from .models import NationalRequirement

# Sources that are wild-taken or not shown to be captive-bred / artificially propagated.
_WILD_OR_UNKNOWN = {"W", "U", "X", "F", "R", "I", ""}


@dataclass
class RequiredDocument:
    code: str  # a DocumentType value, or "national"
    name: str
    article: str = ""
    note: str = ""
    issued_by: str = ""  # ISO code of the country whose authority issues it


@dataclass
class DocumentRequirement:
    appendix: str
    documents: list[RequiredDocument] = field(default_factory=list)
    alternatives: list[RequiredDocument] = field(default_factory=list)
    national: list[RequiredDocument] = field(default_factory=list)
    refused: bool = False
    refusal_reason: str = ""
    notes: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    annotation: str = ""
    origin_needed: bool = False  # populations listed differently, origin unknown: the stricter appendix applies

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self.documents]

    @property
    def all_documents(self) -> list[RequiredDocument]:
        return self.documents + self.national

    def _add(self, code: str, article: str, note: str = "", issued_by: str = "") -> None:
        if code not in self.codes:
            self.documents.append(RequiredDocument(code, str(DocumentType(code).label), article, note, issued_by))
        self._article(article)

    def _alt(self, code: str, article: str, note: str) -> None:
        self.alternatives.append(RequiredDocument(code, str(DocumentType(code).label), article, note))
        self._article(article)

    def _article(self, article: str) -> None:
        if article and article not in self.articles:
            self.articles.append(article)


def _code(value: Any) -> str:
    if value is None:
        return ""
    return (getattr(value, "code", None) or str(value)).strip().upper()


def _iso(value: Country | str | None) -> str:
    if value is None:
        return ""
    return (value.iso2 if isinstance(value, Country) else str(value)).strip().upper()


def required_documents(
    *,
    taxon: Taxon,
    term: Term | str | None = None,
    source: Source | str,
    purpose: Purpose | str,
    direction: str,
    exporting_country: Country | str | None,
    importing_country: Country | str | None,
    origin_country: Country | str | None = None,
    listing_party: str | None = None,
    on_date: datetime.date | None = None,
) -> DocumentRequirement:
    """The documents a movement needs. `direction` is a `Direction` value."""
    listing = listing_on(taxon, on_date, _iso(origin_country) or None)
    result = DocumentRequirement(appendix=listing.appendix, annotation=listing.annotation,
                                 origin_needed=listing.origin_needed)
    if listing.origin_needed:
        # Populations are listed differently and the origin is unknown: the stricter appendix applies.
        result.notes.append(
            _("The populations of this taxon are listed differently (%(listing)s) and the origin is not known: "
              "the documents of Appendix %(appendix)s are required. Confirm the country of origin.")
            % {"listing": listing.summary(), "appendix": listing.appendix}
        )
    source_code, purpose_code = _code(source), _code(purpose)
    exporter, importer = _iso(exporting_country), _iso(importing_country)
    party = (listing_party or listing.party or taxon.cites_listing_party or "").upper()
    direction = Direction(direction)
    origin = _iso(origin_country)
    if direction == Direction.IMPORT and origin and exporter and origin != exporter:
        result.notes.append(_("The specimen originates in another country: the shipment is a re-export."))
        direction = Direction.RE_EXPORT

    _cites(result, listing.appendix, source_code, purpose_code, direction, exporter, importer, party)
    if listing.annotation and listing.appendix != Appendix.NOT_LISTED:
        result.notes.append(
            _("The listing has an annotation (%(annotation)s): check whether this kind of specimen is covered.")
            % {"annotation": listing_note(listing.annotation)[:200]}
        )
    result.national = national_requirements(
        taxon=taxon, term=term, direction=direction, exporting_country=exporter, importing_country=importer
    )
    return result


def _cites(
    result: DocumentRequirement,
    appendix: str,
    source: str,
    purpose: str,
    direction: Direction,
    exporter: str,
    importer: str,
    party: str,
) -> None:
    if appendix == Appendix.NOT_LISTED:
        result.notes.append(_("The taxon is not listed in the CITES Appendices: no CITES document is required."))
        return
    if direction == Direction.TRANSIT:
        result._article("VII(1)")
        result.notes.append(
            _(
                "Transit or trans-shipment under customs control is exempt (Art. VII(1)); the CITES documents "
                "of the exporting and importing countries must accompany the shipment."
            )
        )
        return
    if source == "O":
        result._add(DocumentType.PRE_CONVENTION, "VII(2)", _("Replaces the permits of Arts. III–V."), exporter)
        result.notes.append(
            _("Pre-Convention specimen: the Management Authority must be satisfied it was acquired before the "
              "Convention applied to it (Art. VII(2)).")
        )
        return

    if appendix == Appendix.I and source == "D":
        result.notes.append(
            _("Appendix I specimen bred in captivity or artificially propagated for commercial purposes in a "
              "registered operation (source D): treated as Appendix II (Art. VII(4)).")
        )
        result._article("VII(4)")
        appendix = Appendix.II

    if appendix == Appendix.I:
        if purpose == "T":
            result.refused = True
            if source in _WILD_OR_UNKNOWN:
                result.refusal_reason = _(
                    "Appendix I specimens taken from the wild (or of unknown or non-captive source) may not be "
                    "traded for primarily commercial purposes: an import permit is granted only when the specimen "
                    "is not to be used for primarily commercial purposes (Art. III(3)(c))."
                )
            else:
                result.refusal_reason = _(
                    "Appendix I specimens for commercial purposes must come from an operation registered with the "
                    "Secretariat (source D, Art. VII(4)); otherwise they are treated as Appendix I and an import "
                    "permit for primarily commercial purposes cannot be granted (Art. III(3)(c))."
                )
            result._article("III(3)(c)")
            return
        _appendix_i(result, direction, exporter, importer)
    elif appendix == Appendix.II:
        _appendix_ii(result, direction, exporter)
    elif appendix == Appendix.III:
        _appendix_iii(result, direction, exporter, party)

    if source in ("C", "A") and not (appendix == Appendix.I and purpose == "T"):
        result._alt(
            DocumentType.CAPTIVE_BREEDING,
            "VII(5)",
            _("A certificate of captive breeding or artificial propagation from the exporting Management "
              "Authority is accepted in lieu of the permits above (Art. VII(5))."),
        )
    if purpose == "S":
        result._alt(
            DocumentType.SCIENTIFIC_EXCHANGE,
            "VII(6)",
            _("Non-commercial loans, donations or exchanges between registered scientists or scientific "
              "institutions may travel under a label instead (Art. VII(6))."),
        )
    if purpose == "Q":
        result._alt(
            DocumentType.TRAVELLING_EXHIBITION,
            "VII(7)",
            _("Registered travelling exhibitions (circus, menagerie, plant exhibition) may move without permits "
              "under a travelling-exhibition certificate (Art. VII(7))."),
        )
    if purpose == "P":
        result._article("VII(3)")
        result.notes.append(
            _("Personal or household effects may be exempt (Art. VII(3)), but not Appendix I specimens acquired "
              "outside the owner's country of residence, nor Appendix II specimens taken from the wild abroad "
              "where that country requires an export permit.")
        )


def _appendix_i(result: DocumentRequirement, direction: Direction, exporter: str, importer: str) -> None:
    if direction == Direction.INTRO_SEA:
        result._add(DocumentType.INTRODUCTION_FROM_SEA, "III(5)", issued_by=importer)
        return
    if direction == Direction.RE_EXPORT:
        result._add(DocumentType.RE_EXPORT, "III(4)", issued_by=exporter)
    else:
        result._add(DocumentType.EXPORT, "III(2)", issued_by=exporter)
    result._add(
        DocumentType.IMPORT,
        "III(3)",
        _("Must be granted before the export or re-export document is issued."),
        issued_by=importer,
    )


def _appendix_ii(result: DocumentRequirement, direction: Direction, exporter: str) -> None:
    if direction == Direction.INTRO_SEA:
        result._add(DocumentType.INTRODUCTION_FROM_SEA, "IV(6)")
        return
    if direction == Direction.RE_EXPORT:
        result._add(DocumentType.RE_EXPORT, "IV(5)", issued_by=exporter)
    else:
        result._add(DocumentType.EXPORT, "IV(2)", issued_by=exporter)
    if direction == Direction.IMPORT:
        result._article("IV(4)")
        result.notes.append(_("No CITES import permit is needed for Appendix II (Art. IV(4))."))


def _appendix_iii(result: DocumentRequirement, direction: Direction, exporter: str, party: str) -> None:
    if direction == Direction.INTRO_SEA:
        result.notes.append(_("The Convention sets no document for introduction from the sea of Appendix III species."))
        return
    if direction == Direction.RE_EXPORT:
        result._add(DocumentType.RE_EXPORT, "V(4)", issued_by=exporter)
        return
    if not party:
        result.notes.append(
            _("The Party that listed the species in Appendix III is not known: an export permit is needed if the "
              "export is from that Party, a certificate of origin otherwise.")
        )
    if party and exporter == party:
        result._add(DocumentType.EXPORT, "V(2)", issued_by=exporter)
    else:
        result._add(DocumentType.ORIGIN, "V(3)", issued_by=exporter)
    result._article("V(3)")


def national_requirements(
    *,
    taxon: Taxon,
    term: Term | str | None,
    direction: str,
    exporting_country: Country | str | None,
    importing_country: Country | str | None,
) -> list[RequiredDocument]:
    """Documents required by national rules (admin-configured `NationalRequirement`s) for this movement."""
    direction = Direction(direction)
    exporter, importer = _iso(exporting_country), _iso(importing_country)
    if direction == Direction.IMPORT:
        countries = {importer}
    elif direction in (Direction.EXPORT, Direction.RE_EXPORT):
        countries = {exporter}
    else:
        countries = {exporter, importer}
    countries.discard("")
    term_code = _code(term)
    found = []
    candidates = NationalRequirement.objects.filter(
        is_active=True, country__iso2__in=countries
    ).select_related("country", "taxon", "term")
    for requirement in candidates:
        if requirement.direction not in (RequirementDirection.ANY, direction.value):
            continue
        if requirement.term_id and requirement.term.code != term_code:
            continue
        if not is_within(taxon, requirement.taxon):
            continue
        found.append(
            RequiredDocument(
                "national",
                requirement.document_name,
                note=requirement.description,
                issued_by=requirement.country.iso2,
            )
        )
    return found


def missing_documents(requirement: DocumentRequirement, presented: list[str] | set[str]) -> list[RequiredDocument]:
    """The required documents not among `presented` (DocumentType values; "national" for national ones by name).

    An accepted Art. VII alternative (e.g. a captive-breeding certificate) replaces the CITES documents.
    For use on a seizure item: an empty list means the documents presented meet the requirement.
    """
    presented = {str(code) for code in presented}
    if any(alternative.code in presented for alternative in requirement.alternatives):
        cites_missing: list[RequiredDocument] = []
    else:
        cites_missing = [doc for doc in requirement.documents if doc.code not in presented]
    national_missing = [doc for doc in requirement.national if doc.name not in presented]
    return cites_missing + national_missing
