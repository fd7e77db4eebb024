"""Seizure pages: new / edit case with its rows, case list, case detail and the case actions.

Thin views: every read goes through `Case.objects.visible_to(user)` (404 for what the user may not
see), every action is allowed by `seizures.permissions` and done by `seizures.services`.
"""
from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.forms import Form
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from agencies.forms import COUNTRY_LIST_ID
from common import uploads
from common.htmx import is_partial
from common.pagination import CappedPaginator, KeysetPage, encode_cursor
from common.widgets import use_fast_selects
from species.models import Taxon, Term, Unit

from . import permissions, services
from .choices import CaseStatus
from .filtersets import EXTRA_CASE_FILTERS, CaseFilterSet, order_cases
from .forms import (
    AttachmentFormSet,
    CaseForm,
    CloseForm,
    ConveyanceFormSet,
    CustodyForm,
    ItemFormSet,
    PartyFormSet,
    SharingForm,
    VoidForm,
    initial_for_party,
)
from .listing import case_items_summary
from .models import Attachment, Case, CaseParty, Conveyance, SeizedItem
from .permit_checks import case_permit_checks
from .querysets import membership_of

PAGE_SIZE = 25
#: The case list counts at most this many matches (then says "more than"), never the whole table.
LIST_COUNT_CAP = 1000
#: With a free-text search the list counts fewer: counting a dense match (a common name) means testing
#: cases one by one in list order; past the counted pages "Next" goes on by keyset.
SEARCH_COUNT_CAP = 200
#: The API's case export endpoints; they take the same filters and `ordering` as the list.
EXPORT_URL_NAMES = (("CSV", "api-v1:case-export-csv"), ("XLSX", "api-v1:case-export-xlsx"))
#: Filters of the case list offered in the page besides the species type-ahead (`taxon`); the few
#: others (person, party role, voided, sharing level) work in the address, as in the API.
LIST_FILTERS = (
    "q", "date_from", "date_to", "status", "agency", "post", "origin_country", "transit_country",
    "destination_country", "term", "appendix", "detection_method", "concealment", "transport_mode",
    "has_live_animals",
)
SORTS = [
    ("-occurred_at", gettext_lazy("Newest seizure first")),
    ("occurred_at", gettext_lazy("Oldest seizure first")),
    ("reference", gettext_lazy("Reference number")),
    ("-updated_at", gettext_lazy("Recently changed")),
]


def visible_case(request: HttpRequest, pk: int) -> Case:
    """The case if the user may see it, else 404 (never 403: a hidden case does not exist for them)."""
    return get_object_or_404(Case.objects.visible_to(request.user).select_related("agency"), pk=pk)


# --- new / edit -----------------------------------------------------------------------------------

#: The hidden field of the new-case form that carries its one-time token.
FORM_TOKEN_FIELD = "form_token"
#: The hidden field of the edit form that carries the version of the case the user started from.
VERSION_FIELD = "case_version"


