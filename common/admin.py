"""Admin pieces shared by several apps (plain Django; imports nothing of ours)."""
from __future__ import annotations


class StaffReadableMixin:
    """Reference data: every staff member may read it (and pick it in autocompletes);
    adding, changing and deleting it needs the model permissions (system administrators)."""

    def has_view_permission(self, request, obj=None) -> bool:
        user = request.user
        return (user.is_active and user.is_staff) or super().has_view_permission(request, obj)

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)


class ReadOnlyAdminMixin:
    """Records written only by services (logs, uses, jobs, import batches): nobody adds, changes or deletes them
    in the administration; who may read them is the admin class's own rule."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
