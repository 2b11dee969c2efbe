"""Summarize Data: one row of statistics per column of a dataframe.

Statistics ignore missing values. The numeric ones (mean, std with ddof 1 as in
``DataFrame.describe``, min, quartiles, max) are given for numeric columns, and for boolean
columns as 0/1 (so the mean is the share of true); other columns leave them empty. Must not fail
on any column type: a column it cannot describe numerically is still counted.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

NUMERIC_STATS = ("mean", "std", "min", "p25", "median", "p75", "max")


def run(data: pd.DataFrame) -> pd.DataFrame:
    rows = [_describe(str(column), data[column]) for column in data.columns]
    columns = ["column", "dtype", "count", "missing", "unique", *NUMERIC_STATS]
    # A new table about the columns: the input's attrs (its label column, ...) do not apply to it.
    return pd.DataFrame(rows, columns=columns)


def _describe(name: str, series: pd.Series) -> dict[str, Any]:
    present = series.dropna()
    row: dict[str, Any] = {
        "column": name,
        "dtype": str(series.dtype),
        "count": int(present.size),
        "missing": int(series.size - present.size),
        "unique": int(present.nunique()),
    }
    return row | _numeric_stats(present)


def _numeric_stats(present: pd.Series) -> dict[str, float]:
    dtype = present.dtype
    if not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)):
        return dict.fromkeys(NUMERIC_STATS, np.nan)
    values = present.astype("float64")
    if values.empty:
        return dict.fromkeys(NUMERIC_STATS, np.nan)
    p25, median, p75 = values.quantile([0.25, 0.5, 0.75]).tolist()
    return {
        "mean": float(values.mean()),
        "std": float(values.std(ddof=1)),
        "min": float(values.min()),
        "p25": p25,
        "median": median,
        "p75": p75,
        "max": float(values.max()),
    }