class CaseFormPage:
    """The case form with its four groups of rows, bound or not, and the service call that saves them."""

    def __init__(self, request: HttpRequest, case: Case | None, data=None) -> None:
        self.request, self.case = request, case
        user = request.user
        agency = case.agency if case else getattr(membership_of(user), "agency", None)
        if data is None and request.method == "POST":
            data = request.POST
        files = request.FILES if request.method == "POST" else None
        self.parties_by_id = {p.pk: p for p in (
            CaseParty.objects.filter(case=case).select_related("person__nationality", "company__country")
            if case else []
        )}
        # A draft may leave out what the officer does not know yet; submitting needs everything.
        draft = data is not None and data.get("action") == "draft" and (case is None or case.status == CaseStatus.DRAFT)
        self.form = CaseForm(data, instance=case or Case(), user=user, agency=agency, draft=draft)
        # One token per new-case form: a resubmission (after a timeout, a double click, "back") answers
        # the case the first submission created instead of recording it twice.
        posted_token = (data.get(FORM_TOKEN_FIELD, "") if data is not None else "").strip()
        self.form_token = posted_token[:64] if case is None and posted_token else uuid.uuid4().hex
        self.replayed = False
        # The version the user started from (kept across re-renders): a save over a newer one is refused.
        posted_version = (data.get(VERSION_FIELD, "") if data is not None else "").strip()
        self.version = int(posted_version) if posted_version.isdigit() else (case.version if case else None)
        self.changed_meanwhile: list[dict] | None = None
        self.items = ItemFormSet(
            data, prefix="items",
            queryset=SeizedItem.objects.filter(case=case).select_related("taxon") if case
            else SeizedItem.objects.none(),
        )
        self.parties = PartyFormSet(
            data, prefix="parties", initial=[initial_for_party(p) for p in self.parties_by_id.values()],
        )
        self.conveyances = ConveyanceFormSet(
            data, prefix="conveyances",
            queryset=Conveyance.objects.filter(case=case).select_related("country") if case
            else Conveyance.objects.none(),
        )
        self.attachments = AttachmentFormSet(data, files, prefix="photos", queryset=Attachment.objects.none())
        self.groups = {"items": self.items, "parties": self.parties, "conveyances": self.conveyances}
        if data is None:
            # One empty row of each kind is rendered by the server, so the form works without JavaScript.
            for formset in (*self.groups.values(), self.attachments):
                if not formset.initial_form_count():
                    formset.extra = 1

    def quiet(self) -> None:
        """Show a bound form again without error messages (after "add a row" without JavaScript)."""
        for formset in (*self.groups.values(), self.attachments):
            formset._errors, formset._non_form_errors = [], formset.error_class()
            for form in formset.forms:
                form._errors = ErrorDict()
        self.form._errors = ErrorDict()

    def is_valid(self) -> bool:
        results = [self.form.is_valid()] + [fs.is_valid() for fs in (*self.groups.values(), self.attachments)]
        return all(results)

    def save(self, submit: bool) -> Case:
        """Create or update through the services; raises ValidationError / PermissionDenied."""
        user = self.request.user
        data = self.form.service_data()
        self.item_rows, self.party_rows = self.items.rows(), self.parties.rows()
        self.conveyance_rows = self.conveyances.rows()
        rows = {
            "items": [f.service_row() for f in self.item_rows],
            "parties": [f.service_row(self.parties_by_id.get(f.cleaned_data.get("id"))) for f in self.party_rows],
            "conveyances": [f.service_row() for f in self.conveyance_rows],
        }
        with transaction.atomic():
            if self.case is None:
                data["status"] = CaseStatus.OPEN if submit else CaseStatus.DRAFT
                case, created = services.create_case_once(user, f"form:{self.form_token}", data, **rows)
                if not created:
                    self.replayed = True
                    return case
            else:
                if self.case.status == CaseStatus.DRAFT and submit:
                    data["status"] = CaseStatus.OPEN
                case = services.update_case(user, self.case, data, expected_version=self.version, **rows)
            for form in self.attachments.rows():
                add_attachment(user, case, form.instance)
        return case

    def show_errors(self, error: ValidationError) -> None:
        """Put the services' errors next to the fields they are about (`items.0.quantity` → row 0)."""
        row_forms = {"items": self.item_rows, "parties": self.party_rows, "conveyances": self.conveyance_rows}
        details = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        for key, texts in details.items():
            parts = key.split(".")
            target, field = self.form, parts[0]
            if parts[0] in row_forms and len(parts) >= 2 and parts[1].isdigit():
                index = int(parts[1])
                forms_of_group = row_forms[parts[0]]
                if index < len(forms_of_group):
                    target = forms_of_group[index]
                    field = parts[-1] if len(parts) > 2 else None
                    if parts[0] == "parties" and len(parts) > 3:
                        field = target.service_error_field(parts[-1])
            _add_error(target, field, texts)

    def context(self) -> dict:
        return {
            "case": self.case,
            "form": self.form,
            "items": self.items,
            "parties": self.parties,
            "conveyances": self.conveyances,
            "attachments": self.attachments,
            "draft_key": f"draft:case-{self.case.pk}" if self.case else "draft:new",
            "is_draft": self.case is None or self.case.status == CaseStatus.DRAFT,
            "country_list_id": COUNTRY_LIST_ID,
            "term_units": {t.pk: t.default_unit_id for t in Term.objects.only("pk", "default_unit_id")},
            "had_files": bool(self.request.FILES),
            "form_token_field": FORM_TOKEN_FIELD,
            "form_token": self.form_token,
            "version_field": VERSION_FIELD,
            "version": self.version,
            "changed_meanwhile": self.changed_meanwhile,
        }


