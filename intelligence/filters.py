"""The "has flags" case filter, contributed to seizures' CaseFilterSet (seizures never imports this).

Registered in `IntelligenceConfig.ready()`. It narrows by the flags the filtering user may know of
(`Flag.objects.visible_to`), so it never tells a user of a flag they could not open.
"""
from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Flag, FlagStatus

#: Values of the filter: any flag, an open one, a confirmed one, or no flag at all.
HAS_FLAGS_CHOICES = (
    ("any", _("Any flag")),
    (FlagStatus.OPEN.value, _("Open flag")),
    (FlagStatus.CONFIRMED.value, _("Confirmed flag")),
    ("none", _("No flag")),
)


class HasFlagsFilter(django_filters.ChoiceFilter):
    """Cases that are part of a repeat-suspect or repeat-route flag the user may see."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("choices", HAS_FLAGS_CHOICES)
        kwargs.setdefault("label", _("Has flags"))
        kwargs.setdefault("empty_label", _("Any"))
        kwargs.setdefault("help_text", _("any, open, confirmed or none: cases in a flag you may see."))
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        if not value:
            return qs
        flags = Flag.objects.visible_to(getattr(self.parent, "user", None))
        if value in (FlagStatus.OPEN, FlagStatus.CONFIRMED):
            flags = flags.filter(status=value)
        case_ids = Flag.cases.through.objects.filter(flag__in=flags).values("case_id")
        if value == "none":
            return qs.exclude(pk__in=case_ids)
        return qs.filter(pk__in=case_ids)


def has_flags_filter() -> HasFlagsFilter:
    return HasFlagsFilter(field_name="has_flags")
