"""Apply Math Operation: one numpy operation over chosen numeric columns, in place or appended.

Results are float64; missing values stay missing. Must not hide an undefined result: when a value
that was a number becomes NaN or infinite (log of 0, sqrt of -1, exp overflowing) the step fails
naming the column, the row and the value, instead of passing NaNs downstream.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

UNARY: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "log": np.log,
    "log1p": np.log1p,
    "exp": np.exp,
    "sqrt": np.sqrt,
    "abs": np.abs,
    "square": np.square,
}
BINARY: dict[str, Callable[[np.ndarray, float], np.ndarray]] = {
    "add": np.add,
    "subtract": np.subtract,
    "multiply": np.multiply,
    "divide": np.divide,
    "power": np.power,
}
HINTS = {
    "log": "log needs values above 0; log1p accepts 0",
    "log1p": "log1p needs values above -1",
    "sqrt": "sqrt needs values of 0 or more",
    "exp": "the result is too large for a float",
    "power": "a negative value has no fractional power, and 0 has no negative one",
}


def run(
    data: pd.DataFrame,
    columns: list[str],
    operation: str = "log",
    operand: float = 0.0,
    output_mode: str = "append",
) -> pd.DataFrame:
    _check_operation(operation, operand)
    chosen = _numeric_columns(data, columns)
    result = data.copy()
    for column in chosen:
        target = column if output_mode == "inplace" else f"{column}_{operation}"
        if output_mode != "inplace" and target in data.columns:
            raise ValueError(
                f"column {target!r} already exists; choose output_mode inplace or rename it first"
            )
        result[target] = _compute(data[column], column, operation, operand)
    result.attrs = dict(data.attrs)
    return result


def _check_operation(operation: str, operand: float) -> None:
    known = [*UNARY, "round", *BINARY]
    if operation not in known:
        raise ValueError(f"operation must be one of {', '.join(known)}, not {operation!r}")
    if operation == "divide" and operand == 0:
        raise ValueError("divide needs a non-zero operand")
    if operation == "round" and not float(operand).is_integer():
        raise ValueError(f"round needs a whole number of decimals as operand, not {operand}")


def _numeric_columns(data: pd.DataFrame, columns: list[str] | str) -> list[str]:
    chosen = list(dict.fromkeys([columns] if isinstance(columns, str) else columns or []))
    if not chosen:
        raise ValueError("choose at least one column")
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


def _compute(series: pd.Series, column: str, operation: str, operand: float) -> pd.Series:
    values = series.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(all="ignore"):
        if operation in UNARY:
            computed = UNARY[operation](values)
        elif operation == "round":
            computed = np.round(values, int(operand))
        else:
            computed = BINARY[operation](values, operand)
    undefined = np.flatnonzero(np.isfinite(values) & ~np.isfinite(computed))
    if undefined.size:
        first = undefined[0]
        hint = HINTS.get(operation, "the result is not a finite number")
        raise ValueError(
            f"{operation} is undefined for column {column!r} at row {series.index[first]} "
            f"(value {values[first]:g}) and {undefined.size - 1} more row(s); {hint}"
        )
    return pd.Series(computed, index=series.index, name=series.name)