def _add_error(form: Form, field: str | None, texts: list[str]) -> None:
    if field in (None, "__all__", "id") or field not in form.fields:
        field = None
    for text in texts:
        form.add_error(field, text)


def add_attachment(user, case: Case, attachment: Attachment) -> Attachment:
    """Attach an uploaded photo or document to a case the user may edit (validated by the model)."""
    add = getattr(services, "add_attachment", None)
    if add is not None:
        return add(user, case, file=attachment.file, kind=attachment.kind, description=attachment.description)
    if not permissions.can_edit_case(user, case):
        raise PermissionDenied(_("You may not change this case."))
    attachment.case = case
    attachment.uploaded_by = user
    attachment.full_clean()
    attachment.save()
    return attachment


#: The groups of rows the "+ add" buttons extend when the page works without JavaScript.
ROW_PREFIXES = ("items", "parties", "conveyances", "photos")


def _with_added_row(request: HttpRequest) -> QueryDict | None:
    """The posted data with one more row in the group whose "+ add" button was pressed (no JavaScript)."""
    prefix = request.POST.get("add_row")
    if prefix not in ROW_PREFIXES:
        return None
    data = request.POST.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, "0"))
    except ValueError:
        total = 0
    data[key] = str(min(max(total, 0) + 1, 1000))
    return data


def _case_form(request: HttpRequest, case: Case | None) -> HttpResponse:
    added = _with_added_row(request) if request.method == "POST" else None
    if added is not None:
        page = CaseFormPage(request, case, data=added)
        page.quiet()
        return render(request, "seizures/case_form.html", page.context())
    page = CaseFormPage(request, case)
    status = 200
    if request.method == "POST":
        submit = request.POST.get("action") != "draft"
        if page.is_valid():
            try:
                saved = page.save(submit)
            except ValidationError as error:
                page.show_errors(error)
            except services.StaleCase as stale:
                # Keep what the user typed, show what others changed; saving again is a deliberate overwrite.
                page.changed_meanwhile = labelled_history(
                    services.changes_since(request.user, stale.case, stale.expected))
                page.version = stale.case.version
                messages.error(request, _("This case was changed by someone else while you were editing it; "
                                          "nothing was saved. Your entries are kept below: check the changes "
                                          "listed and save again to keep your version."))
                return render(request, "seizures/case_form.html", page.context(), status=409)
            else:
                request.session["clear_draft"] = page.context()["draft_key"]
                if page.replayed:
                    messages.info(request, _("Case %(reference)s had already been saved from this form; "
                                             "it was not recorded a second time.") % {"reference": saved.reference})
                elif saved.status == CaseStatus.DRAFT:
                    messages.success(request, _("Draft %(reference)s saved.") % {"reference": saved.reference})
                else:
                    messages.success(request, _("Case %(reference)s saved.") % {"reference": saved.reference})
                return redirect("seizures:case_detail", pk=saved.pk)
        status = 400
        text = _("The case was not saved: please correct the fields marked below.")
        if request.FILES:
            text += " " + _("Photos and files must be selected again.")
        messages.error(request, text)
    return render(request, "seizures/case_form.html", page.context(), status=status)


@login_required
def case_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_create_case(request.user):
        raise PermissionDenied(_("Your role does not record cases."))
    return _case_form(request, None)


