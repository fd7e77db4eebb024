from django import template
from django.urls import reverse

from seizures.permissions import can_view_statistics

register = template.Library()


@register.simple_tag
def statistics_url(user) -> str:
    """The statistics page's address for analysts, supervisors and system admins, else ""."""
    return reverse("analytics:statistics") if can_view_statistics(user) else ""
