"""Admin for seizure cases and everything hanging off them.

Security: every list, page, autocomplete and choice list reads case data through the one visibility
rule (`Model.objects.visible_to(user)`). Only system administrators and staff with a staff role
(supervisors, agency administrators) use these pages; what they may change is decided by the case
rules of `seizures.permissions` (own agency, case neither closed nor voided, a recording role).
Cases, items, parties, persons and companies are never deleted: a case is voided, with a reason.
"""
from __future__ import annotations

from django.contrib import admin
from django.db.models import CharField, Count, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext_lazy as _

from agencies import services as accounts
from agencies.admin import GuardedHistoryAdmin
from agencies.choices import Role
from common.admin import ReadOnlyAdminMixin
from permits.admin import PermitUseAdmin as BasePermitUseAdmin
from permits.models import PermitUse

from . import access_log, permissions
from .choices import CaseStatus
from .models import (
    Attachment,
    Case,
    CaseParty,
    Company,
    Conveyance,
    CustodyTransfer,
    ExportJob,
    Person,
    PersonAccessLog,
    SeizedItem,
)
from .services import listing_inputs_changed, stamp_listing, void_case


def may_use_case_admin(user) -> bool:
    """System administrators and staff supervisors. Agency administrators manage accounts only and read no
    case or person data (README, roles)."""
    return accounts.is_system_admin(user) or accounts.staff_role(user) == Role.SUPERVISOR


def may_edit_case(user, case: Case | None) -> bool:
    """In the admin: a staff user for whom the case rule (seizures.permissions) allows editing."""
    return case is not None and may_use_case_admin(user) and permissions.can_edit_case(user, case)


def editable_cases(user):
    """The cases `user` may add rows to in the admin (visible, own agency, neither closed nor voided)."""
    cases = Case.objects.visible_to(user)
    if accounts.is_system_admin(user):
        return cases.filter(is_voided=False)
    if not may_use_case_admin(user) or not permissions.can_create_case(user):
        return cases.none()
    return cases.filter(agency_id=accounts.own_agency_id(user), is_voided=False).exclude(status=CaseStatus.CLOSED)


