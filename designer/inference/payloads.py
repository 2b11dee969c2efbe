"""Reading a scoring request's rows and checking them against an input schema.

A body is `{"rows": [{column: value}, ...]}` or `{"columns": [...], "data": [[...], ...]}`.
Either becomes the same thing: the rows by column, in the schema's order, every value of the
JSON type its column's dtype asks for. Anything else is refused before it reaches a scoring
process, naming the column and the row (counted from 0); a message never repeats a value,
because refusals are kept in the endpoint's failure log. Plain Python: the server's fast
path calls it on its event loop.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from rest_framework import status

from designer.errors import DomainError, InvalidInput

FLOATS = frozenset({"double", "float", "float64", "float32", "float16", "halffloat"})
INTEGERS = frozenset({"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64"})
BOOLEANS = frozenset({"bool", "boolean"})
STRINGS = frozenset({"string", "large_string", "utf8", "large_utf8", "str"})
# The exact types that need no closer look (bool is not int here: type(True) is bool).
FITTING: dict[str, frozenset[type]] = {
    "number": frozenset({float, int, type(None)}),
    "integer": frozenset({int, type(None)}),
    "boolean": frozenset({bool, type(None)}),
    "string": frozenset({str, type(None)}),
}
SHAPE = '{"rows": [{column: value}]} or {"columns": [...], "data": [[...]]}'
MAX_NAMES_LOGGED = 100


class TooLarge(DomainError):
    code = "too_large"
    status = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE


@dataclass(frozen=True)
class Rows:
    """Request rows by column, in the schema's order."""

    columns: dict[str, list[Any]]
    count: int


def read_rows(body: Any, schema: Sequence[Mapping[str, Any]], max_rows: int) -> Rows:
    """The rows of `body`, checked against `schema` ([{name, dtype}]; empty: any columns)."""
    if not isinstance(body, Mapping):
        raise InvalidInput(f"The body must be a JSON object: {SHAPE}.", code="bad_body")
    if "rows" in body and ("columns" in body or "data" in body):
        raise InvalidInput(f"Send rows in one form, not both: {SHAPE}.", code="bad_body")
    if "rows" in body:
        names, table = _from_records(body["rows"], max_rows)
    elif "columns" in body and "data" in body:
        names, table = _from_columnar(body["columns"], body["data"], max_rows)
    else:
        raise InvalidInput(f"The body holds no rows: send {SHAPE}.", code="bad_body")
    if not table:
        raise InvalidInput("The body holds no rows; send at least one.", code="no_rows")
    declared = {str(c["name"]): str(c.get("dtype") or "") for c in schema}
    if declared:
        _check_names(names, table, declared)
        names = list(declared)
    columns = {name: _column(name, declared.get(name, ""), table) for name in names}
    return Rows(columns, len(table))


def column_names(body: Any) -> list[str]:
    """The column names a body sent, for the failure log: never a value, at most 100."""
    names: list[str] = []
    if isinstance(body, Mapping) and isinstance(body.get("rows"), list):
        for row in body["rows"][:MAX_NAMES_LOGGED]:
            if isinstance(row, Mapping):
                names.extend(str(key)[:100] for key in row if str(key)[:100] not in names)
    elif isinstance(body, Mapping) and isinstance(body.get("columns"), list):
        names = [str(name)[:100] for name in body["columns"]]
    return list(dict.fromkeys(names))[:MAX_NAMES_LOGGED]


def _from_records(rows: Any, max_rows: int) -> tuple[list[str], list[Mapping[str, Any]]]:
    if not isinstance(rows, list):
        raise InvalidInput(f'"rows" must be a list of objects: {SHAPE}.', code="bad_body")
    _check_count(len(rows), max_rows)
    names: dict[str, None] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, Mapping):
            raise InvalidInput(
                f"Row {index} must be an object of column: value.", code="bad_row", row=index
            )
        names.update(dict.fromkeys(row))
    return list(names), rows


