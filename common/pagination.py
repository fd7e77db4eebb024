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
