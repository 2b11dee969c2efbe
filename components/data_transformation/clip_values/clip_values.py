"""Clip Values: bound chosen numeric columns below and/or above, by value or by percentile.

Percentile bounds are computed per column from that column's present values. Missing values stay
missing. Must not clip with bounds that make no sense (none given, lower above upper, a percentile
outside 0-100): each is an error saying which.
"""

from __future__ import annotations

import pandas as pd

MODES = ("values", "percentile")


def run(
    data: pd.DataFrame,
    columns: list[str],
    mode: str = "values",
    lower: float | None = None,
    upper: float | None = None,
) -> pd.DataFrame:
    _check_bounds(mode, lower, upper)
    clipped = data.copy()
    for column in _numeric_columns(data, columns):
        low, high = _bounds(data[column], mode, lower, upper)
        clipped[column] = data[column].clip(lower=low, upper=high)
    clipped.attrs = dict(data.attrs)
    return clipped


def _check_bounds(mode: str, lower: float | None, upper: float | None) -> None:
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if lower is None and upper is None:
        raise ValueError("set lower, upper or both")
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(f"lower ({lower:g}) is above upper ({upper:g})")
    if mode == "percentile":
        for name, bound in (("lower", lower), ("upper", upper)):
            if bound is not None and not 0 <= bound <= 100:
                raise ValueError(f"{name} must be a percentile from 0 to 100, not {bound:g}")


def _numeric_columns(data: pd.DataFrame, columns: list[str] | str) -> list[str]:
    chosen = list(dict.fromkeys([columns] if isinstance(columns, str) else columns or []))
    if not chosen:
        raise ValueError("choose at least one column to clip")
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    for column in chosen:
        dtype = data[column].dtype
        if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
            raise ValueError(f"column {column!r} is {dtype}, not numeric")
    return chosen


def _bounds(
    series: pd.Series, mode: str, lower: float | None, upper: float | None
) -> tuple[float | None, float | None]:
    if mode == "values":
        return lower, upper
    present = series.dropna()
    if present.empty:
        return None, None  # nothing to clip, nothing to take percentiles of

    def at(percent: float | None) -> float | None:
        return None if percent is None else float(present.quantile(percent / 100))

    return at(lower), at(upper)