@login_required
def case_edit(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    if not permissions.can_edit_case(request.user, case):
        raise PermissionDenied(_("You may not change this case."))
    return _case_form(request, case)


# --- on-the-spot checks -----------------------------------------------------------------------------

def _row_value(request: HttpRequest, suffix: str) -> str:
    """A value of the row that asked (fields are named items-<n>-<field>)."""
    return next((v for k, v in request.GET.items() if k.endswith(f"-{suffix}") or k == suffix), "").strip()


@login_required
@require_GET
def permit_check_fragment(request: HttpRequest) -> HttpResponse:
    """The status of the permit number typed on an item: found / not found / expired / cancelled / exceeded."""
    number = _row_value(request, "permit_number_as_written")
    result = None
    if number:
        from permits.services import Item, verify_permit

        items = None
        taxon = Taxon.objects.filter(pk=_row_value(request, "taxon") or None).first() if _row_value(
            request, "taxon").isdigit() else None
        term = Term.objects.filter(pk=_row_value(request, "term")).first() if _row_value(
            request, "term").isdigit() else None
        unit = Unit.objects.filter(pk=_row_value(request, "unit")).first() if _row_value(
            request, "unit").isdigit() else None
        try:
            quantity = Decimal(_row_value(request, "quantity").replace(",", "."))
        except InvalidOperation:
            quantity = None
        if taxon and term and quantity and quantity > 0:
            items = [Item(taxon=taxon, term=term, quantity=quantity, unit=unit)]
        result = verify_permit(number, items=items)
    return render(request, "seizures/includes/permit_status.html", {"result": result, "number": number})


# --- list -----------------------------------------------------------------------------------------

class CaseListPaginator(CappedPaginator):
    """The capped count without the list's ORDER BY: how many of the first cap + 1 rows exist does not
    depend on their order, and unordered PostgreSQL stops at cap + 1 matches in whatever order it reads
    them (a searched list's named ids by primary key) instead of sorting every match first."""

    @cached_property
    def count(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()


def filtered_cases(request: HttpRequest) -> tuple[CaseFilterSet, object]:
    visible = Case.objects.visible_to(request.user).select_related("agency", "post")
    filterset = CaseFilterSet(request.GET or None, queryset=visible, request=request)
    queryset = filterset.qs if filterset.is_bound and filterset.is_valid() else visible
    return filterset, order_cases(queryset, request.GET.get("ordering"))


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    filterset, cases = filtered_cases(request)
    use_fast_selects(filterset.form)  # country/post/agency options: most of the page's time otherwise
    for name in ("date_from", "date_to"):
        if name in filterset.form.fields:
            filterset.form.fields[name].widget.input_type = "date"
    cap = SEARCH_COUNT_CAP if (request.GET.get("q") or "").strip() else LIST_COUNT_CAP
    paginator = CaseListPaginator(cases, PAGE_SIZE, cap=cap)
    if request.GET.get("after"):  # keyset paging past the counted pages: constant cost at any depth
        page = KeysetPage(cases, PAGE_SIZE, request.GET["after"], paginator)
    else:
        page = paginator.get_page(request.GET.get("page"))
        if paginator.is_capped and page.number == paginator.num_pages and page.object_list:
            page.next_after = encode_cursor(list(page.object_list)[-1], cases.query.order_by[0].lstrip("-"))
    prefetch_related_objects(page.object_list, "items__taxon", "items__unit")
    for case in page.object_list:
        case.list_summary = case_items_summary(case)
    context = {
        "filterset": filterset,
        "filter_fields": [filterset.form[name] for name in (*LIST_FILTERS, *EXTRA_CASE_FILTERS)
                          if name in filterset.form.fields],
        "filters_open": any(request.GET.get(name) for name in (*LIST_FILTERS[1:], *EXTRA_CASE_FILTERS, "taxon")),
        "taxon_label": chosen_taxon_label(request.GET.get("taxon", "")),
        "page": page,
        "sorts": SORTS,
        "ordering": request.GET.get("ordering", "-occurred_at"),
        "can_export": permissions.can_export(request.user),
        "export_links": export_links(request),
    }
    template = "seizures/includes/case_results.html" if is_partial(request) else "seizures/case_list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def chosen_taxon_label(value: str) -> str:
    """The name shown in the species type-ahead for the `taxon` filter in the address."""
    taxon = Taxon.objects.filter(pk=int(value)).first() if value.isdigit() else None
    if taxon is None:
        return ""
    return f"{taxon.scientific_name} — {taxon.common_name}" if taxon.common_name else taxon.scientific_name


def export_links(request: HttpRequest) -> list[tuple[str, str]]:
    """Links to the API's export endpoints with the current filter and sort (page left out)."""
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return [(label, reverse(name) + suffix) for label, name in EXPORT_URL_NAMES]


# --- detail and actions ---------------------------------------------------------------------------

@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    user = request.user
    actions = permissions.case_actions(user, case)
    history = labelled_history(services.case_history(user, case)) if actions.get("view_audit") else None
    parties = CaseParty.objects.visible_to(user).filter(case=case).select_related(
        "person__nationality", "company__country")
    for party in parties:
        if party.person_id:
            services.log_person_access(user, party.person, case=case, request=request)
    items = services.attach_listings(case, list(SeizedItem.objects.visible_to(user).filter(case=case).select_related(
        "taxon", "term", "unit", "permit__issuing_country", "origin_country")))
    context = {
        "case": case,
        "actions": actions,
        "items": items,
        "permit_checks": [c for c in case_permit_checks(case, items) if c.status or c.needs_attention],
        "parties": parties,
        "conveyances": Conveyance.objects.visible_to(user).filter(case=case).select_related("country"),
        "attachments": Attachment.objects.visible_to(user).filter(case=case),
        "custody": case.custody_transfers.select_related("item__taxon", "recorded_by"),
        "history": history,
        "close_form": CloseForm(),
        "custody_form": CustodyForm(case=case) if permissions.can_record_custody(user, case) else None,
        "void_form": VoidForm(),
        "sharing_form": SharingForm(initial={
            "sharing_level": case.sharing_level,
            "shared_with_agencies": list(case.shared_with_agencies.all()),
            "shared_with_countries": list(case.shared_with_countries.all()),
        }) if actions.get("change_sharing") else None,
        "clear_draft": request.session.pop("clear_draft", ""),
    }
    return render(request, "seizures/case_detail.html", context)


HISTORY_MODELS = {"case": Case, "item": SeizedItem, "party": CaseParty}


def labelled_history(entries: list[dict]) -> list[dict]:
    """The history entries with the changed fields named as the forms name them (verbose names)."""
    for entry in entries:
        model = HISTORY_MODELS.get(entry["model"])
        entry["model_label"] = model._meta.verbose_name if model else entry["model"]
        for change in entry["changes"]:
            try:
                change["label"] = model._meta.get_field(change["field"]).verbose_name
            except Exception:  # a field no longer on the model, or an unknown stream
                change["label"] = change["field"]
    return entries


def _action(request: HttpRequest, pk: int, form_class, do) -> HttpResponse:
    case = visible_case(request, pk)
    form = form_class(request.POST) if form_class else None
    if form is not None and not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return redirect("seizures:case_detail", pk=case.pk)
    try:
        do(request.user, case, form.cleaned_data if form is not None else {})
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("Case %(reference)s updated.") % {"reference": case.reference})
    return redirect("seizures:case_detail", pk=case.pk)


@login_required
@require_POST
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, CloseForm, lambda user, case, data: services.close_case(user, case))


