"""Admin for CITES permits and certificates, with their lines.

Staff may read permits (supervisors check them against seizures); registering and changing them needs
the model permissions. Permits are never deleted: a wrong one is cancelled (status).
"""
from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TabbedTranslationAdmin

from agencies.admin import GuardedHistoryAdmin
from common.admin import ReadOnlyAdminMixin, StaffReadableMixin

from .models import NationalRequirement, Permit, PermitLine, PermitUse


class PermitLineInline(admin.TabularInline):
    model = PermitLine
    extra = 0
    fields = ("line_no", "taxon", "term", "quantity", "unit", "source", "purpose", "quantity_used")
    readonly_fields = ("quantity_used",)
    autocomplete_fields = ("taxon", "term", "unit")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Permit)
class PermitAdmin(StaffReadableMixin, GuardedHistoryAdmin):
    list_display = ("number", "document_type", "issuing_country", "exporter_name", "importer_name",
                    "valid_from", "valid_until", "status")
    list_filter = ("status", "document_type", "issuing_country")
    search_fields = ("number", "number_normalized", "security_stamp_number", "exporter_name", "importer_name",
                     "lines__taxon__scientific_name")
    date_hierarchy = "valid_from"
    autocomplete_fields = ("issuing_country", "issuing_authority", "country_of_export", "country_of_import")
    readonly_fields = ("number_normalized", "created_by", "created_at", "updated_at")
    list_select_related = ("issuing_country",)
    inlines = (PermitLineInline,)
    fieldsets = (
        (None, {"fields": ("document_type", "number", "number_normalized", "status", "security_stamp_number")}),
        (_("Issued by"), {"fields": ("issuing_country", "issuing_authority", "issuing_authority_name",
                                     "issued_on", "valid_from", "valid_until")}),
        (_("Trade"), {"fields": ("exporter_name", "exporter_address", "country_of_export", "importer_name",
                                 "importer_address", "country_of_import")}),
        (_("Notes and audit"), {"fields": ("notes", "created_by", "created_at", "updated_at")}),
    )

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change) -> None:
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PermitLine)
class PermitLineAdmin(StaffReadableMixin, GuardedHistoryAdmin):
    list_display = ("permit", "line_no", "taxon", "term", "quantity", "unit", "quantity_used", "source",
                    "purpose")
    list_filter = ("source", "purpose", "term")
    search_fields = ("permit__number", "permit__number_normalized", "taxon__scientific_name")
    autocomplete_fields = ("permit", "taxon", "term", "unit")
    readonly_fields = ("quantity_used",)
    list_select_related = ("permit__issuing_country", "taxon", "term", "unit", "source", "purpose")

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PermitUse)
class PermitUseAdmin(ReadOnlyAdminMixin, StaffReadableMixin, admin.ModelAdmin):
    """Quantities taken from permit lines: written only by permits.services.use_quantity, read here."""

    list_display = ("line", "quantity", "reference", "used_by", "used_at", "released_at")
    search_fields = ("reference", "line__permit__number", "line__permit__number_normalized")
    date_hierarchy = "used_at"
    list_select_related = ("line__permit__issuing_country", "line__taxon", "line__term", "used_by")


@admin.register(NationalRequirement)
class NationalRequirementAdmin(StaffReadableMixin, TabbedTranslationAdmin):
    list_display = ("country", "taxon", "term", "direction", "document_name", "is_active")
    list_filter = ("direction", "is_active", "country")
    search_fields = ("document_name_en", "document_name_ru", "document_name_ky", "taxon__scientific_name")
    autocomplete_fields = ("country", "taxon", "term")
    list_select_related = ("country", "taxon", "term")
