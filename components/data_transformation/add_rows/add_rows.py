"""Add Rows: the union (with repeats) of two dataframes' rows, columns matched by name.

Must not invent or drop columns: both inputs need exactly the same column names (order may
differ; the output follows top's order), and a column that is numeric in one input and text in
the other is an error rather than a silently mixed column.
"""

from __future__ import annotations

import pandas as pd


def run(top: pd.DataFrame, bottom: pd.DataFrame) -> pd.DataFrame:
    _check_same_columns(top, bottom)
    for column in top.columns:
        _check_same_kind(column, top[column], bottom[column])
    combined = pd.concat([top, bottom[list(top.columns)]], ignore_index=True)
    combined.attrs = dict(top.attrs)
    return combined


def _check_same_columns(top: pd.DataFrame, bottom: pd.DataFrame) -> None:
    only_top = [str(column) for column in top.columns if column not in bottom.columns]
    only_bottom = [str(column) for column in bottom.columns if column not in top.columns]
    if only_top or only_bottom:
        parts = []
        if only_top:
            parts.append(f"only in top: {', '.join(only_top)}")
        if only_bottom:
            parts.append(f"only in bottom: {', '.join(only_bottom)}")
        raise ValueError(f"both inputs need the same column names; {'; '.join(parts)}")


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series.dtype):
        return "boolean"
    if pd.api.types.is_numeric_dtype(series.dtype):
        return "numeric"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return "date/time"
    return "text"


def _check_same_kind(column: object, top: pd.Series, bottom: pd.Series) -> None:
    # A column with no values at all takes whatever the other input has.
    if top.isna().all() or bottom.isna().all():
        return
    top_kind, bottom_kind = _kind(top), _kind(bottom)
    if top_kind != bottom_kind:
        raise ValueError(
            f"column {column!r} is {top_kind} ({top.dtype}) in top but {bottom_kind} "
            f"({bottom.dtype}) in bottom; convert one with Edit Metadata first"
        )
