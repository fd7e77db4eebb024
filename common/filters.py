"""The API's filter backend: django-filter, where an empty value means no filter on that field."""
from __future__ import annotations

from typing import Any

from django_filters.rest_framework import DjangoFilterBackend


class BlankMeansNoFilterBackend(DjangoFilterBackend):
    """`?agency=` lists everything, as the web list does with an empty select, instead of answering 400."""

    def get_filterset_kwargs(self, request: Any, queryset: Any, view: Any) -> dict[str, Any]:
        kwargs = super().get_filterset_kwargs(request, queryset, view)
        data = kwargs["data"].copy()
        for key in list(data.keys()):
            values = [v for v in data.getlist(key) if str(v).strip()]
            if values:
                data.setlist(key, values)
            else:
                del data[key]
        kwargs["data"] = data
        return kwargs
