from django import template
from django.urls import NoReverseMatch, reverse

from analytics.models import SavedSearch
from seizures.permissions import can_view_statistics

register = template.Library()


@register.simple_tag
def statistics_url(user) -> str:
    """The statistics page's address for analysts, supervisors and system admins, else ""."""
    if not can_view_statistics(user):
        return ""
    try:
        return reverse("analytics:statistics")
    except NoReverseMatch:  # a site (URL configuration) without the statistics pages
        return ""


@register.simple_tag
def saved_searches(user) -> list:
    """The user's own saved searches (nobody else's)."""
    if user is None or not user.is_authenticated:
        return []
    return list(SavedSearch.objects.filter(user=user))
