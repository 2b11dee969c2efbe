"""Column casts for Edit Metadata, each failing with the column, row and value it cannot convert.

Missing values stay missing: integer and boolean columns that have some become pandas' nullable
``Int64`` and ``boolean`` types. Must not round or guess: 2.5 is not an integer, "maybe" is not a
boolean.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

TRUE_WORDS = {"true", "yes", "1", "1.0"}
FALSE_WORDS = {"false", "no", "0", "0.0"}


def _fail(series: pd.Series, column: str, bad: pd.Series, wanted: str) -> None:
    rows = series.index[bad.to_numpy(dtype=bool)]
    if len(rows):
        row = rows[0]
        raise ValueError(
            f"column {column!r} cannot become {wanted}: row {row} holds {_show(series[row])}"
            + (f" (and {len(rows) - 1} more row(s) cannot either)" if len(rows) > 1 else "")
        )


def _show(value: object) -> str:
    # numpy scalars repr as np.float64(386.1); people expect to read 386.1.
    item = getattr(value, "item", None)
    return repr(item() if callable(item) else value)


def to_float(series: pd.Series, column: str) -> pd.Series:
    numbers = pd.to_numeric(series, errors="coerce")
    _fail(series, column, series.notna() & numbers.isna(), "a number")
    return numbers.astype("float64")


def to_integer(series: pd.Series, column: str) -> pd.Series:
    numbers = to_float(series, column)
    _fail(series, column, numbers.notna() & (numbers % 1 != 0), "a whole number")
    return numbers.astype("Int64" if numbers.isna().any() else "int64")


def to_string(series: pd.Series, column: str) -> pd.Series:
    return series.astype("str")


def to_boolean(series: pd.Series, column: str) -> pd.Series:
    if pd.api.types.is_bool_dtype(series.dtype):
        return series
    words = series.map(lambda value: str(value).strip().lower(), na_action="ignore")
    known = words.isin(TRUE_WORDS | FALSE_WORDS)
    _fail(series, column, series.notna() & ~known, "true or false")
    flags = pd.Series(np.where(words.isin(TRUE_WORDS), True, False), index=series.index)
    if series.isna().any():
        return flags.astype("boolean").mask(series.isna())
    return flags


def to_category(series: pd.Series, column: str) -> pd.Series:
    return series.astype("category")


CASTS: dict[str, Callable[[pd.Series, str], pd.Series]] = {
    "integer": to_integer,
    "float": to_float,
    "string": to_string,
    "boolean": to_boolean,
    "category": to_category,
}
