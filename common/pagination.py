"""A paginator for large lists that never counts every row."""
from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CappedPaginator(Paginator):
    """Counts at most `cap` + 1 rows (``COUNT(*)`` over a ``LIMIT`` subquery), so the cost of a page
    does not grow with the table. Beyond the cap the list says "more than N" and pages stop at the
    cap: narrowing the filter, not paging through a million rows, is how a long list is read.
    """

    cap = 1000

    def __init__(self, object_list, per_page, cap: int | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        if cap is not None:
            self.cap = cap

    @cached_property
    def count(self) -> int:
        return self.object_list[: self.cap + 1].count()

    @property
    def is_capped(self) -> bool:
        """True when there are more rows than the cap (the count shown is then "more than cap")."""
        return self.count > self.cap

    @cached_property
    def num_pages(self) -> int:
        # Pages up to the cap only (the extra counted row only says that more exist).
        if self.is_capped:
            return max(1, -(-self.cap // self.per_page))
        return super().num_pages


class KeysetPage:
    """One page of a list read by keyset ("after this row"), the way a long list is paged past the cap.

    The queryset must be ordered by `(field, id)` (both ascending or both descending, as `order_cases`
    orders them); `after` is the opaque cursor of the previous page's last row. The cost of a page is
    that of the first page, whatever its depth. The count shown stays the capped one of `paginator`.
    """

    has_previous = False
    number = None

    def __init__(self, queryset, per_page: int, after: str, paginator: CappedPaginator) -> None:
        self.paginator = paginator
        ordering = list(queryset.query.order_by)
        self.field = ordering[0].lstrip("-")
        self.descending = ordering[0].startswith("-")
        position = decode_cursor(after)
        if position is not None:
            queryset = queryset.filter(self._after_q(*position))
        rows = list(queryset[: per_page + 1])
        self.object_list = rows[:per_page]
        self.has_next = len(rows) > per_page
        self.next_after = encode_cursor(self.object_list[-1], self.field) if self.has_next else ""
        self.is_keyset = True

    def _after_q(self, value, pk):
        from django.db.models import Q

        op = "lt" if self.descending else "gt"
        return Q(**{f"{self.field}__{op}": value}) | Q(**{self.field: value, f"pk__{op}": pk})


def encode_cursor(row, field: str) -> str:
    """The cursor of `row` in a list ordered by `(field, id)`."""
    import base64
    import json

    value = getattr(row, field)
    value = value.isoformat() if hasattr(value, "isoformat") else value
    return base64.urlsafe_b64encode(json.dumps([value, row.pk]).encode()).decode().rstrip("=")


def decode_cursor(cursor: str):
    """(value, pk) of a cursor, or None when it is not one of ours (then the list starts at the top)."""
    import base64
    import datetime
    import json

    try:
        value, pk = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if isinstance(value, str):
            try:
                value = datetime.datetime.fromisoformat(value)
            except ValueError:
                pass
        return value, int(pk)
    except (ValueError, TypeError):
        return None
