"""The API's filter backend: django-filter, where an empty value means no filter on that field and an over-long
value is refused before it reaches a query."""
from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

from common.limits import MAX_LENGTH_MESSAGE

# A filter value is a code, a date, a number or a few words of a name: 200 characters is far beyond any of them
# (a full name is at most 200 in the model) and keeps a trigram search on a million cases bounded.
QUERY_VALUE_MAX_LENGTH = 200


class BlankMeansNoFilterBackend(DjangoFilterBackend):
    """`?agency=` lists everything, as the web list does with an empty select, instead of answering 400."""

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        too_long = {}
        for key in list(data.keys()):
            values = [v for v in data.getlist(key) if str(v).strip()]
            longest = max((len(str(v)) for v in values), default=0)
            if longest > QUERY_VALUE_MAX_LENGTH:
                too_long[key] = [MAX_LENGTH_MESSAGE % {"limit_value": QUERY_VALUE_MAX_LENGTH, "show_value": longest}]
            if values:
                data.setlist(key, values)
            else:
                del data[key]
        if too_long:
            raise ValidationError(too_long)
        kwargs["data"] = data
        return kwargs
