"""Clean Missing Data: fit a MissingValueCleaner on the input, apply it, and output both.

The fitted values come from this input only, so applying the ``transform`` output to test or
new rows fills them with the training statistics. Must not guess types: a constant that does
not fit a column's type, or a mean asked of a text column, is an error naming the column.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from designer.runtime import log_metric
from designer.runtime.transforms import INDICATOR_SUFFIX, MissingValueCleaner

MODES = ("mean", "median", "mode", "constant", "remove_row", "remove_column")
NUMERIC_MODES = ("mean", "median")
TRUE_WORDS, FALSE_WORDS = {"true", "yes", "1"}, {"false", "no", "0"}


def run(
    data: pd.DataFrame,
    columns: list[str] | None = None,
    mode: str = "mean",
    constant: str | None = None,
    add_indicator: bool = False,
) -> dict[str, Any]:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    chosen = _chosen_columns(data, columns, mode)
    cleaner = _fit(data, chosen, mode, constant)
    if add_indicator:
        cleaner.indicator_columns = _indicator_sources(data, chosen)
    log_metric("missing_values", int(data[chosen].isna().sum().sum()))
    return {"data": cleaner.apply(data), "transform": cleaner}


def _is_number(series: pd.Series) -> bool:
    dtype = series.dtype
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _chosen_columns(data: pd.DataFrame, columns: list[str] | None, mode: str) -> list[str]:
    if not columns:
        if mode in NUMERIC_MODES:
            return [str(column) for column in data.columns if _is_number(data[column])]
        return [str(column) for column in data.columns]
    chosen = list(dict.fromkeys(columns))
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    if mode in NUMERIC_MODES:
        for column in chosen:
            if not _is_number(data[column]):
                raise ValueError(
                    f"column {column!r} is {data[column].dtype}: a {mode} needs numbers; "
                    "use mode or constant for it"
                )
    return chosen


def _fit(
    data: pd.DataFrame, chosen: list[str], mode: str, constant: str | None
) -> MissingValueCleaner:
    if mode == "remove_row":
        return MissingValueCleaner(drop_row_columns=chosen)
    if mode == "remove_column":
        return MissingValueCleaner(drop_columns=[c for c in chosen if data[c].isna().any()])
    if mode == "constant" and constant is None:
        raise ValueError("mode constant needs the constant parameter")
    fills = {column: _fill_value(data[column], column, mode, constant) for column in chosen}
    return MissingValueCleaner(fill_values=fills)


def _fill_value(series: pd.Series, column: str, mode: str, constant: str | None) -> Any:
    if mode == "constant":
        return _converted(str(constant), series, column)
    present = series.dropna()
    if present.empty:
        raise ValueError(f"column {column!r} has no values to take a {mode} of")
    if mode == "mean":
        return float(present.mean())
    if mode == "median":
        return float(present.median())
    value = present.mode().iloc[0]  # ties: the smallest of the most frequent values
    return value.item() if hasattr(value, "item") else value


def _converted(text: str, series: pd.Series, column: str) -> Any:
    """``text`` as a value of ``series``'s type; a ValueError naming the column if it is not."""
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        word = text.strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS:
            return word in TRUE_WORDS
        raise ValueError(
            f"constant {text!r} is not true or false, as boolean column {column!r} needs"
        )
    if _is_number(series):
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                f"constant {text!r} is not a number, as numeric column {column!r} needs"
            ) from None
        return (
            int(number) if pd.api.types.is_integer_dtype(dtype) and number.is_integer() else number
        )
    if pd.api.types.is_datetime64_any_dtype(dtype):
        try:
            return pd.Timestamp(text)
        except ValueError:
            raise ValueError(
                f"constant {text!r} is not a date, as column {column!r} needs"
            ) from None
    return text


def _indicator_sources(data: pd.DataFrame, chosen: list[str]) -> list[str]:
    taken = [f"{c}{INDICATOR_SUFFIX}" for c in chosen if f"{c}{INDICATOR_SUFFIX}" in data.columns]
    if taken:
        raise ValueError(
            f"column(s) {', '.join(taken)} already exist; rename them or turn add_indicator off"
        )
    return chosen
