"""Import of the CITES Checklist / Species+ CSV exports.

Three shapes are recognised from their headers (comma or semicolon separated, UTF-8):

- the Species+ **CITES listings export**: ``Id, Kingdom, …, Scientific Name, Author, Rank, Listing, Party,
  Listed under, Full note, …``;
- the Checklist **Index**: ``TaxonId, Kingdom, …, FullName, AuthorYear, RankName, CurrentListing,
  FullAnnotationEnglish, …, [Synonyms], [EnglishNames], …``;
- the Checklist **History**: taxon columns, then ``Appendix, PartyIsoCode, PartyFullName, ChangeType,
  EffectiveAt (DD/MM/YYYY), IsCurrent, …, FullAnnotationEnglish, …``.

Missing taxa are created with their parent chain. Listings (appendix, annotation, App. III party) are updated;
local common names, notes and the national status are never overwritten (an English name only fills an empty
one). A changed listing is recorded as `CitesListing` rows dated ``effective_date`` (a deletion of the old
appendix and an addition of the new one), so `species.listings.appendix_on` keeps answering for earlier dates;
history rows are stored as they are. Importing the same file twice changes nothing.
"""
from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import Appendix, ListingChange, Rank
from .listings import listing_on
from .models import CitesListing, Taxon, TaxonSynonym

_ALIASES = {
    "id": ("id", "taxonid"),
    "name": ("scientificname", "fullname"),
    "author": ("author", "authoryear"),
    "rank": ("rank", "rankname"),
    "listing": ("listing", "currentlisting"),
    "party": ("party",),
    "listed_under": ("listedunder",),
    "annotation": ("fullnote", "fullannotationenglish", "annotationenglish"),
    "appendix": ("appendix",),
    "party_iso": ("partyisocode",),
    "party_name": ("partyfullname",),
    "change": ("changetype",),
    "effective": ("effectiveat",),
    "current": ("iscurrent",),
    "synonyms": ("synonyms",),
    "english": ("englishnames",),
    "kingdom": ("kingdom",),
    "phylum": ("phylum",),
    "class": ("class",),
    "order": ("order",),
    "family": ("family",),
    "genus": ("genus",),
    "species": ("species",),
    "subspecies": ("subspecies",),
}
_RANKS = {
    "KINGDOM": Rank.KINGDOM,
    "PHYLUM": Rank.PHYLUM,
    "CLASS": Rank.CLASS,
    "ORDER": Rank.ORDER,
    "FAMILY": Rank.FAMILY,
    "SUBFAMILY": Rank.FAMILY,
    "GENUS": Rank.GENUS,
    "SPECIES": Rank.SPECIES,
    "SUBSPECIES": Rank.SUBSPECIES,
    "VARIETY": Rank.SUBSPECIES,
    "POPULATION": Rank.POPULATION,
}
_CHAIN = [
    ("kingdom", Rank.KINGDOM),
    ("phylum", Rank.PHYLUM),
    ("class", Rank.CLASS),
    ("order", Rank.ORDER),
    ("family", Rank.FAMILY),
    ("genus", Rank.GENUS),
    ("species", Rank.SPECIES),
    ("subspecies", Rank.SUBSPECIES),
]
_COLUMN = {"kingdom": "kingdom", "phylum": "phylum", "class": "class_name", "order": "order",
           "family": "family", "genus": "genus"}
_STRICT = [Appendix.I, Appendix.II, Appendix.III]
_CHANGES = {c.value for c in ListingChange}


@dataclass
class SpeciesImportReport:
    kind: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    listing_changes: int = 0
    errors: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    delisted: list[str] = field(default_factory=list)


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9#]", "", header.lower())


class ImportFileError(Exception):
    """The file cannot be read as a whole (encoding, broken quoting)."""


