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
