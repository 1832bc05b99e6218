"""Hot ORM queries run again from the SQL text the ORM wrote for them once (issue 15).

On the thread page, building a query with the ORM (its filters, the visibility rules'
Q objects, compiling them to SQL) cost more than running it. A `FixedQuery` is made once
from a queryset written with stand-ins (THREAD, VIEWER) in place of the ids that change
from one request to the next; it keeps the SQL text, its parameters and how its rows
become model instances (select_related included), and each request runs that text with
its own ids where the stand-ins were. The queryset stays the one definition of the query:
the text is exactly what the ORM writes for it (as accounts/backends.py does for the
user row), so results, ordering and the visibility rules cannot drift from it.

The rows become instances the way Django's own ModelIterable makes them (the compiler's
converters, `from_db`, the related populators), so they are what the queryset gives.
"""

from __future__ import annotations

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Stand-ins for the ids a request fills in: negative, so never a row's id, and never equal
# to another parameter of these queries (statuses, booleans).
THREAD = -918_273_645
VIEWER = -918_273_646
_STAND_INS = {THREAD: "thread", VIEWER: "viewer"}


class FixedQuery:
    """A queryset's SQL text and parameters, made once, run with other ids in the
    stand-ins' places. `instances=False`: rows come back as tuples (e.g. a count)."""

    def __init__(self, queryset: QuerySet, *, instances: bool = True) -> None:
        self.alias = queryset.db
        self.compiler = queryset.query.get_compiler(self.alias)
        self.sql, params = self.compiler.as_sql()
        if any(str(stand_in) in self.sql for stand_in in _STAND_INS):
            raise ValueError("A stand-in was written into the SQL text, not as a parameter.")
        self.params = list(params)
        # Where each stand-in goes: (position, name of the id that replaces it).
        self.slots = [
            (i, _STAND_INS[value])
            for i, value in enumerate(self.params)
            if type(value) is int and value in _STAND_INS
        ]
        self.instances = instances
        if instances:
            select, klass_info = self.compiler.select, self.compiler.klass_info
            if self.compiler.annotation_col_map:
                raise ValueError("Annotations are not read back; use instances=False.")
            fields = klass_info["select_fields"]
            self.model = klass_info["model"]
            self.model_columns = slice(fields[0], fields[-1] + 1)
            self.init_list = [column[0].target.attname for column in select[self.model_columns]]
            self.related = get_related_populators(klass_info, select, self.alias)

    def rows(self, **ids) -> list:
        """Run the text with these ids (`thread=`, `viewer=`) in the stand-ins' places."""
        params = list(self.params)
        for position, name in self.slots:
            params[position] = ids[name]
        with connections[self.alias].cursor() as cursor:
            cursor.execute(self.sql, params)
            found = cursor.fetchall()
        # The backend's converters (e.g. SQLite's text to datetimes). The compiler is the one
        # made with the text and is only read here, so threads can share it.
        rows = self.compiler.results_iter([found])
        if not self.instances:
            return list(rows)
        objects = []
        for row in rows:
            obj = self.model.from_db(self.alias, self.init_list, row[self.model_columns])
            for populator in self.related:
                populator.populate(row, obj)
            objects.append(obj)
        return objects
