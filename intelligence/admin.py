"""Admin for flags and alerts; reads go through visible_to(user) like every other door."""
from __future__ import annotations

from django.contrib import admin

from .models import Alert, Flag, MatchMarker


class VisibleAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)


@admin.register(Flag)
class FlagAdmin(VisibleAdmin):
    list_display = ["id", "kind", "status", "score", "cross_agency", "created_at"]
    list_filter = ["kind", "status", "cross_agency"]
    # Review (confirm/dismiss with a reason) happens in the intelligence pages or the API, through services.
    readonly_fields = ["kind", "key", "status", "review_reason", "score", "explanation", "cross_agency", "country",
                       "persons", "cases", "agencies", "reviewed_by", "reviewed_at", "created_at", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Alert)
class AlertAdmin(VisibleAdmin):
    list_display = ["id", "flag", "agency", "created_at", "read_at", "emailed_at"]
    list_filter = ["agency"]
    readonly_fields = ["flag", "agency", "created_at", "read_at", "emailed_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(MatchMarker)
class MatchMarkerAdmin(admin.ModelAdmin):
    list_display = ["kind", "object_id", "version", "attempts", "created_at", "touched_at"]
    list_filter = ["kind"]

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser
