"""Identification sheets: one YAML file per kind of specimen in `identification/sheets/`, texts in en/ru/ky.

A sheet names its taxon by scientific name (a taxon of `species/data/taxa.csv`) and its CITES term code; the
appendix and the documents are never stored in a sheet: they come from the rules engine (`services.py`).
Shared texts live in `_groups.yaml` (handling and safety, what to record, per group of specimens) and the
references in `_sources.yaml`; a sheet lists the keys of the sources its facts come from.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import get_language

SHEETS_DIR = Path(__file__).resolve().parent / "sheets"
LANGUAGES = ("en", "ru", "ky")
#: Sections of a sheet, each a list of short paragraphs per language.
SECTIONS = ("features", "look_alikes", "concealment")
GROUP_SECTIONS = ("handling", "record")


class SheetError(ValueError):
    """A sheet file that breaks the format (missing language, unknown group or source)."""


def _lang(language: str | None = None) -> str:
    code = (language or get_language() or "en").split("-")[0]
    return code if code in LANGUAGES else "en"


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str = ""


@dataclass
class Sheet:
    slug: str
    taxon: str  # scientific name
    term: str  # CITES term code
    group: str
    title: dict[str, str]
    sections: dict[str, dict[str, list[str]]]
    look_alike_taxa: list[str] = field(default_factory=list)
    drawing: str = ""
    source_keys: list[str] = field(default_factory=list)

    def title_in(self, language: str | None = None) -> str:
        return self.title[_lang(language)]

    def section(self, name: str, language: str | None = None) -> list[str]:
        """Paragraphs of one section in one language (the group's shared text for handling and record)."""
        lang = _lang(language)
        if name in GROUP_SECTIONS:
            own = self.sections.get(name, {}).get(lang, [])
            return list(groups()[self.group][name][lang]) + list(own)
        return list(self.sections[name][lang])

    @property
    def sources(self) -> list[Source]:
        table = sources()
        return [table[key] for key in self.source_keys]


def _texts(raw: Any, where: str) -> dict[str, list[str]]:
    if not isinstance(raw, dict):
        raise SheetError(f"{where}: expected a mapping of en/ru/ky")
    out = {}
    for lang in LANGUAGES:
        value = raw.get(lang)
        if isinstance(value, str):
            value = [value]
        if not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise SheetError(f"{where}: missing text in {lang}")
        out[lang] = [" ".join(v.split()) for v in value]
    return out


def _read(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def sources() -> dict[str, Source]:
    raw = _read(SHEETS_DIR / "_sources.yaml")
    return {key: Source(key, value["title"], value.get("url", "")) for key, value in raw.items()}


@lru_cache(maxsize=1)
def groups() -> dict[str, dict[str, Any]]:
    raw = _read(SHEETS_DIR / "_groups.yaml")
    out = {}
    for key, value in raw.items():
        out[key] = {name: _texts(value[name], f"_groups.yaml {key}.{name}") for name in GROUP_SECTIONS}
        out[key]["title"] = _texts(value["title"], f"_groups.yaml {key}.title")
    return out


def parse_sheet(path: Path) -> Sheet:
    raw = _read(path)
    where = path.name
    slug = path.stem
    if raw.get("group") not in groups():
        raise SheetError(f"{where}: unknown group {raw.get('group')!r}")
    unknown = [key for key in raw.get("sources", []) if key not in sources()]
    if unknown or not raw.get("sources"):
        raise SheetError(f"{where}: unknown or missing sources {unknown}")
    sections = {name: _texts(raw.get(name), f"{where} {name}") for name in SECTIONS}
    for name in GROUP_SECTIONS:
        if raw.get(name):
            sections[name] = _texts(raw[name], f"{where} {name}")
    title = {lang: texts[0] for lang, texts in _texts(raw.get("title"), f"{where} title").items()}
    return Sheet(
        slug=slug, taxon=raw["taxon"], term=str(raw["term"]).upper(), group=raw["group"], title=title,
        sections=sections, look_alike_taxa=list(raw.get("look_alike_taxa") or []),
        drawing=raw.get("drawing", ""), source_keys=list(raw["sources"]),
    )


@lru_cache(maxsize=1)
def all_sheets() -> tuple[Sheet, ...]:
    """Every sheet, ordered by file name."""
    return tuple(parse_sheet(path) for path in sorted(SHEETS_DIR.glob("[!_]*.yaml")))


def get_sheet(slug: str) -> Sheet | None:
    return next((sheet for sheet in all_sheets() if sheet.slug == slug), None)