class ScopedChoicesMixin:
    """Foreign-key choices to case data go through the visibility rule; a row can only be put under a case
    the user may change."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if related is Case:
            kwargs["queryset"] = editable_cases(request.user)
        elif hasattr(related.objects, "visible_to"):
            kwargs["queryset"] = related.objects.visible_to(request.user).filter(
                **self.extra_choice_filter(db_field, request)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def extra_choice_filter(self, db_field, request) -> dict:
        return {}


class CaseDataAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Base of every case-data admin: scoped queryset and role-based permissions.

    The Django permission tables are not consulted: the roles and the visibility rule decide.
    """

    deletable = False

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def case_of(self, obj) -> Case | None:
        return obj.case

    def may_edit(self, request, obj) -> bool:
        return may_edit_case(request.user, self.case_of(obj))

    def is_visible(self, request, obj) -> bool:
        return accounts.is_system_admin(request.user) or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_module_permission(self, request) -> bool:
        return may_use_case_admin(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return may_use_case_admin(request.user) and (obj is None or self.is_visible(request, obj))

    def has_change_permission(self, request, obj=None) -> bool:
        if not may_use_case_admin(request.user):
            return False
        return obj is None or (self.is_visible(request, obj) and self.may_edit(request, obj))

    def has_add_permission(self, request) -> bool:
        return accounts.is_system_admin(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and self.has_change_permission(request, obj) and (
            obj is not None or accounts.is_system_admin(request.user)
        )


class CaseHistoryAdmin(CaseDataAdmin, GuardedHistoryAdmin):
    """Case data with a change history ("History" button): the API's history rule
    (`permissions.can_view_audit`: supervisors of the owning agency, system administrators)."""

    def has_history_permission(self, request, obj) -> bool:
        return permissions.can_view_audit(request.user, self.case_of(obj))


class CaseChildInline(ScopedChoicesMixin, admin.TabularInline):
    """A row under a case: shown when the case is visible, editable when the case is."""

    extra = 0
    deletable = False

    def has_view_permission(self, request, obj=None) -> bool:
        return may_use_case_admin(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return may_use_case_admin(request.user) and (obj is None or may_edit_case(request.user, obj))

    def has_add_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.deletable and self.has_change_permission(request, obj)

    def extra_choice_filter(self, db_field, request) -> dict:
        """Under a case, an attachment or a custody link names an item of that same case."""
        if db_field.name != "item":
            return {}
        match = request.resolver_match
        return {"case_id": match.kwargs.get("object_id") if match else None}


class SeizedItemInline(CaseChildInline):
    model = SeizedItem
    fields = ("taxon", "unidentified_description", "origin_country", "term", "quantity", "unit", "second_quantity",
              "second_unit", "live_count", "condition", "estimated_value", "currency", "disposition", "permit",
              "permit_number_as_written", "cites_appendix_at_seizure")
    readonly_fields = ("cites_appendix_at_seizure",)
    autocomplete_fields = ("taxon", "origin_country", "term", "unit", "second_unit", "permit")


class CasePartyInline(CaseChildInline):
    model = CaseParty
    fields = ("person", "company", "role", "notes")
    autocomplete_fields = ("person", "company")


class ConveyanceInline(CaseChildInline):
    model = Conveyance
    fields = ("kind", "identifier", "carrier", "country", "description")
    autocomplete_fields = ("country",)
    deletable = True


class AttachmentInline(CaseChildInline):
    model = Attachment
    fields = ("kind", "file", "item", "description", "size", "uploaded_by", "uploaded_at")
    readonly_fields = ("size", "uploaded_by", "uploaded_at")
    deletable = True


class CustodyTransferInline(CaseChildInline):
    model = CustodyTransfer
    fields = ("transferred_at", "item", "from_name", "from_organisation", "to_name", "to_organisation",
              "location", "purpose", "recorded_by")
    readonly_fields = ("recorded_by",)


def stamp_new_rows(request, instances) -> None:
    """Who added an attachment or a custody link, and the listing that applied to a new item."""
    for instance in instances:
        if isinstance(instance, Attachment) and instance.uploaded_by_id is None:
            instance.uploaded_by = request.user
        elif isinstance(instance, CustodyTransfer) and instance.recorded_by_id is None:
            instance.recorded_by = request.user
        elif isinstance(instance, SeizedItem):
            stamp_listing(instance, force=listing_inputs_changed(instance))


@admin.register(Case)
class CaseAdmin(CaseHistoryAdmin):
    list_display = ("reference", "occurred_at", "agency", "post", "status", "sharing_level", "item_count",
                    "is_voided", "recorded_by")
    list_filter = ("status", "sharing_level", "is_voided", "detection_method", "transport_mode", "concealment",
                   "outcome", "agency")
    search_fields = ("reference", "agency_case_number", "criminal_case_number", "location_text", "description",
                     "items__taxon__scientific_name", "items__taxon__common_name_en",
                     "items__taxon__common_name_ru", "items__taxon__common_name_ky",
                     "parties__person__full_name", "parties__person__id_document_number",
                     "parties__company__name", "conveyances__identifier")
    date_hierarchy = "occurred_at"
    list_select_related = ("agency", "post", "recorded_by")
    autocomplete_fields = ("agency", "post", "origin_country", "export_country", "destination_country",
                           "transit_countries", "transit_posts", "shared_with_agencies", "shared_with_countries")
    readonly_fields = ("reference", "year", "sequence", "recorded_by", "created_at", "updated_at", "voided_at",
                       "voided_by")
    inlines = (SeizedItemInline, CasePartyInline, ConveyanceInline, AttachmentInline, CustodyTransferInline)
    fieldsets = (
        (None, {"fields": ("reference", "agency_case_number", "agency", "status", "occurred_at", "post",
                           "location_text",
                           ("latitude", "longitude"))}),
        (_("Detection and route"), {"fields": ("detection_method", "transport_mode", "concealment",
                                               "origin_country", "export_country", "transit_countries",
                                               "transit_posts",
                                               "destination_country")}),
        (_("Sharing"), {"fields": ("sharing_level", "shared_with_agencies", "shared_with_countries")}),
        (_("Description and outcome"), {"fields": ("description", "outcome", ("fine_amount", "fine_currency"),
                                                   "criminal_case_number", "court_result")}),
        (_("Voiding"), {"fields": ("is_voided", "void_reason", "voided_at", "voided_by")}),
        (_("Audit"), {"fields": ("year", "sequence", "recorded_by", "created_at", "updated_at")}),
    )

    def case_of(self, obj) -> Case:
        return obj

    def get_queryset(self, request):
        # A count per shown row (a correlated subquery), not a GROUP BY over every visible case: the list
        # keeps the model's ordering and walks its index, so a page of a million cases costs a page.
        items = (SeizedItem.objects.filter(case=OuterRef("pk")).order_by().values("case")
                 .annotate(total=Count("*")).values("total"))
        return super().get_queryset(request).annotate(item_total=Coalesce(Subquery(items), 0))

    @admin.display(description=_("items"), ordering="item_total")
    def item_count(self, obj) -> int:
        return obj.item_total

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        if not accounts.is_system_admin(request.user):
            fields += ("agency",)  # a case never moves to another agency
        return fields

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.recorded_by = request.user
        voiding = change and "is_voided" in form.changed_data and obj.is_voided
        if voiding:  # through the voiding rule (supervisors of the owning agency), after the other changes
            reason, obj.is_voided, obj.void_reason = obj.void_reason, False, form.initial.get("void_reason", "")
        super().save_model(request, obj, form, change)
        if voiding:
            void_case(request.user, obj, reason)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        stamp_new_rows(request, instances)
        for instance in instances:
            instance.save()
        for deleted in formset.deleted_objects:
            deleted.delete()
        formset.save_m2m()


@admin.register(SeizedItem)
class SeizedItemAdmin(CaseHistoryAdmin):
    list_display = ("case", "taxon", "unidentified_description", "term", "quantity", "unit", "condition",
                    "disposition", "cites_appendix_at_seizure")
    list_filter = ("condition", "disposition", "cites_appendix_at_seizure", "term")
    search_fields = ("case__reference", "taxon__scientific_name", "taxon__common_name_en",
                     "taxon__common_name_ru", "taxon__common_name_ky", "taxon__synonyms__name",
                     "unidentified_description", "permit_number_as_written")
    autocomplete_fields = ("case", "taxon", "origin_country", "term", "unit", "permit")
    readonly_fields = ("cites_appendix_at_seizure",)
    list_select_related = ("case", "taxon", "term", "unit")

    def save_model(self, request, obj, form, change) -> None:
        stamp_listing(obj, force=listing_inputs_changed(obj))
        super().save_model(request, obj, form, change)


class PartyAdmin(CaseHistoryAdmin):
    """Persons and companies: visible through a visible case; changed by their recording agency."""

    def case_of(self, obj) -> None:
        return None

    def may_edit(self, request, obj) -> bool:
        if accounts.is_system_admin(request.user):
            return True
        return (may_use_case_admin(request.user) and permissions.can_create_case(request.user)
                and obj.agency_id == accounts.own_agency_id(request.user))

    def get_readonly_fields(self, request, obj=None):
        fields = tuple(super().get_readonly_fields(request, obj))
        return fields if accounts.is_system_admin(request.user) else (*fields, "agency")

    def has_history_permission(self, request, obj) -> bool:
        # as for the person access log: supervisors of the recording agency, system administrators
        return permissions.can_view_person_access_log(request.user, obj)


@admin.register(Person)
class PersonAdmin(PartyAdmin):
    list_display = ("full_name", "sex", "birth_date", "birth_year", "nationality", "id_document_type",
                    "id_document_number", "agency", "created_at")
    list_filter = ("sex", "id_document_type", "nationality", "agency")
    search_fields = ("full_name", "surname", "given_names", "patronymic", "id_document_number", "phone")
    autocomplete_fields = ("agency", "nationality", "id_document_country")
    readonly_fields = ("created_at",)
    list_select_related = ("nationality", "agency")
    date_hierarchy = "created_at"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            access_log.record(request, response.context_data["original"], channel=access_log.Channel.ADMIN)
        return response


@admin.register(Company)
class CompanyAdmin(PartyAdmin):
    list_display = ("name", "registration_number", "country", "agency")
    list_filter = ("country", "agency")
    search_fields = ("name", "registration_number")
    autocomplete_fields = ("agency", "country")
    list_select_related = ("country", "agency")


@admin.register(CaseParty)
class CasePartyAdmin(CaseHistoryAdmin):
    list_display = ("case", "person", "company", "role")
    list_filter = ("role",)
    search_fields = ("case__reference", "person__full_name", "person__id_document_number", "company__name")
    autocomplete_fields = ("case", "person", "company")
    list_select_related = ("case", "person", "company")


@admin.register(Conveyance)
class ConveyanceAdmin(CaseDataAdmin):
    list_display = ("case", "kind", "identifier", "carrier", "country")
    list_filter = ("kind", "country")
    search_fields = ("case__reference", "identifier", "identifier_normalized", "carrier")
    autocomplete_fields = ("case", "country")
    list_select_related = ("case", "country")
    deletable = True


@admin.register(Attachment)
class AttachmentAdmin(CaseDataAdmin):
    list_display = ("case", "kind", "description", "item", "size", "content_type", "uploaded_by",
                    "uploaded_at")
    list_filter = ("kind",)
    search_fields = ("case__reference", "description")
    autocomplete_fields = ("case", "item")
    readonly_fields = ("size", "content_type", "uploaded_by", "uploaded_at")
    date_hierarchy = "uploaded_at"
    list_select_related = ("case", "item", "uploaded_by")
    deletable = True

    def save_model(self, request, obj, form, change) -> None:
        stamp_new_rows(request, [obj])
        super().save_model(request, obj, form, change)


@admin.register(CustodyTransfer)
class CustodyTransferAdmin(CaseHistoryAdmin):
    list_display = ("case", "transferred_at", "item", "from_name", "to_name", "location", "recorded_by")
    search_fields = ("case__reference", "from_name", "to_name", "from_organisation", "to_organisation",
                     "location")
    autocomplete_fields = ("case", "item")
    readonly_fields = ("recorded_by", "created_at")
    date_hierarchy = "transferred_at"
    list_select_related = ("case", "item", "recorded_by")

    def save_model(self, request, obj, form, change) -> None:
        stamp_new_rows(request, [obj])
        super().save_model(request, obj, form, change)


@admin.register(PersonAccessLog)
class PersonAccessLogAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Who opened which person's record: read-only, for those the access-log rule allows."""

    list_display = ("accessed_at", "person", "user", "agency", "case", "channel", "ip_address")
    list_filter = ("channel",)
    search_fields = ("person__full_name", "user__username", "ip_address")  # never by a case reference
    date_hierarchy = "accessed_at"
    list_select_related = ("person", "user", "agency")  # not "case": access_log names visible cases only

    def get_queryset(self, request):
        logs = access_log.readable_entries(request.user, super().get_queryset(request))
        if accounts.is_system_admin(request.user):
            return logs
        return logs.filter(person__in=Person.objects.visible_to(request.user),
                           person__agency_id=accounts.own_agency_id(request.user))

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        if not may_use_case_admin(request.user):
            return False
        if obj is None:
            return accounts.is_system_admin(request.user) or permissions.can_view_audit(request.user)
        return permissions.can_view_person_access_log(request.user, obj.person)


@admin.register(ExportJob)
class ExportJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Background exports: read-only; each user sees only their own, the system administrator all."""

    list_display = ("created_at", "user", "format", "status", "written", "total", "finished_at")
    list_filter = ("status", "format")
    readonly_fields = ("user", "format", "params", "language", "status", "total", "written", "file", "error",
                       "created_at", "finished_at")
    fields = readonly_fields

    def get_queryset(self, request):
        jobs = super().get_queryset(request).select_related("user")
        return jobs if accounts.is_system_admin(request.user) else jobs.filter(user=request.user)

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        if not may_use_case_admin(request.user):
            return False
        return obj is None or accounts.is_system_admin(request.user) or obj.user_id == request.user.pk


admin.site.unregister(PermitUse)


@admin.register(PermitUse)
class PermitUseAdmin(BasePermitUseAdmin):
    """A use names a case ("<case reference>/<item id>", seizures.permit_checks.use_reference), its items and
    its recorder: only uses of visible cases are shown; other uses (shipments) to system administrators."""

    def get_queryset(self, request):
        uses = super().get_queryset(request)
        if accounts.is_system_admin(request.user):
            return uses
        references = SeizedItem.objects.filter(case__in=Case.objects.visible_to(request.user)).annotate(
            use_reference=Concat("case__reference", Value("/"), Cast("pk", CharField()), output_field=CharField())
        ).values("use_reference")
        return uses.filter(reference__in=references)

    def has_view_permission(self, request, obj=None) -> bool:
        if not may_use_case_admin(request.user):
            return False
        return obj is None or accounts.is_system_admin(request.user) or (
            self.get_queryset(request).filter(pk=obj.pk).exists())

    def has_module_permission(self, request) -> bool:
        return may_use_case_admin(request.user)