def _read(file: str | Path | BinaryIO) -> tuple[list[dict[str, str]], dict[str, str], list[str]]:
    """The rows (each with its real line number under "_line"), the header of each column and the errors."""
    if isinstance(file, str | Path):
        data = Path(file).read_bytes()
    else:
        data = file.read()
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("the file is not UTF-8 text (byte %(position)s)") % {"position": exc.start}) from exc
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    errors: list[str] = []
    try:
        header = next(reader, [])
    except csv.Error as exc:
        raise ImportFileError(_("line 1: %(error)s") % {"error": exc}) from exc
    lookup = {_key(h): i for i, h in enumerate(header)}
    columns: dict[str, int] = {}
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            if alias in lookup:
                columns[name] = lookup[alias]
                break
    headers = {name: header[i].strip() for name, i in columns.items()}
    rows = []
    last_line = reader.line_num
    ends_with_newline = text.endswith(("\n", "\r"))
    while True:
        start = last_line + 1
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(_("line %(line)s: %(error)s (is the file cut off?)") % {"line": start, "error": exc})
            break
        last_line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) < len(header):
            is_last = reader.line_num == text.count("\n") + (0 if ends_with_newline else 1)
            errors.append(
                _("line %(line)s: %(found)s of %(expected)s columns%(hint)s")
                % {"line": start, "found": len(values), "expected": len(header),
                   "hint": _(" (the file seems cut off)") if is_last else ""}
            )
            continue
        row = {name: values[i].strip() for name, i in columns.items()}
        row["_line"] = str(start)
        rows.append(row)
    return rows, headers, errors


_DELISTED = "NC"  # the value the exports give a taxon that is no longer listed


def _appendix(value: str) -> str:
    parts = {p.strip().upper() for p in re.split(r"[/,;]", value or "") if p.strip()}
    for appendix in _STRICT:
        if appendix in parts:
            return appendix
    return Appendix.NOT_LISTED


def _valid_listing(value: str) -> bool:
    value = (value or "").strip().upper()
    if value == _DELISTED:
        return True
    parts = [p.strip() for p in re.split(r"[/,;]", value)]
    return bool(value) and all(p in _STRICT for p in parts)


def _validate(rows: list[dict[str, str]], kind: str, headers: dict[str, str]) -> list[str]:
    """Every error of every row, naming the file's line and column; empty when the file may be imported."""
    errors = []

    def error(row: dict[str, str], column: str, message: str) -> None:
        errors.append(_("line %(line)s, column “%(column)s”: %(message)s")
                      % {"line": row["_line"], "column": headers.get(column, column), "message": message})

    for row in rows:
        if not " ".join(row.get("name", "").split()):
            error(row, "name", _("no scientific name"))
        rank = row.get("rank", "")
        if rank and rank.upper().replace(" ", "") not in _RANKS:
            error(row, "rank", _("unknown rank “%(value)s”") % {"value": rank})
        if kind == "listings":
            if not _valid_listing(row.get("listing", "")):
                error(row, "listing", _("“%(value)s” is not an appendix (I, II, III) nor “%(delisted)s”")
                      % {"value": row.get("listing", ""), "delisted": _DELISTED})
        else:
            if row.get("change", "").upper() not in _CHANGES:
                error(row, "change", _("unknown change “%(value)s”") % {"value": row.get("change", "")})
            if row.get("appendix", "").upper() not in _STRICT:
                error(row, "appendix", _("“%(value)s” is not an appendix (I, II, III)")
                      % {"value": row.get("appendix", "")})
            try:
                _date(row.get("effective", ""))
            except ValueError:
                error(row, "effective", _("bad date “%(value)s”") % {"value": row.get("effective", "")})
    return errors


def _party(value: str) -> str:
    value = (value or "").strip()
    if re.fullmatch(r"[A-Za-z]{2}", value):
        return value.upper()
    if not value:
        return ""
    from django.apps import apps  # species imports nothing of ours: find the country model by name only

    country_model = apps.get_model("agencies", "Country")
    field_names = {f.name for f in country_model._meta.get_fields()}
    for field_name in ("name_en", "name"):
        if field_name in field_names:
            country = country_model.objects.filter(**{f"{field_name}__iexact": value}).first()
            if country:
                return country.iso2
    return ""


def _date(value: str) -> datetime.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(value)


