"""Group Data into Bins: integer bin numbers for numeric columns, by quantile or equal width.

Bin 0 holds the smallest values. Missing values get no bin (they stay missing, in a nullable
integer column). The bin edges of each column are printed to the step's log, so a reader can tell
what bin 3 means. Must not invent bins: when repeated values make quantile edges coincide, the
column gets fewer bins, and the log says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

STRATEGIES = ("quantile", "uniform")


def run(
    data: pd.DataFrame,
    columns: list[str],
    bins: int = 10,
    strategy: str = "quantile",
    output_mode: str = "append",
) -> pd.DataFrame:
    if strategy not in STRATEGIES:
        raise ValueError(f"strategy must be one of {', '.join(STRATEGIES)}, not {strategy!r}")
    if bins < 2:
        raise ValueError(f"bins must be at least 2, not {bins}")
    binned = data.copy()
    for column in _numeric_columns(data, columns):
        target = column if output_mode == "inplace" else f"{column}_bin"
        if output_mode != "inplace" and target in data.columns:
            raise ValueError(
                f"column {target!r} already exists; choose output_mode inplace or rename it first"
            )
        binned[target] = _bin_numbers(data[column], column, bins, strategy)
    binned.attrs = dict(data.attrs)
    return binned


def _numeric_columns(data: pd.DataFrame, columns: list[str] | str) -> list[str]:
    chosen = list(dict.fromkeys([columns] if isinstance(columns, str) else columns or []))
    if not chosen:
        raise ValueError("choose at least one column to bin")
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    for column in chosen:
        dtype = data[column].dtype
        if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
            raise ValueError(f"column {column!r} is {dtype}, not numeric")
        if data[column].notna().sum() == 0:
            raise ValueError(f"column {column!r} has no values to bin")
    return chosen


def _bin_numbers(series: pd.Series, column: str, bins: int, strategy: str) -> pd.Series:
    values = series.astype("float64")
    numbers, edges = _cut(values, bins, strategy)
    shown = ", ".join(f"{edge:.6g}" for edge in edges)
    count = max(len(edges) - 1, 1)
    note = f" (only {count}: values repeat)" if count < bins else ""
    print(f"{column}: {count} bins{note}, edges {shown}")
    numbers = pd.Series(numbers, index=series.index)
    return numbers.astype("Int64" if numbers.isna().any() else "int64")


def _cut(values: pd.Series, bins: int, strategy: str) -> tuple[np.ndarray, np.ndarray]:
    """Bin number per value (NaN where missing) and the bin edges."""
    if values.nunique() == 1:
        # qcut would put a constant column in no bin at all; one bin 0 is the honest answer.
        return np.where(values.notna(), 0.0, np.nan), np.array([values.min(), values.max()])
    if strategy == "quantile":
        numbers, edges = pd.qcut(values, q=bins, labels=False, retbins=True, duplicates="drop")
    else:
        numbers, edges = pd.cut(values, bins=bins, labels=False, retbins=True)
    return np.asarray(numbers, dtype="float64"), edges
