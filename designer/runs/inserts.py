"""Inserting thousands of rows at once: a 5,000-node run's node runs, the 5,000 events of its
cancel.

`QuerySet.bulk_create` builds its SQL one placeholder and one prepared value at a time through
the query compiler, which for 5,000 node runs of 25 columns takes most of a second; the
statement itself takes a few milliseconds. Here each column's way of making its values ready
for the database is worked out once, and the rows go over in one go: one `executemany`
(SQLite runs it without Python work per row), or on PostgreSQL one COPY (a quarter of the
time of the same rows as INSERTs).

Primary keys are not read back: these are for rows that nothing reads back by object. A COPY
goes around Django's cursor wrapper, so it is missing from the query log (`connection.queries`,
`CaptureQueriesContext`).
"""

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.utils import timezone


def insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert `rows` as `model(**row)` saved by `bulk_create` would be, without reading their
    primary keys back. A row names fields by attribute (`run_id`, not `run`); every field it
    leaves out takes the model's default (`auto_now`/`auto_now_add` times: now), worked out
    and made ready for the database once for all the rows."""
    if not rows:
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    database = connections[DEFAULT_DB_ALIAS]
    now = timezone.now()
    names, prepare, defaults = [], [], []
    for field in fields:
        ready = _preparer(field, database)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        else:
            default = field.get_default()
        names.append(field.attname)
        prepare.append(ready)
        defaults.append(default if ready is None or default is None else ready(default))
    columns = list(zip(names, prepare, defaults, strict=True))
    values = [
        tuple(
            (value if ready is None or value is None else ready(value))
            if (value := row.get(name, _MISSING)) is not _MISSING
            else default
            for name, ready, default in columns
        )
        for row in rows
    ]
    insert_values(model, names, values)


_MISSING = object()


def insert_values(model: type[models.Model], names: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows`, each holding the values of the columns `names` (attribute names, e.g.
    `run_id`) as the database takes them (see `ready`; a JSON column's value may also be its
    JSON text, which both databases take as it is). Columns left out get no default from the
    model, so name every column without a database default."""
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            placeholders = ", ".join(["%s"] * len(names))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", rows)


def ready(model: type[models.Model], name: str) -> Callable[[Any], Any]:
    """How a Python value of the field `name` becomes the value the database takes: text,
    numbers, booleans and ids as they are, None as NULL."""
    ready = _preparer(model._meta.get_field(name), connections[DEFAULT_DB_ALIAS]) or _same
    return lambda value: None if value is None else ready(value)


def _same(value: Any) -> Any:
    return value


def _preparer(field: models.Field, database: Any) -> Callable[[Any], Any] | None:
    """How a column's Python values (other than None, which is NULL) become database
    values; None when they already are."""
    if isinstance(
        field,
        models.CharField
        | models.TextField
        | models.IntegerField
        | models.BooleanField
        | models.FloatField,
    ) or (field.is_relation and isinstance(field.target_field, models.AutoField)):
        return None
    return partial(_prepared, field, database)


def _prepared(field: models.Field, database: Any, value: Any) -> Any:
    return field.get_db_prep_save(value, database)
