"""Deep pages without OFFSET over full rows."""

from __future__ import annotations

from django.core.paginator import Paginator


class DeferredJoinPaginator(Paginator):
    """Page numbers over a large ordered queryset, as cheap on page 500 as on page 1.

    The page's ids come first, from an index-only scan of the index that matches the
    ordering (no joins, no row fetches while skipping the earlier pages); then the rows
    for just those ids are fetched with their joins. Two queries instead of one, each
    small. The first pages use a plain OFFSET. The queryset must be ordered, and its
    ordering backed by an index.
    """

    # Skipping this many rows with a plain OFFSET is cheaper than a second query.
    shallow_rows = 250

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < self.shallow_rows:
            return super().page(number)
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)
