"""Inserting thousands of rows at once: a 5,000-node run's node runs, the 5,000 events of its
cancel.

`QuerySet.bulk_create` builds its SQL one placeholder and one prepared value at a time through
the query compiler, which for 5,000 node runs of 25 columns takes most of a second; the
statement itself takes a few milliseconds. Here each column's way of making its values ready
for the database is worked out once, and the rows go over in one go: one `executemany`
(SQLite runs it without Python work per row), or on PostgreSQL one COPY (a quarter of the
time of the same rows as INSERTs).

Primary keys are not read back: these are for rows that nothing reads back by object.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert `objs` (unsaved instances of `model`) as `bulk_create` would, without setting
    their primary keys. Every concrete column but the automatic primary key is written;
    `auto_now`/`auto_now_add` times are set to now, as saving would."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, models.AutoField)]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objs:
                setattr(obj, field.attname, now)
    prepare = [_preparer(field) for field in fields]
    names = [field.attname for field in fields]
    rows = [
        tuple(
            value if ready is None else ready(value)
            for ready, value in zip(prepare, (getattr(obj, name) for name in names), strict=True)
        )
        for obj in objs
    ]
    insert_values(model, names, rows)


def insert_values(model: type[models.Model], names: Sequence[str], rows: list[tuple]) -> None:
    """Insert `rows`, each holding the values of the columns `names` (attribute names, e.g.
    `run_id`) as the database takes them: see `ready`. Columns left out get no default from
    the model, so name every column without a database default."""
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
    """How a Python value of the field `name` becomes the value the database takes (text,
    numbers, booleans and ids as they are; a JSON field's value may also be given as its JSON
    text, which both databases take as it is)."""
    return _preparer(model._meta.get_field(name)) or _same


def _same(value: Any) -> Any:
    return value


def _preparer(field: models.Field) -> Callable[[Any], Any] | None:
    """How a column's Python values become database values; None when they already are."""
    if isinstance(
        field,
        models.CharField
        | models.TextField
        | models.IntegerField
        | models.BooleanField
        | models.FloatField,
    ) or (field.is_relation and isinstance(field.target_field, models.AutoField)):
        return None
    return lambda value: field.get_db_prep_save(value, connection)
