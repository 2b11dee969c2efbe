"""Remove Duplicate Rows: keep one row of each group of rows equal on the chosen columns.

Missing values count as equal to each other, so two rows missing the same value are duplicates.
Remaining rows keep their input order and get a fresh 0..n-1 index. Must not change any value.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime import log_metric


def run(data: pd.DataFrame, columns: list[str] | None = None, keep: str = "first") -> pd.DataFrame:
    if keep not in ("first", "last"):
        raise ValueError(f"keep must be first or last, not {keep!r}")
    subset = list(dict.fromkeys(columns)) if columns else None
    unknown = [column for column in subset or [] if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        names = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {names}; the data has: {available}")
    repeated = data.duplicated(subset=subset, keep=keep)
    log_metric("removed_rows", int(repeated.sum()))
    remaining = data[~repeated.to_numpy()].reset_index(drop=True)
    remaining.attrs = dict(data.attrs)
    return remaining