class _Importer:
    def __init__(self, report: SpeciesImportReport, source: str, effective_date: datetime.date) -> None:
        self.report = report
        self.source = source
        self.effective_date = effective_date
        self.cache: dict[str, Taxon] = {}

    def _find(self, name: str, species_plus_id: int | None = None) -> Taxon | None:
        if species_plus_id:
            taxon = Taxon.objects.filter(species_plus_id=species_plus_id).first()
            if taxon:
                return taxon
        key = name.casefold()
        if key not in self.cache:
            taxon = Taxon.objects.filter(scientific_name__iexact=name).first()
            if taxon is None:
                return None
            self.cache[key] = taxon
        return self.cache[key]

    def _get_or_create(self, name: str, rank: str, parent: Taxon | None, row: dict[str, str],
                       species_plus_id: int | None = None) -> tuple[Taxon, bool]:
        taxon = self._find(name, species_plus_id)
        created = taxon is None
        if created:
            taxon = Taxon(scientific_name=name, rank=rank, data_source=self.source)
            self.report.created += 1
            self.report.added.append(name)
        changed = created
        if parent is not None and taxon.parent_id is None and parent.pk != taxon.pk:
            taxon.parent = parent
            changed = True
        for column, attribute in _COLUMN.items():
            value = row.get(column, "")
            if value and getattr(taxon, attribute) != value:
                setattr(taxon, attribute, value)
                changed = True
        if changed:
            taxon.save()
            self.cache[name.casefold()] = taxon
        return taxon, created

    def _full_names(self, row: dict[str, str]) -> list[tuple[str, str, dict[str, str]]]:
        """(full name, rank, the taxonomy columns down to that rank) for each level given in the row."""
        chain = []
        species_name = ""
        above: dict[str, str] = {}
        for column, rank in _CHAIN:
            value = row.get(column, "")
            if not value:
                continue
            if column in _COLUMN:
                above[column] = value
            if column == "species":
                value = value if " " in value else f"{row.get('genus', '')} {value}".strip()
                species_name = value
            elif column == "subspecies":
                value = value if value.count(" ") >= 2 else f"{species_name} {value}".strip()
            chain.append((value, rank, dict(above)))
        return chain

    def taxon(self, row: dict[str, str], line: int) -> tuple[Taxon, bool] | None:
        name = " ".join(row.get("name", "").split())
        if not name:
            self.report.errors.append(_("row %(row)s: no scientific name") % {"row": line})
            return None
        rank = _RANKS.get(row.get("rank", "").upper().replace(" ", "") or "SPECIES", Rank.SPECIES)
        parent = None
        for ancestor, ancestor_rank, columns in self._full_names(row):
            if ancestor.casefold() == name.casefold():
                break
            parent, _new = self._get_or_create(ancestor, ancestor_rank, parent, columns)
        species_plus_id = int(row["id"]) if row.get("id", "").isdigit() else None
        taxon, created = self._get_or_create(name, rank, parent, row, species_plus_id)
        changed = False
        if species_plus_id and taxon.species_plus_id is None and not Taxon.objects.filter(
            species_plus_id=species_plus_id
        ).exists():
            taxon.species_plus_id = species_plus_id
            changed = True
        if row.get("author") and not taxon.author:
            taxon.author = row["author"][:120]
            changed = True
        english = row.get("english", "").split(",")[0].strip()
        if english and not taxon.common_name_en:
            taxon.common_name_en = english[:200]
            changed = True
        if changed:
            taxon.save()
        for synonym in filter(None, (s.strip() for s in row.get("synonyms", "").split(","))):
            TaxonSynonym.objects.get_or_create(taxon=taxon, name=synonym[:200])
        return taxon, created

    def current_listing(self, taxon: Taxon, created: bool, row: dict[str, str]) -> None:
        appendix = _appendix(row.get("listing", ""))
        annotation = row.get("annotation", "")
        party = _party(row.get("party", "")) if appendix == Appendix.III else ""
        old = taxon.cites_appendix
        if not created and old != appendix:
            line = f"{taxon.scientific_name}: {old} → {appendix}"
            (self.report.delisted if appendix == Appendix.NOT_LISTED else self.report.changed).append(line)
            changes = []
            if old != Appendix.NOT_LISTED:
                changes.append((old, ListingChange.DELETION))
            if appendix != Appendix.NOT_LISTED:
                changes.append((appendix, ListingChange.ADDITION))
            taxon.listings.filter(is_current=True).update(is_current=False)
            for listed, change in changes:
                _listing, made = CitesListing.objects.get_or_create(
                    taxon=taxon, appendix=listed, change_type=change, effective_from=self.effective_date,
                    party=party if listed == Appendix.III else "",
                    defaults={"annotation": annotation if change == ListingChange.ADDITION else "",
                              "is_current": change == ListingChange.ADDITION, "source": self.source[:200]},
                )
                self.report.listing_changes += int(made)
        fields = {"cites_appendix": appendix, "cites_annotation": annotation, "cites_listing_party": party}
        if any(getattr(taxon, k) != v for k, v in fields.items()):
            for key, value in fields.items():
                setattr(taxon, key, value)
            if not created:
                self.report.updated += 1
            taxon.data_source = self.source
            taxon.save()

    def history(self, taxon: Taxon, row: dict[str, str], line: int) -> bool:
        change = row.get("change", "").upper()
        appendix = row.get("appendix", "").upper()
        if change not in _CHANGES or appendix not in _STRICT:
            self.report.errors.append(
                _("row %(row)s: unknown change “%(change)s” or appendix “%(appendix)s”")
                % {"row": line, "change": change, "appendix": appendix}
            )
            return False
        try:
            effective = _date(row.get("effective", ""))
        except ValueError:
            self.report.errors.append(
                _("row %(row)s: bad date “%(value)s”") % {"row": line, "value": row.get("effective", "")}
            )
            return False
        party = row.get("party_iso", "").upper()[:2] or _party(row.get("party_name", ""))
        is_current = row.get("current", "").strip().lower() in ("true", "t", "1", "yes")
        listing, made = CitesListing.objects.get_or_create(
            taxon=taxon, appendix=appendix, change_type=change, effective_from=effective, party=party,
            defaults={"annotation": row.get("annotation", ""), "is_current": is_current,
                      "source": self.source[:200]},
        )
        if not made and (listing.is_current != is_current or listing.annotation != row.get("annotation", "")):
            listing.is_current = is_current
            listing.annotation = row.get("annotation", "")
            listing.save(update_fields=["is_current", "annotation"])
        self.report.listing_changes += int(made)
        return True

    def refresh_current(self, taxon: Taxon) -> None:
        """Align the taxon's current listing with its (imported) history."""
        today = listing_on(taxon, timezone.localdate())
        if not today.from_history:
            return
        fields = {"cites_appendix": today.appendix, "cites_annotation": today.annotation,
                  "cites_listing_party": today.party if today.appendix == Appendix.III else ""}
        if any(getattr(taxon, k) != v for k, v in fields.items()):
            Taxon.objects.filter(pk=taxon.pk).update(**fields)
            self.report.updated += 1