@login_required
@require_POST
def case_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, None, lambda user, case, data: services.reopen_case(user, case))


@login_required
@require_POST
def case_void(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, VoidForm, lambda user, case, data: services.void_case(user, case, data["reason"]))


@login_required
@require_POST
def case_sharing(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, SharingForm, lambda user, case, data: services.change_sharing(
        user, case, data["sharing_level"],
        agencies=data["shared_with_agencies"], countries=data["shared_with_countries"],
    ))


@login_required
@require_POST
def case_custody(request: HttpRequest, pk: int) -> HttpResponse:
    case = visible_case(request, pk)
    form = CustodyForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.record_custody_transfer(request.user, case, form.instance)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, _("Custody transfer recorded."))
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return redirect("seizures:case_detail", pk=case.pk)


@login_required
@require_GET
def attachment_file(request: HttpRequest, pk: int) -> FileResponse:
    """An attachment's file, served only to users who may see its case (media is never public)."""
    attachment = get_object_or_404(Attachment.objects.visible_to(request.user), pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    # Always a download with the checked type (the <img> of a photo still shows it): nothing uploaded is
    # ever rendered as a page, and the sandbox policy disarms a file even if a browser opened it.
    content_type = attachment.content_type if attachment.content_type in uploads.DOCUMENT_TYPES else None
    extension = uploads.DOCUMENT_TYPES.get(attachment.content_type, "bin")
    name = f"{attachment.case.reference}-{attachment.pk}.{extension}".replace("/", "-")
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=content_type or "application/octet-stream")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
