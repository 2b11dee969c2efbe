"""Select Columns Transform: remember a choice of columns as a transformation to apply later.

The output is a ``designer.runtime.transforms.ColumnSelection``; Apply Transformation applies it.
Must not silently skip a chosen column that does not exist; only the label column may be absent
from the rows the selection is later applied to.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime.transforms import ColumnSelection


def run(
    data: pd.DataFrame, columns: list[str] | str | None = None, label_column: str | None = None
) -> ColumnSelection:
    chosen = [columns] if isinstance(columns, str) else list(columns or [])
    # Listing a column twice would produce duplicate names, which Parquet cannot store.
    chosen = list(dict.fromkeys(chosen)) or [str(column) for column in data.columns]
    unknown = [column for column in chosen if column not in data.columns]
    if unknown:
        available = ", ".join(str(column) for column in data.columns)
        missing = ", ".join(repr(column) for column in unknown)
        raise ValueError(f"unknown column(s) {missing}; the data has: {available}")
    label = label_column or data.attrs.get("label_column")
    if label_column and label_column not in chosen:
        raise ValueError(f"label column {label_column!r} is not among the selected columns")
    return ColumnSelection(columns=chosen, optional_columns=[label] if label in chosen else [])
