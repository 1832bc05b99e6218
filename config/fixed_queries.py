"""Hot ORM queries run again from the SQL text the ORM wrote for them once (issue 15).

On the thread page and for a signed-in member's user row (accounts/backends.py), building
a query with the ORM (its filters, the visibility rules' Q objects, compiling them to SQL)
cost more than running it. A `FixedQuery` is made once from a queryset written with
stand-ins (THREAD, VIEWER) in place of the ids that change from one request to the next;
it keeps the SQL text, its parameters and how its rows become model instances
(select_related included), and each request runs that text with its own ids where the
stand-ins were. The queryset stays the one definition of the query: the text is exactly
what the ORM writes for it, so results, ordering and the visibility rules cannot drift
from it.

The rows become instances the way Django's own ModelIterable makes them (the compiler's
converters, `from_db`, the related populators), so they are what the queryset gives.
"""

from __future__ import annotations

import psycopg
from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Stand-ins for the ids a request fills in: negative, so never a row's id, and never equal
# to another parameter of these queries (statuses, booleans).
THREAD = -918_273_645
VIEWER = -918_273_646
_STAND_IN_DIGITS = "-9182"  # how every stand-in starts, written as SQL text


def _slot(value) -> str | None:
    """Which id a parameter stands in for ("thread" or "viewer"), or None."""
    if type(value) is int and value in (THREAD, VIEWER):
        return "thread" if value == THREAD else "viewer"
    return None


def _cursor(connection):
    """A cursor for a fixed text. On PostgreSQL (unless settings.DB_PREPARED_STATEMENTS is
    off) one that sends the parameters apart from the text, so that psycopg prepares the
    text once it has run `prepare_threshold` times on the connection (config/settings.py)
    and PostgreSQL no longer parses and plans it each time; Django's own cursors bind on
    the client, which never prepares. Opened and wrapped by the same steps as
    connection.cursor() (a health check, the thread check, the wrapper that turns errors
    into Django's and counts the queries for tests); only the cursor's class differs, and
    Django has no public way to ask for it."""
    if connection.vendor != "postgresql" or not settings.DB_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    return connection._prepare_cursor(psycopg.Cursor(connection.connection))


class FixedQuery:
    """A queryset's SQL text and parameters, made once, run with other ids in the
    stand-ins' places. `instances=False`: rows come back as tuples (e.g. a count)."""

    def __init__(self, queryset: QuerySet, *, instances: bool = True) -> None:
        self.alias = queryset.db
        compiler = queryset.query.get_compiler(self.alias)
        self.sql, params = compiler.as_sql()
        if _STAND_IN_DIGITS in self.sql:
            raise ValueError("A stand-in was written into the SQL text, not as a parameter.")
        self.params = list(params)
        # Where each stand-in goes: (position, name of the id).
        self.slots = [(i, slot) for i, value in enumerate(self.params) if (slot := _slot(value))]
        # The backend's converters for the selected columns (e.g. SQLite's text to
        # datetimes), by position, as the compiler applies them to each row. Kept rather
        # than the compiler (a tenth of the memory); they read settings, not the
        # connection's state, so any thread's connection can run them.
        select = compiler.select
        columns = [column[0] for column in select[: compiler.col_count]]
        if compiler.has_composite_fields(columns):
            raise ValueError("Composite keys are not read back here.")
        self.converters = list(compiler.get_converters(columns).items())
        self.instances = instances
        if instances:
            klass_info = compiler.klass_info
            if compiler.annotation_col_map:
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
        connection = connections[self.alias]
        with _cursor(connection) as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [self._converted(row, connection) for row in rows]
        if not self.instances:
            return list(rows)
        objects = []
        for row in rows:
            obj = self.model.from_db(self.alias, self.init_list, row[self.model_columns])
            for populator in self.related:
                populator.populate(row, obj)
            objects.append(obj)
        return objects

    def _converted(self, row, connection) -> tuple:
        row = list(row)
        for position, (converters, expression) in self.converters:
            value = row[position]
            for converter in converters:
                value = converter(value, expression, connection)
            row[position] = value
        return tuple(row)