def _from_columnar(
    columns: Any, data: Any, max_rows: int
) -> tuple[list[str], list[Mapping[str, Any]]]:
    if not isinstance(columns, list) or not all(isinstance(c, str) for c in columns):
        raise InvalidInput('"columns" must be a list of column names.', code="bad_body")
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise InvalidInput(
            f"Column '{repeated[0]}' is named twice in \"columns\".",
            code="duplicate_column",
            column=repeated[0],
        )
    if not isinstance(data, list):
        raise InvalidInput('"data" must be a list of rows, each a list of values.', code="bad_body")
    _check_count(len(data), max_rows)
    table = []
    for index, values in enumerate(data):
        if not isinstance(values, list) or len(values) != len(columns):
            raise InvalidInput(
                f'Row {index} of "data" must be a list of {len(columns)} values, one for each '
                'of "columns".',
                code="bad_row",
                row=index,
            )
        table.append(dict(zip(columns, values, strict=True)))
    return columns, table


def _check_count(count: int, max_rows: int) -> None:
    if count > max_rows:
        raise TooLarge(
            f"A request may hold at most {max_rows} rows; this one holds {count}. Send them in "
            "several requests, or score a dataset with a batch pipeline.",
            code="too_many_rows",
        )


def _check_names(names: list[str], table: list[Mapping[str, Any]], declared: dict) -> None:
    wanted = declared.keys()
    if all(row.keys() == wanted for row in table):
        return  # every row has exactly the schema's columns: the usual case, checked at once
    schema = ", ".join(f"{name} ({dtype or 'any'})" for name, dtype in declared.items())
    for name in names:
        if name not in declared:
            row = next(i for i, r in enumerate(table) if name in r)
            raise InvalidInput(
                f"Unknown column '{name[:100]}' in row {row}; the input schema is: {schema}.",
                code="unknown_column",
                column=name[:100],
                row=row,
            )
    for index, row in enumerate(table):
        for name in declared:
            if name not in row:
                raise InvalidInput(
                    f"Row {index} lacks column '{name}'; the input schema is: {schema}.",
                    code="missing_column",
                    column=name,
                    row=index,
                )


def _column(name: str, dtype: str, table: list[Mapping[str, Any]]) -> list[Any]:
    values = [row.get(name) for row in table]
    expected = _expected(dtype)
    fitting = FITTING.get(expected)
    if fitting is None or not all(type(value) in fitting for value in values):
        _check_values(name, dtype, expected, values)
    if expected == "number" and not all(_finite(value) for value in values):
        # JSON has no NaN: null is the missing value, and NaN sent by a lenient writer too.
        return [value if _finite(value) else None for value in values]
    return values


def _check_values(name: str, dtype: str, expected: str, values: list[Any]) -> None:
    """Refuse the first value that does not fit, naming its column and row."""
    for index, value in enumerate(values):
        problem = _problem(value, expected)
        if problem:
            raise InvalidInput(
                f"Row {index}, column '{name}': expected {problem} ({dtype}), got {_kind(value)}.",
                code="bad_value",
                column=name,
                row=index,
            )


def _finite(value: Any) -> bool:
    return type(value) is not float or math.isfinite(value)


def _expected(dtype: str) -> str:
    if dtype in FLOATS:
        return "number"
    if dtype in INTEGERS:
        return "integer"
    if dtype in BOOLEANS:
        return "boolean"
    if dtype in STRINGS:
        return "string"
    return "value"


def _problem(value: Any, expected: str) -> str | None:
    """What `value` should have been, or None when it fits (null always fits)."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return "a single value" if expected == "value" else f"a {expected}"
    if expected == "number":
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif expected == "integer":
        ok = (isinstance(value, int) and not isinstance(value, bool)) or (
            isinstance(value, float) and value.is_integer()
        )
    elif expected == "boolean":
        ok = isinstance(value, bool)
    elif expected == "string":
        ok = isinstance(value, str)
    else:
        ok = True
    return None if ok else f"a {expected}"


def _kind(value: Any) -> str:
    """The JSON kind of a value, which a failure message may name (the value it may not)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__
