"""Web Service Input: the rows to predict, checked against the declared columns.

The columns are the ones the model was trained on (without the label), as a derived inference
pipeline declares them. A column that is missing, or whose values cannot be converted to its
type, is refused by name; columns not declared are dropped, so a caller may send more. Must not
change a value that already has its declared type: predictions must equal the training run's.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa


def run(columns: list[dict[str, Any]], data: pd.DataFrame | None = None) -> pd.DataFrame:
    if data is None:
        raise ValueError(
            "Web Service Input received no rows: in a pipeline run, connect the rows to predict "
            "to its data input; a real-time endpoint sends them with each request"
        )
    if not columns:
        return data
    declared = [_declared(column) for column in columns]
    missing = [name for name, _ in declared if name not in data.columns]
    if missing:
        raise ValueError(
            f"the rows lack column(s) {', '.join(map(repr, missing))}; the input schema is: "
            + ", ".join(f"{name} ({dtype})" for name, dtype in declared)
        )
    # Built in one go: adding columns one by one costs more than the rest of a small request.
    result = pd.DataFrame(
        {name: _converted(data[name], name, dtype) for name, dtype in declared}, index=data.index
    )
    result.attrs = dict(data.attrs)
    return result


def _declared(column: object) -> tuple[str, str]:
    if not isinstance(column, dict) or not isinstance(column.get("name"), str):
        raise ValueError(
            f"each entry of columns must be {{name, dtype}}, like "
            f'{{"name": "age", "dtype": "double"}}; got {column!r}'
        )
    return column["name"], str(column.get("dtype") or "")


def _converted(values: pd.Series, name: str, dtype: str) -> pd.Series:
    target = _arrow_type(dtype)
    if target is None:
        return values  # a type this step cannot name: the column is passed on as it is
    if _numpy_type(values) == target:
        return values  # already a column of that type (most requests): no copy, no check
    try:
        current = pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise ValueError(f"column {name!r} has values of mixed types: {exc}") from None
    if current.type == target:
        return values
    try:
        converted = current.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as exc:
        raise ValueError(f"column {name!r} must hold {dtype} values: {exc}") from None
    return pd.Series(converted.to_pandas(), index=values.index, name=name)


def _numpy_type(values: pd.Series) -> pa.DataType | None:
    """The Arrow type of a plain numeric or boolean numpy column; None for anything else."""
    if isinstance(values.dtype, np.dtype) and values.dtype.kind in "biuf":
        return pa.from_numpy_dtype(values.dtype)
    return None


def _arrow_type(dtype: str) -> pa.DataType | None:
    try:
        return pa.type_for_alias(dtype)
    except (ValueError, KeyError):
        return None
