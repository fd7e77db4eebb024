"""Import batches and mapping templates in the administration: read only, limited to the user's agency."""
from __future__ import annotations

from django.contrib import admin

from common.admin import ReadOnlyAdminMixin
from seizures import permissions
from seizures.querysets import membership_of

from .models import ImportBatch, ImportedCase, MappingTemplate


class AgencyScopedReadOnlyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Superusers see everything; importers of an agency see that agency's rows; nobody writes here."""

    agency_field = "agency"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if permissions.is_system_admin(request.user):
            return qs
        membership = membership_of(request.user)
        if membership is None or not permissions.can_import_cases(request.user, membership.agency_id):
            return qs.none()
        return qs.filter(**{f"{self.agency_field}_id": membership.agency_id})

    def has_module_permission(self, request) -> bool:
        return permissions.is_system_admin(request.user) or (
            request.user.is_staff and permissions.can_import_cases(request.user))

    def has_view_permission(self, request, obj=None) -> bool:
        if not self.has_module_permission(request):
            return False
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()


@admin.register(ImportBatch)
class ImportBatchAdmin(AgencyScopedReadOnlyAdmin):
    list_display = ("file_name", "agency", "status", "total_rows", "created_cases", "error_rows", "created_by",
                    "created_at")
    list_filter = ("status",)
    search_fields = ("file_name", "sha256")


@admin.register(ImportedCase)
class ImportedCaseAdmin(AgencyScopedReadOnlyAdmin):
    agency_field = "batch__agency"
    list_display = ("original_number", "case", "batch", "rows")
    search_fields = ("original_number", "case__reference")


@admin.register(MappingTemplate)
class MappingTemplateAdmin(AgencyScopedReadOnlyAdmin):
    list_display = ("name", "agency", "created_by", "created_at")
