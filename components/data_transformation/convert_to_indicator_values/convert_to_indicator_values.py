"""Convert to Indicator Values: one-hot encode chosen columns into 0/1 columns.

The indicator columns of a column take its place (or follow it when it is kept), one per distinct
value in sorted order, or per category in category order for a category column; a missing value
is 0 in all of them. Must not produce clashing names or thousands of columns silently.
"""

from __future__ import annotations

import pandas as pd


def run(
    data: pd.DataFrame, columns: list[str], drop_original: bool = True, max_values: int = 100
) -> pd.DataFrame:
    chosen = _known_columns(data, columns)
    pieces = []
    for column in data.columns:
        if column not in chosen or not drop_original:
            pieces.append(data[[column]])
        if column in chosen:
            pieces.append(_indicators(data[column], str(column), max_values))
    encoded = pd.concat(pieces, axis="columns")
    _check_unique(encoded)
    encoded.attrs = dict(data.attrs)
    return encoded


def _known_columns(data: pd.DataFrame, columns: list[str] | str) -> list[str]:
    chosen = list(dict.fromkeys([columns] if isinstance(columns, str) else columns or []))
    if not chosen:
        raise ValueError("choose at least one column to encode")
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    return chosen


def _indicators(series: pd.Series, column: str, max_values: int) -> pd.DataFrame:
    count = series.nunique(dropna=True)
    if count > max_values:
        raise ValueError(
            f"column {column!r} has {count} distinct values, more than max_values ({max_values}); "
            "raise max_values if you really want that many columns"
        )
    return pd.get_dummies(series, prefix=column, prefix_sep="_", dtype="int64")


def _check_unique(encoded: pd.DataFrame) -> None:
    names = [str(column) for column in encoded.columns]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(
            f"the indicator column(s) {', '.join(repeated)} clash with existing columns; "
            "rename those first"
        )
