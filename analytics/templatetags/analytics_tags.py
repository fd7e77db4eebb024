from django import template
from django.urls import reverse

from analytics.models import SavedSearch
from seizures.permissions import can_view_statistics

register = template.Library()


@register.simple_tag
def statistics_url(user) -> str:
    """The statistics page's address for analysts, supervisors and system admins, else ""."""
    return reverse("analytics:statistics") if can_view_statistics(user) else ""


@register.simple_tag
def saved_searches(user) -> list:
    """The user's own saved searches (nobody else's)."""
    if user is None or not user.is_authenticated:
        return []
    return list(SavedSearch.objects.filter(user=user))
