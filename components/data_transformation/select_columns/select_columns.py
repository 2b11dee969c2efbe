"""Select Columns: keep the listed columns of a dataframe, in the listed order.

Must not silently skip a column that does not exist: that would hide a broken pipeline.
"""

from __future__ import annotations

import pandas as pd


def run(data: pd.DataFrame, columns: list[str] | str) -> pd.DataFrame:
    wanted = [columns] if isinstance(columns, str) else list(columns or [])
    if not wanted:
        raise ValueError("choose at least one column to keep")
    # Listing a column twice would produce duplicate names, which Parquet cannot store.
    wanted = list(dict.fromkeys(wanted))
    unknown = [column for column in wanted if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        missing = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {missing}; the data has: {available}")
    selected = data[wanted].copy()
    selected.attrs = dict(data.attrs)
    return selected
