"""Normalize Data: fit a ColumnScaler on the input's columns, apply it, and output both.

The shift and scale come from this input only, so Apply Transformation scales test or new rows
with the training statistics. Must not divide by zero: a column with no spread (a constant) gets
scale 1 and so becomes 0 under zscore, minmax and robust.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from designer.runtime.transforms import ColumnScaler, as_float

METHODS = ("zscore", "minmax", "robust", "logistic", "tanh")


def run(
    data: pd.DataFrame, columns: list[str] | None = None, method: str = "zscore"
) -> dict[str, Any]:
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    chosen = _chosen_columns(data, columns)
    scaler = ColumnScaler(method)
    for column in chosen:
        shift, scale = _shift_and_scale(as_float(data[column], column), column, method)
        scaler.shifts[column], scaler.scales[column] = shift, scale
    return {"data": scaler.apply(data), "transform": scaler}


def _is_number(series: pd.Series) -> bool:
    dtype = series.dtype
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _chosen_columns(data: pd.DataFrame, columns: list[str] | None) -> list[str]:
    if not columns:
        label = data.attrs.get("label_column")
        chosen = [str(c) for c in data.columns if c != label and _is_number(data[c])]
        if not chosen:
            raise ValueError("the data has no numeric columns to normalize")
        return chosen
    chosen = list(dict.fromkeys(columns))
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    for column in chosen:
        if not _is_number(data[column]):
            raise ValueError(f"column {column!r} is {data[column].dtype}, not numeric")
    return chosen


def _shift_and_scale(values: pd.Series, column: str, method: str) -> tuple[float, float]:
    if method in ("logistic", "tanh"):
        return 0.0, 1.0
    present = values.dropna()
    if present.empty:
        raise ValueError(f"column {column!r} has no values to normalize")
    if np.isinf(present).any():
        row = present.index[np.isinf(present)][0]
        raise ValueError(f"column {column!r} has an infinite value at row {row}")
    if method == "zscore":
        shift, spread = present.mean(), present.std(ddof=0)
    elif method == "minmax":
        shift, spread = present.min(), present.max() - present.min()
    else:
        shift, spread = present.median(), present.quantile(0.75) - present.quantile(0.25)
    return float(shift), float(spread) if spread > 0 else 1.0
