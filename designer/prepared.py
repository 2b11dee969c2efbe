"""Querysets compiled to SQL once and run again with new values.

Django turns a queryset into SQL every time it is evaluated. For the few lookups a worker
makes at every step of a run (lock the run, read its node runs' states, load the next
node) that compiling costs 0.5–1 ms of CPU each, ten to thirty times what the database
takes to answer. A `Prepared` query is built with the ORM and compiled the first time it
runs; its SQL is kept, and later calls put their own values where the first call's stood
and run the same statement. Rows come back as the queryset itself would give them (model
instances with their `select_related` objects, values, or flat values), because Django's
own iterable makes them.

The builder must depend on its arguments alone. An argument is an int, a str, or a list of
them (an `__in` lookup): the statement is kept per list length.
"""

import copy
import itertools
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.transaction import TransactionManagementError

# The stand-ins a builder is called with: values no real row holds (negative ids, strings
# starting with a NUL), each used once, so every one is found again among the compiled
# statement's parameters. Kept inside the 32-bit range: Django refuses, while compiling,
# an integer lookup its column could never match.
_FIRST_INT = -2_000_000_000
_KEPT_SHAPES = 64


@dataclass(frozen=True)
class _Compiled:
    sql: str
    # For each parameter of `sql`: the type, argument and item (of a list) whose value goes
    # there, or (None, None, the constant).
    slots: tuple[tuple[type | None, int | None, Any], ...]
    queryset: QuerySet
    compiler: Any
    for_update: bool
    # Per thread: how the columns are converted on that thread's connection (worked out
    # once; Django works them out again at every evaluation).
    local: threading.local = field(default_factory=threading.local)


class Prepared:
    """A queryset `build(*args)` whose SQL is made once per shape of its arguments."""

    def __init__(self, build: Callable[..., QuerySet]) -> None:
        self.build = build
        self._compiled: dict[tuple[int | None, ...], _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, *args: Any) -> list[Any]:
        """The rows the queryset `build(*args)` would give, as a list."""
        shape = tuple(_length(arg) for arg in args)
        if 0 in shape:
            # An empty list: Django answers without SQL (or with another statement).
            return list(self.build(*args))
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = self._compile(args)
            with self._lock:
                if len(self._compiled) >= _KEPT_SHAPES:
                    self._compiled.pop(next(iter(self._compiled)))
                self._compiled[shape] = compiled
        params = [
            # A constant of the statement (a status, say) stands as it was compiled.
            item if kind is None else kind(args[where] if item is None else args[where][item])
            for kind, where, item in compiled.slots
        ]
        queryset = compiled.queryset
        connection = connections[queryset.db]
        if (
            compiled.for_update
            and connection.features.has_select_for_update
            and connection.get_autocommit()
        ):
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        compiler = copy.copy(compiled.compiler)
        compiler.connection = connection  # this thread's, not the compiling one's
        compiler.as_sql = lambda *_, **__: (compiled.sql, params)
        local = compiled.local
        if getattr(local, "connection", None) is not connection:
            local.connection = connection
            local.converters = compiler.get_converters(
                [column[0] for column in compiler.select[0 : compiler.col_count]]
            )
        compiler.get_converters = lambda _: local.converters
        return list(queryset._iterable_class(_Evaluated(queryset, compiler)))

    def first(self, *args: Any) -> Any:
        """The first row `build(*args)` gives, or None."""
        return next(iter(self(*args)), None)

    def _compile(self, args: Sequence[Any]) -> _Compiled:
        numbers = itertools.count()
        stand_ins: dict[tuple[type, Any], tuple[type, int, int | None]] = {}

        def stand_in(value: Any, where: int, item: int | None) -> Any:
            n = next(numbers)
            if isinstance(value, bool) or not isinstance(value, int | str):
                raise TypeError(f"A prepared query takes ints and strs, not {value!r}.")
            made = _FIRST_INT - n if isinstance(value, int) else f"\x00prepared-{n}"
            stand_ins[(type(made), made)] = (type(made), where, item)
            return made

        built = [
            [stand_in(v, i, j) for j, v in enumerate(arg)]
            if _length(arg) is not None
            else stand_in(arg, i, None)
            for i, arg in enumerate(args)
        ]
        queryset = self.build(*built)
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots: list[tuple[Any, Any, Any]] = []
        seen = set()
        for param in params:
            found = stand_ins.get((type(param), param))
            if found is None:
                slots.append((None, None, param))
            else:
                slots.append(found)
                seen.add(found)
        if len(seen) != len(stand_ins):
            raise ValueError("Each argument of a prepared query must reach its SQL as a parameter.")
        for_update = bool(queryset.query.select_for_update)
        return _Compiled(sql, tuple(slots), queryset, compiler, for_update)


def _length(arg: Any) -> int | None:
    return len(arg) if isinstance(arg, list | tuple) else None


class _Evaluated:
    """What Django's iterables read of a queryset, with the compiler that runs the kept SQL."""

    def __init__(self, queryset: QuerySet, compiler: Any) -> None:
        self.db = queryset.db
        self.model = queryset.model
        self._fetch_mode = queryset._fetch_mode
        self._known_related_objects: dict = {}
        self._fields = getattr(queryset, "_fields", None)
        self.query = _Query(queryset.query, compiler)


class _Query:
    def __init__(self, query: Any, compiler: Any) -> None:
        self._query = query
        self._compiler = compiler

    def get_compiler(self, *_: Any, **__: Any) -> Any:
        return self._compiler

    def __getattr__(self, name: str) -> Any:
        return getattr(self._query, name)
