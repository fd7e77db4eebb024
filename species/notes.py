"""Listing notes in the page's language.

The reference data keep the CITES wording of a taxon's annotation in English ("Covered by Falconiformes spp.
(II); F. peregrinus is in Appendix I."). These notes are built again here from translated templates and the
taxon names they carry, clause by clause, so the Russian and Kyrgyz interfaces show no English words of them:

- a head: "Covered by <taxon> (<appendix>)", "Included in <taxon> (<appendix>)", the higher-taxon entry
  "<taxon> spp.: Appendix <appendix>" or its listing change "<taxon> spp. included in Appendix <appendix>";
- then clauses, separated by ";" or a new sentence: "<taxa> is/are in Appendix I", "except the species in
  Appendix I", "annotation 14", "<taxa> is not included in the Appendices" and a few fixed phrases.

Scientific names, appendix numerals and CoP numbers are kept as written. A clause no template knows is kept
in English; `untranslated_parts` lists such clauses so that a data test can catch a new wording.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

_HEAD_COVERED = re.compile(
    r"^(?P<verb>Covered by|Included in) (?P<taxon>.+?) \((?P<appendix>I{1,3})\)(?P<rest>.*)$", re.S
)
_HEAD_INCLUDED = re.compile(
    r"^(?P<taxon>[A-Z][a-z]+ spp\.) included in Appendix (?P<appendix>I{1,3})(?P<rest>.*)$", re.S
)
_HEAD_ENTRY = re.compile(r"^(?P<taxon>[A-Z][a-z]+ spp\.):? (?:Appendix )?(?P<appendix>I{1,3})\b(?P<rest>.*)$", re.S)
# Clauses end at ";", at a new sentence (a capitalised word after ". ", which an abbreviated genus such as
# "U. arctos" never is) and before "except" and ", annotation".
_SPLIT = re.compile(r"\s*;\s*|\.\s+(?=[A-Z][a-z])|,\s+(?=annotation\b)|\s+(?=except\b)")
_APPENDIX = r"(?P<appendix>I{1,3})"
_TAXON = r"(?P<taxon>[A-Z][a-z]+(?: [a-z.-]+)*)"

# Phrases that carry no name: the English text is the msgid, translated when the note is built.
_PHRASES = frozenset((
    gettext_noop("specimens of the domesticated form are not subject to the Convention"),
    gettext_noop("hunting trophies need a CITES export permit"),
    gettext_noop("for the populations of Afghanistan, Bhutan, India, Myanmar, Nepal and Pakistan"),
    gettext_noop("zero export quota for wild specimens traded for primarily commercial purposes"),
    gettext_noop("source of tortoiseshell (bekko)"),
    gettext_noop("Fossils are not subject to the Convention"),
    gettext_noop("coral sand and fragments of dead coral as defined in the annotation are not subject to the "
                 "provisions"),
    gettext_noop("tubers traded as salep"),
    gettext_noop("many artificially propagated hybrids and products are exempt"),
    gettext_noop("finished products up to 10 kg per shipment and musical instruments are exempt, among others"),
    gettext_noop("all eight pangolin species, transferred from Appendix II at CoP17"),
    gettext_noop("before the transfer"),
    gettext_noop("some subspecies"),
    gettext_noop("Seychelles"),
    gettext_noop("fossils are not subject to the Convention"),
    gettext_noop("zero quota for wild specimens traded for commercial purposes for several species"),
    gettext_noop("artificially propagated cultivars of Cyclamen persicum are exempt (see the annotation)"),
    gettext_noop("formerly in Uromastyx spp."),
    gettext_noop("the subspecies P. m. molurus is in Appendix I"),
    gettext_noop("several species and populations are in Appendix I"),
    gettext_noop("some species and populations are in Appendix I"),
))
_CODE = re.compile(r"^\(?(?:CoP\d+|I{1,3})\)?$")  # "(CoP19)", "(II)": no words to translate


# Clauses that continue the head's sentence ("Appendix II, except ...", "Appendix I for the populations of ...",
# "Appendix II (CoP19)") and what joins them to it.
_JOINS_HEAD = {"except": ", ", "for the populations": " ", "(": " "}


def _join(text: str) -> str:
    return next((glue for start, glue in _JOINS_HEAD.items() if text.startswith(start)), "")


@dataclass(frozen=True)
class _Part:
    text: str
    translated: bool
    join: str = ""  # set when the clause continues the head's sentence


def _items(text: str) -> list[str]:
    """Top-level items of a list of names ("A. b, C. d (some subspecies) and E. f")."""
    items, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0 and text.startswith(", ", i):
            items.append(text[start:i])
            start = i = i + 2
            continue
        if depth == 0 and text.startswith(" and ", i):
            items.append(text[start:i])
            start = i = i + 5
            continue
        i += 1
    items.append(text[start:])
    return [item.strip() for item in items if item.strip()]


_ENGLISH = re.compile(r"\b(?:the|of|in|is|are|and|some|species|populations?)\b")
_QUALIFIED = re.compile(r"^(?P<name>[^()]+?) \((?P<qualifier>[^()]+)\)$")
_SOME_POPULATIONS = re.compile(r"^some populations and (?P<taxa>.+)$")


def _qualifier(text: str) -> tuple[str, bool]:
    if _CODE.match(text):
        return text, True
    if text in _PHRASES:
        return _(text), True
    match = _SOME_POPULATIONS.match(text)
    if match:
        taxa, ok = _names(match["taxa"])
        return _("some populations and %(taxa)s") % {"taxa": taxa}, ok
    return text, False


def _names(text: str) -> tuple[str, bool]:
    """A list of scientific names, its conjunction and qualifiers in the active language."""
    items, ok = [], True
    for item in _items(text):
        match = _QUALIFIED.match(item)
        name = match["name"] if match else item
        ok &= not _ENGLISH.search(name)
        if match:
            qualifier, known = _qualifier(match["qualifier"])
            ok &= known
            item = f"{name} ({qualifier})"
        items.append(item)
    if len(items) < 2 or " and " not in text:
        return ", ".join(items), ok
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}, ok


_EXCEPT = re.compile(rf"^except the (?P<what>species|subspecies|species and populations) in Appendix {_APPENDIX}"
                     r"(?P<more>.*)$")
_EXCEPT_BOTH = re.compile(r"^except the species in Appendices I and III$")


def _except(match: re.Match) -> tuple[str, bool]:
    templates = {
        "species": _("except the species in Appendix %(appendix)s"),
        "subspecies": _("except the subspecies in Appendix %(appendix)s"),
        "species and populations": _("except the species and populations in Appendix %(appendix)s"),
    }
    text = templates[match["what"]] % {"appendix": match["appendix"]}
    more = match["more"].strip()
    if not more:
        return text, True
    family = re.match(rf"^and the family {_TAXON}$", more)
    if family:
        return _("%(clause)s and the family %(taxon)s") % {"clause": text, "taxon": family["taxon"]}, True
    unlisted = re.match(r"^and (?P<taxa>.+), which are not included in the Appendices$", more)
    if unlisted:
        taxa, ok = _names(unlisted["taxa"])
        return _("%(clause)s and %(taxa)s, which are not included in the Appendices") % {
            "clause": text, "taxa": taxa}, ok
    named = re.match(r"^\((?P<taxa>.+)\)$", more) or re.match(r"^and (?P<taxa>.+)$", more)
    if named:
        taxa, ok = _names(named["taxa"])
        if more.startswith("("):
            return f"{text} ({taxa})", ok
        return _("%(clause)s and %(taxa)s") % {"clause": text, "taxa": taxa}, ok
    return f"{text} {more}", False


def _in_appendix(match: re.Match) -> tuple[str, bool]:
    taxa, ok = _names(match["taxa"])
    template = _("%(taxa)s is in Appendix %(appendix)s") if match["verb"] == "is" else _(
        "%(taxa)s are in Appendix %(appendix)s")
    return template % {"taxa": taxa, "appendix": match["appendix"]}, ok


def _not_included(match: re.Match) -> tuple[str, bool]:
    taxa, ok = _names(match["taxa"])
    return _("%(taxa)s is not included in the Appendices") % {"taxa": taxa}, ok


def _separate_entries(match: re.Match) -> tuple[str, bool]:
    taxa, ok = _names(match["taxa"])
    return _("%(taxa)s: see the separate entries") % {"taxa": taxa}, ok


def _annotation(match: re.Match) -> tuple[str, bool]:
    text = _("annotation %(number)s") % {"number": match["number"]}
    if not match["detail"]:
        return text, True
    detail, ok = _qualifier(match["detail"])
    return f"{text} ({detail})", ok


_CLAUSES: list[tuple[re.Pattern, Callable[[re.Match], tuple[str, bool]]]] = [
    (_EXCEPT_BOTH, lambda m: (_("except the species in Appendices I and III"), True)),
    (_EXCEPT, _except),
    (re.compile(rf"^[Ss]everal (?P<genus>[A-Z][a-z]+) species are in Appendix {_APPENDIX}$"),
     lambda m: (_("several %(genus)s species are in Appendix %(appendix)s") % {
         "genus": m["genus"], "appendix": m["appendix"]}, True)),
    (re.compile(rf"^the Asian population of {_TAXON} is in Appendix {_APPENDIX}$"),
     lambda m: (_("the Asian population of %(taxon)s is in Appendix %(appendix)s") % {
         "taxon": m["taxon"], "appendix": m["appendix"]}, True)),
    (re.compile(rf"^all other populations are in Appendix {_APPENDIX}$"),
     lambda m: (_("all other populations are in Appendix %(appendix)s") % {"appendix": m["appendix"]}, True)),
    (re.compile(rf"^(?P<taxa>.+?) (?P<verb>is|are) in Appendix {_APPENDIX}$"), _in_appendix),
    (re.compile(r"^(?P<taxa>.+?) is not included in the Appendices$"), _not_included),
    (re.compile(rf"^domesticated {_TAXON} is not subject to the Convention$"),
     lambda m: (_("domesticated %(taxon)s is not subject to the Convention") % {"taxon": m["taxon"]}, True)),
    (re.compile(rf"^zero annual export quota for {_TAXON} for wild specimens traded for primarily commercial "
                r"purposes$"),
     lambda m: (_("zero annual export quota for %(taxon)s for wild specimens traded for primarily commercial "
                  "purposes") % {"taxon": m["taxon"]}, True)),
    (re.compile(r"^(?P<taxa>.+?) see separate entries$"), _separate_entries),
    (re.compile(r"^annotation (?P<number>\d+)(?: \((?P<detail>.+)\))?$"), _annotation),
]


def _clause(text: str) -> _Part:
    bare = text[1:-1] if text.startswith("(") and text.endswith(")") else text
    if _CODE.match(text):
        return _Part(text, True, _join(text))
    if bare in _PHRASES:
        phrase = _(bare)
        return _Part(f"({phrase})" if bare != text else phrase, True, _join(text))
    for pattern, build in _CLAUSES:
        match = pattern.match(text)
        if match:
            translated, ok = build(match)
            return _Part(translated, ok, _join(text))
    return _Part(text, False)


def _parts(annotation: str) -> tuple[str, list[_Part]] | None:
    """The translated head and the clauses of a higher-taxon note; None when the text is no such note."""
    annotation = (annotation or "").strip()
    covered = _HEAD_COVERED.match(annotation)
    included = None if covered else _HEAD_INCLUDED.match(annotation)
    match = covered or included or _HEAD_ENTRY.match(annotation)
    if not match:
        return None
    values = {"taxon": match["taxon"], "appendix": match["appendix"]}
    if covered:
        head = (_("Covered by %(taxon)s (%(appendix)s).") if match["verb"] == "Covered by" else _(
            "Included in %(taxon)s (%(appendix)s).")) % values
    elif included:
        head = _("%(taxon)s included in Appendix %(appendix)s") % values
    else:
        head = _("%(taxon)s: Appendix %(appendix)s") % values
    rest = match["rest"].strip(" .;,")
    clauses = [_clause(c.strip(" .;,")) for c in _SPLIT.split(rest) if c.strip(" .;,")] if rest else []
    return head, clauses


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def listing_note(annotation: str) -> str:
    """`annotation` in the active language when it is a higher-taxon note, else unchanged."""
    parsed = _parts(annotation)
    if parsed is None:
        return annotation
    head, clauses = parsed
    joined = [c for c in clauses if c.join]
    others = [c.text for c in clauses if not c.join]
    if head.endswith("."):  # "Covered by X (II)." is a sentence of its own
        text = head
        others = [c.text for c in joined] + others
    else:
        text = head + "".join(part.join + part.text for part in joined) + "."
    if others:
        text += " " + _sentence("; ".join(others)) + "."
    return text


def untranslated_parts(annotation: str) -> list[str]:
    """The clauses of a higher-taxon note that no template translates (empty for any other text)."""
    parsed = _parts(annotation)
    return [] if parsed is None else [c.text for c in parsed[1] if not c.translated]