def import_species_plus(
    file: str | Path | BinaryIO,
    *,
    effective_date: datetime.date | None = None,
    source: str = "",
    dry_run: bool = False,
) -> SpeciesImportReport:
    """Load a Species+ / Checklist CSV export (listings, index or history); see the module docstring."""
    report = SpeciesImportReport()
    rows, headers, report.errors = _read(file)
    if not rows and not report.errors:
        report.errors.append(_("the file has no rows"))
        return report
    if rows and "change" in rows[0] and "effective" in rows[0]:
        report.kind = "history"
    elif rows and "listing" in rows[0]:
        report.kind = "listings"
    elif rows:
        report.errors.append(_("unrecognised columns: expected a Species+ listings export or a Checklist CSV"))
        return report
    report.errors += _validate(rows, report.kind, headers)
    if report.errors:  # all or nothing: a file with any error changes nothing
        return report
    name = getattr(file, "name", None) or (str(file) if isinstance(file, str | Path) else "")
    importer = _Importer(
        report,
        source or f"CITES Checklist / Species+ ({report.kind}) {Path(name).name}".strip(),
        effective_date or timezone.localdate(),
    )
    with transaction.atomic():
        touched: dict[int, Taxon] = {}
        for row in rows:
            line = int(row["_line"])
            report.rows += 1
            found = importer.taxon(row, line)
            if found is None:
                continue
            taxon, created = found
            if report.kind == "listings":
                importer.current_listing(taxon, created, row)
            elif importer.history(taxon, row, line):
                touched[taxon.pk] = taxon
        for taxon in touched.values():
            importer.refresh_current(taxon)
        if dry_run or report.errors:
            transaction.set_rollback(True)
    return report
