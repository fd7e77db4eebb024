"""The how-to journeys: each step has a caption (translated; shown on the help page, under its screenshot and
as a WebVTT cue of the video) and the browser action that performs it. The builder (`builder.py`) drives
Playwright through these actions against a running server, so the pictures never drift from the interface.

An action gets the page and `ctx`: the server address, the accounts (role → username, password), the inputs
of the journeys, `language`, `pace` (true while recording: type key by key, rest on a target before a click),
`work_dir` (a scratch folder) and `state` (what one step leaves for the next, e.g. the new account's page)."""
from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
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
    account: str = "officer"  # whose account the journey starts with (a key of ctx["accounts"])
    needs: tuple[str, ...] = ()  # ctx keys without which the journey cannot run (e.g. a signed permit)


#: Pacing of a recorded journey (ctx["pace"] true): typing, a pause on the target before a click, and how long
#: the result of each step stays on screen. Still screenshots alone need none of it.
TYPE_DELAY_MS = 45
POINT_MS = 350
HOLD_MS = 1200


def sign_in(page: Any, ctx: dict[str, Any], language: str, account: str = "officer") -> None:
    """Sign in on the login page in `language` with one of ctx["accounts"] (role → (username, password))."""
    username, password = ctx.get("accounts", {}).get(account) or (ctx["username"], ctx["password"])
    page.goto(ctx["base_url"] + "/accounts/login/")
    page.select_option("#id_language", language)
    page.wait_for_selector(f'html[lang="{language}"]')
    type_into(page, ctx, "#id_username", username)
    type_into(page, ctx, "#id_password", password)
    click(page, ctx, "form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def type_into(page: Any, ctx: dict[str, Any], selector: str, text: str) -> None:
    """Fill a field; in a recording, key by key so the typing shows."""
    if not ctx.get("pace"):
        page.fill(selector, text)
        return
    field = page.locator(selector).first
    click(page, ctx, selector)
    field.fill("")
    field.press_sequentially(text, delay=TYPE_DELAY_MS)


def click(page: Any, ctx: dict[str, Any], selector: str) -> None:
    """Click; in a recording, the pointer rests on the target a moment first."""
    target = page.locator(selector).first
    if ctx.get("pace"):
        target.scroll_into_view_if_needed()
        target.hover()
        page.wait_for_timeout(POINT_MS)
    target.click()


def choose(page: Any, ctx: dict[str, Any], selector: str, **option: Any) -> None:
    """Choose in a <select> (`value=` or `index=`); in a recording, the pointer shows which one first."""
    if ctx.get("pace"):
        target = page.locator(selector).first
        target.scroll_into_view_if_needed()
        target.hover()
        page.wait_for_timeout(POINT_MS)
    page.select_option(selector, **option)


def _no_form_errors(page: Any, form: str) -> None:
    """Stop the build with the form's own messages when a save was refused (the guide would show an error)."""
    errors = page.locator(".errorlist li, .notice.error, .errornote").all_inner_texts()
    errors += page.locator(f"{form} :invalid").evaluate_all(
        "fields => fields.map(f => (f.name || f.id) + ': ' + f.validationMessage)")
    if errors:
        raise RuntimeError(f"{page.url}: " + "; ".join(errors))


def _goto(path: str) -> Action:
    def go(page: Any, ctx: dict[str, Any]) -> None:
        page.goto(ctx["base_url"] + path)
        page.wait_for_load_state("domcontentloaded")
    return go


def _menu(path: str) -> Action:
    """Open a page from the main menu of the home page."""
    def go(page: Any, ctx: dict[str, Any]) -> None:
        _goto("/")(page, ctx)
        click(page, ctx, f"nav a[href='{path}']")
        page.wait_for_load_state("domcontentloaded")
    return go


def _fill(selector: str, key: str) -> Action:
    def fill(page: Any, ctx: dict[str, Any]) -> None:
        type_into(page, ctx, selector, str(ctx[key]))
    return fill


def _first_item_row(page: Any, ctx: dict[str, Any]) -> None:
    if not page.locator("#id_items-0-taxon_label").count():
        click(page, ctx, "[data-add-row=items]")


def _choose_species(page: Any, ctx: dict[str, Any], key: str = "species_query") -> None:
    _first_item_row(page, ctx)
    type_into(page, ctx, "#id_items-0-taxon_label", ctx[key])
    click(page, ctx, "fieldset:has(#id_items-0-taxon_label) button[data-taxon]")


def _quantity(page: Any, ctx: dict[str, Any]) -> None:
    if ctx.get("term_value"):
        choose(page, ctx, "#id_items-0-term", value=str(ctx["term_value"]))
    type_into(page, ctx, "#id_items-0-quantity", "2")


def _open_sheet(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "fieldset:has(#id_items-0-taxon_label) [data-open-sheet]")
    page.locator("#sheet-dialog [data-sheet]").first.wait_for()


def _close_sheet(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "#sheet-dialog [data-close-sheet]")


def _check_permit(page: Any, ctx: dict[str, Any]) -> None:
    type_into(page, ctx, "#id_number", ctx["permit_number"])
    click(page, ctx, "main form button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def _live_item(page: Any, ctx: dict[str, Any]) -> None:
    _goto("/cases/new/")(page, ctx)
    _choose_species(page, ctx, "live_species_query")
    type_into(page, ctx, "#id_items-0-live_count", "2")


def _case(anchor: str = "") -> Action:
    def go(page: Any, ctx: dict[str, Any]) -> None:
        page.goto(ctx["base_url"] + ctx["case_path"] + anchor)
        page.wait_for_load_state("domcontentloaded")
    return go


def _answer_first(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "form.quiz input[type=radio]")


# --- manage accounts (an agency administrator, in the administration pages) ---------------------------

def _add_account(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "a.addlink")
    page.wait_for_selector("#id_username")
    username = f"{ctx['new_username']}.{ctx['language']}"
    ctx["state"]["new_username"] = username
    for selector, value in (("#id_username", username), ("#id_email", f"{username}@example.org"),
                            ("#id_first_name", ctx["new_first_name"]), ("#id_last_name", ctx["new_last_name"])):
        type_into(page, ctx, selector, value)
    choose(page, ctx, "#id_role", value="officer")
    type_into(page, ctx, "#id_password1", ctx["new_password"])
    type_into(page, ctx, "#id_password2", ctx["new_password"])


def _save_account(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "input[name=_save]")
    page.wait_for_load_state("domcontentloaded")
    _no_form_errors(page, "#user_form")
    page.wait_for_url(re.compile(r"/admin/auth/user/\d+/change/$"))
    ctx["state"]["new_user_path"] = page.url.split(ctx["base_url"], 1)[-1]
    page.locator("#membership-group").scroll_into_view_if_needed()


def _set_post(page: Any, ctx: dict[str, Any]) -> None:
    post = "#id_membership-0-post"
    if page.locator(f"{post} option").count() > 1:
        choose(page, ctx, post, index=1)
    click(page, ctx, "input[name=_save]")
    page.wait_for_load_state("domcontentloaded")


def _deactivate(page: Any, ctx: dict[str, Any]) -> None:
    user_id = ctx["state"]["new_user_path"].rstrip("/").split("/")[-2]
    page.goto(ctx["base_url"] + "/admin/auth/user/?q=" + ctx["state"]["new_username"])
    click(page, ctx, f"input[name=_selected_action][value='{user_id}']")
    choose(page, ctx, "select[name=action]", value="deactivate_accounts")
    click(page, ctx, "button[name=index]")
    page.wait_for_load_state("domcontentloaded")


# --- check a permit by its QR code ----------------------------------------------------------------------

def _printed_permit(page: Any, ctx: dict[str, Any]) -> None:
    """The printed permit; its QR code is photographed from the page (the picture a phone would take)."""
    page.goto(f"{ctx['base_url']}/permits/{ctx['qr_permit_pk']}/print/")
    page.wait_for_load_state("domcontentloaded")
    qr = page.locator(".qr svg").first
    qr.scroll_into_view_if_needed()
    ctx["state"]["qr_photo"] = qr_photo(qr.screenshot(), ctx["work_dir"])


def qr_photo(png: bytes, folder: str | Path) -> str:
    """A phone-like picture of a printed QR code: slightly turned, on a grey desk, in daylight tones."""
    from PIL import Image, ImageFilter

    code = Image.open(io.BytesIO(png)).convert("RGB")
    side = int(max(code.size) * 1.8)
    desk = Image.new("RGB", (side, side), (168, 162, 150))
    paper = Image.new("RGB", (int(code.width * 1.3), int(code.height * 1.3)), (246, 244, 236))
    paper.paste(code, ((paper.width - code.width) // 2, (paper.height - code.height) // 2))
    paper = paper.rotate(6, expand=True, fillcolor=(168, 162, 150))
    desk.paste(paper, ((side - paper.width) // 2, (side - paper.height) // 2))
    path = Path(folder) / "permit-qr-photo.jpg"
    desk.filter(ImageFilter.GaussianBlur(0.6)).save(path, "JPEG", quality=85)
    return str(path)


def _upload_qr_photo(page: Any, ctx: dict[str, Any]) -> None:
    page.set_input_files("#id_image", ctx["state"]["qr_photo"])
    page.wait_for_timeout(300 if ctx.get("pace") else 0)
    click(page, ctx, "main form button[type=submit]")
    page.wait_for_load_state("domcontentloaded")


def _show(selector: str) -> Action:
    def show(page: Any, ctx: dict[str, Any]) -> None:
        target = page.locator(selector).first
        target.wait_for()
        target.scroll_into_view_if_needed()
    return show


# --- a repeat suspect: the officer's case, the alert, the analyst's review --------------------------------

def _suspect_seizure(page: Any, ctx: dict[str, Any]) -> None:
    _goto("/cases/new/")(page, ctx)
    choose(page, ctx, "#id_detection_method", value=ctx.get("detection_method") or "xray")
    choose(page, ctx, "#id_transport_mode", value=ctx.get("transport_mode") or "road")
    type_into(page, ctx, "#id_location_text", ctx["location"])
    _choose_species(page, ctx)
    _quantity(page, ctx)


def _suspect_person(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "[data-add-row=parties]")
    type_into(page, ctx, "#id_parties-0-full_name", ctx["suspect_name"])
    choose(page, ctx, "#id_parties-0-role", value="suspect")
    choose(page, ctx, "#id_parties-0-id_document_type", value=ctx.get("suspect_document_type") or "passport")
    type_into(page, ctx, "#id_parties-0-id_document_number", ctx["suspect_document"])


def _submit_and_see_alert(page: Any, ctx: dict[str, Any]) -> None:
    click(page, ctx, "button[name=action][value=submit]")
    page.wait_for_load_state("domcontentloaded")
    _no_form_errors(page, "#case-form")
    page.wait_for_url(re.compile(r"/cases/\d+/$"))
    ctx["state"]["suspect_case_path"] = page.url.split(ctx["base_url"], 1)[-1]
    # Matching runs after the save (in a Celery worker, or in-process without a broker): wait for the alert.
    for _attempt in range(40):
        if page.locator("#case-alerts-h").count():
            break
        page.wait_for_timeout(500)
        page.reload()
    panel = page.locator("section:has(#case-alerts-h)")
    panel.scroll_into_view_if_needed()
    across = panel.locator(".flag-summary:has(.badge.bad) a")  # a match at another agency, if there is one
    link = across if across.count() else panel.locator(".flag-summary a")
    ctx["state"]["flag_path"] = link.first.get_attribute("href")


def _switch_account(account: str, then: str) -> Action:
    def switch(page: Any, ctx: dict[str, Any]) -> None:
        page.context.clear_cookies()
        sign_in(page, ctx, ctx["language"], account)
        _goto(then)(page, ctx)
    return switch


def _open_flag(page: Any, ctx: dict[str, Any]) -> None:
    link = f"main a[href='{ctx['state']['flag_path']}']"
    if page.locator(link).count():
        click(page, ctx, link)
    else:  # not among the newest alerts on the home page: the flag itself is open to analysts of the country
        page.goto(ctx["base_url"] + ctx["state"]["flag_path"])
    page.wait_for_load_state("domcontentloaded")
    page.locator("#why-h").scroll_into_view_if_needed()


def _confirm_flag(page: Any, ctx: dict[str, Any]) -> None:
    type_into(page, ctx, "#reason", ctx["review_reason"])
    click(page, ctx, "button[name=status][value=confirmed]")
    page.wait_for_load_state("domcontentloaded")


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
    Journey("find-case", _("Find a case"), ("/cases/",), (
        Step(_("Open “Cases” in the menu."), _goto("/cases/")),
        Step(_("Type a name, a document number or a place in any script and search."),
             _fill("#id_q", "suspect_query")),
    )),
    Journey("check-permit-qr", _("Check a permit by its QR code"), ("/permits/verify/", "/permits/"), (
        Step(_("A printed permit carries a QR code: it holds the content signed by the issuing authority."),
             _printed_permit),
        Step(_("Open “Verify QR code” in the menu."), _goto("/permits/verify/")),
        Step(_("Take a photo of the QR code with the phone (or choose a picture of it) and press “Verify”."),
             _upload_qr_photo),
        Step(_("The answer: whether the code is genuine and the permit unchanged, the signed content to compare "
               "with the paper, then the permit's validity and remaining quantities."), _show(".code-check .badge.ok")),
    ), needs=("qr_permit_pk",)),
    Journey("repeat-suspect", _("Find a repeat suspect"), ("/intelligence/", "/cases/"), (
        Step(_("Record the seizure as usual: how it was found, the place, the items and quantities."),
             _suspect_seizure),
        Step(_("Under “Persons and companies”, add the suspect with the name and the document number exactly as "
               "written in the document."), _suspect_person),
        Step(_("Submit. The persons are compared with the earlier cases of every agency; a match appears on the "
               "case as an alert, with the agency that recorded the person and its contacts."),
             _submit_and_see_alert),
        Step(_("An analyst of an agency that recorded the person signs in: the home page lists the open alerts, "
               "each leading to its flag."), _switch_account("analyst", "/")),
        Step(_("The flag shows which fields agree (name, birth date, document) and how much each weighs."),
             _open_flag),
        Step(_("The analyst confirms the flag, or dismisses it with a reason: a dismissed pair is never flagged "
               "again."), _confirm_flag),
    ), needs=("suspect_name", "suspect_document")),
    Journey("manage-accounts", _("Manage accounts"), ("/admin/auth/user/", "/admin/"), (
        Step(_("An agency administrator opens “Agency accounts” in the menu: the accounts of the agency."),
             _menu("/admin/auth/user/")),
        Step(_("“Add user”: the user name, e-mail and name, the role and a first password for the new officer."),
             _add_account),
        Step(_("Save: the account belongs to your agency. Under “agency and role” you can change the role, the "
               "usual post and the language later."), _save_account),
        Step(_("Choose the officer's usual post and save."), _set_post),
        Step(_("When someone leaves, tick the account in the list, choose “Deactivate the selected accounts” and "
               "press “Go”: the person can no longer sign in, and the records keep their name."), _deactivate),
    ), account="agency_admin"),
)


#: Journeys that show one existing case (`ctx["case_path"]`).
CASE_JOURNEYS = frozenset({"live-animal", "share-case"})


def runnable(journey: Journey, ctx: dict[str, Any]) -> bool:
    """Whether `ctx` has what the journey needs (a case to show, a signed permit, a suspect to repeat)."""
    needed = (*journey.needs, *(("case_path",) if journey.slug in CASE_JOURNEYS else ()))
    return all(ctx.get(key) for key in needed)


def journey(slug: str) -> Journey | None:
    return next((j for j in JOURNEYS if j.slug == slug), None)


def journeys_for_path(path: str) -> list[Journey]:
    """The guides for a page, the most specific path first."""
    scored = [(max((len(p) for p in j.pages if path.startswith(p)), default=0), j) for j in JOURNEYS]
    return [j for score, j in sorted(scored, key=lambda s: -s[0]) if score]
