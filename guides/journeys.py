"""The how-to journeys: each step has a caption (translated; shown on the help page, under its screenshot and
as a WebVTT cue of the video) and the browser action that performs it. The builder (`builder.py`) drives
Playwright through these actions against a running server, so the pictures never drift from the interface."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

Action = Callable[[Any, dict[str, Any]], None]


@dataclass(frozen=True)
class Step:
    caption: Promise
    action: Action


@dataclass(frozen=True)
class Journey:
    slug: str
    title: Promise
    pages: tuple[str, ...]  # path prefixes whose "?" leads to this guide
    steps: tuple[Step, ...] = field(default_factory=tuple)


def _goto(path: str) -> Action:
    def go(page: Any, ctx: dict[str, Any]) -> None:
        page.goto(ctx["base_url"] + path)
        page.wait_for_load_state("domcontentloaded")
    return go


def _fill(selector: str, key: str) -> Action:
    def fill(page: Any, ctx: dict[str, Any]) -> None:
        page.fill(selector, str(ctx[key]))
    return fill


def _first_item_row(page: Any) -> None:
    if not page.locator("#id_items-0-taxon_label").count():
        page.click("[data-add-row=items]")


def _choose_species(page: Any, ctx: dict[str, Any]) -> None:
    _first_item_row(page)
    page.fill("#id_items-0-taxon_label", ctx["species_query"])
    page.locator("fieldset:has(#id_items-0-taxon_label) button[data-taxon]").first.click()


def _quantity(page: Any, ctx: dict[str, Any]) -> None:
    if ctx.get("term_value"):
        page.select_option("#id_items-0-term", str(ctx["term_value"]))
    page.fill("#id_items-0-quantity", "2")


def _open_sheet(page: Any, ctx: dict[str, Any]) -> None:
    page.click("fieldset:has(#id_items-0-taxon_label) [data-open-sheet]")
    page.locator("#sheet-dialog [data-sheet]").first.wait_for()


def _close_sheet(page: Any, ctx: dict[str, Any]) -> None:
    page.locator("#sheet-dialog [data-close-sheet]").first.click()


def _check_permit(page: Any, ctx: dict[str, Any]) -> None:
    page.fill("#id_number", ctx["permit_number"])
    page.click("main form button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def _live_item(page: Any, ctx: dict[str, Any]) -> None:
    _goto("/cases/new/")(page, ctx)
    _first_item_row(page)
    page.fill("#id_items-0-taxon_label", ctx["live_species_query"])
    page.locator("fieldset:has(#id_items-0-taxon_label) button[data-taxon]").first.click()
    page.fill("#id_items-0-live_count", "2")


def _case(anchor: str = "") -> Action:
    def go(page: Any, ctx: dict[str, Any]) -> None:
        page.goto(ctx["base_url"] + ctx["case_path"] + anchor)
        page.wait_for_load_state("domcontentloaded")
    return go


def _answer_first(page: Any, ctx: dict[str, Any]) -> None:
    page.locator("form.quiz input[type=radio]").first.check()


JOURNEYS: tuple[Journey, ...] = (
    Journey("record-seizure", _("Record a seizure"), ("/cases/new/", "/cases/"), (
        Step(_("Open “New seizure” in the menu."), _goto("/cases/new/")),
        Step(_("Write where the seizure happened."), _fill("#id_location_text", "location")),
        Step(_("Add an item and choose its species: type a Latin, Russian or Kyrgyz name and pick it."),
             _choose_species),
        Step(_("Choose the kind of specimen and the quantity."), _quantity),
        Step(_("Not sure what it is? Open the identification sheet of the item."), _open_sheet),
        Step(_("Go back to the form: nothing typed is lost. Save as draft or submit."), _close_sheet),
    )),
    Journey("check-permit", _("Check a permit by its number"), ("/permits/",), (
        Step(_("Open “Permit check” in the menu."), _goto("/permits/check/")),
        Step(_("Type the permit number as written and press “Check”: validity, lines and remaining quantities "
               "appear with the documents the movement needs."), _check_permit),
        Step(_("A permit with a QR code: open “Verify QR code”, photograph the code or type it."),
             _goto("/permits/verify/")),
    )),
    Journey("identify", _("Identify a specimen and practise"), ("/identification/", "/species/"), (
        Step(_("Open “Identification sheets” in the menu and pick what you found."), _goto("/identification/")),
        Step(_("A sheet: features, look-alikes, concealment, the appendix and the documents, handling and what "
               "to record."), _goto("/identification/sheet/saiga-tatarica-horns/")),
        Step(_("Train yourself with the ID practice: answer and check."), _goto("/identification/practice/")),
        Step(_("Choose an answer for each question, then press “Check my answers”."), _answer_first),
    )),
    Journey("live-animal", _("A live animal and its custody"), ("/cases/",), (
        Step(_("On the case form, add an item with the live animal's species and write how many are alive."),
             _live_item),
        Step(_("The identification sheet says how to keep the animal until hand-over."), _open_sheet),
        Step(_("After saving, the case page keeps the custody chain: every hand-over to a rescue centre, "
               "veterinarian or store is recorded there."), _case("#custody-h")),
    )),
    Journey("share-case", _("Share a case with other agencies"), ("/cases/",), (
        Step(_("Open the case. Who sees it is shown under “Sharing”."), _case()),
        Step(_("A supervisor changes the sharing level (agency, named agencies, national, regional) and saves."),
             _case("#sup-h")),
    )),
    Journey("export", _("Export cases"), ("/cases/", "/statistics/"), (
        Step(_("Open “Cases”, filter the list (dates, species, place) and use “Export this list” (CSV or "
               "XLSX): the file holds exactly the filtered cases you may see."), _goto("/cases/")),
    )),
    Journey("find-case", _("Find a case or a repeat suspect"), ("/cases/",), (
        Step(_("Open “Cases” in the menu."), _goto("/cases/")),
        Step(_("Type a name, a document number or a place in any script and search."),
             _fill("#id_q", "suspect_query")),
    )),
)


#: Journeys that show one existing case (`ctx["case_path"]`).
CASE_JOURNEYS = frozenset({"live-animal", "share-case"})


def journey(slug: str) -> Journey | None:
    return next((j for j in JOURNEYS if j.slug == slug), None)


def journeys_for_path(path: str) -> list[Journey]:
    """The guides for a page, the most specific path first."""
    scored = [(max((len(p) for p in j.pages if path.startswith(p)), default=0), j) for j in JOURNEYS]
    return [j for score, j in sorted(scored, key=lambda s: -s[0]) if score]
