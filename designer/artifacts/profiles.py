"""Column profiles of dataframe artifacts: counts, missing values, statistics, top values.

`compute_profile` reads a stored Parquet file (the first rows only on huge frames, and says so with
`"sampled": true`) and returns plain, strict JSON: NaN and infinities become null. It knows nothing
of the database; `services.profile` caches the result on the artifact row, which is safe because
artifacts never change.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PROFILE_VERSION = 1
MAX_ROWS = 100_000
# Wide frames get fewer rows, so one request never touches more than about this many cells.
MAX_CELLS = 10_000_000
MIN_ROWS = 1_000
HISTOGRAM_BINS = 20
TOP_VALUES = 10
# A numeric column with at most this many distinct values also lists its top values.
LOW_CARDINALITY = 20
MAX_TEXT = 200


def compute_profile(path: Path | BinaryIO, max_rows: int = MAX_ROWS) -> dict[str, Any]:
    """`{"row_count", "profiled_rows", "sampled", "columns": [...]}` of a Parquet file or stream."""
    parquet = pq.ParquetFile(path)
    fields = [f for f in parquet.schema_arrow if not f.name.startswith("__index_level_")]
    total = parquet.metadata.num_rows
    budget = max(MIN_ROWS, MAX_CELLS // max(1, len(fields)))
    limit = max(0, min(max_rows, budget))
    table = _first_rows(parquet, [f.name for f in fields], limit)
    columns = [profile_column(f.name, str(f.type), table.column(f.name)) for f in fields]
    return {
        "row_count": total,
        "profiled_rows": table.num_rows,
        "sampled": table.num_rows < total,
        "columns": columns,
    }


def _first_rows(parquet: pq.ParquetFile, names: list[str], limit: int) -> pa.Table:
    batches: list[pa.RecordBatch] = []
    rows = 0
    for batch in parquet.iter_batches(batch_size=min(limit, 65_536) or 1, columns=names):
        batches.append(batch)
        rows += batch.num_rows
        if rows >= limit:
            break
    if not batches:
        return parquet.schema_arrow.empty_table().select(names)
    return pa.Table.from_batches(batches).slice(0, limit)


def profile_column(name: str, dtype: str, data: pa.ChunkedArray) -> dict[str, Any]:
    """The profile of one column; `dtype` is its Arrow type name, as in the artifact schema."""
    series = data.to_pandas()
    present = series.dropna()
    numeric = _is_numeric(series)
    unique = _unique(present)
    column: dict[str, Any] = {
        "name": name,
        "dtype": dtype,
        "count": int(present.size),
        "missing": int(series.size - present.size),
        "unique": unique,
        "mean": None,
        "std": None,
        "min": None,
        "max": None,
        "histogram": None,
        "top": [],
    }
    if numeric:
        column.update(_numeric_stats(present.astype("float64")))
        column["min"], column["max"] = _extremes(present, as_text=False)
    else:
        column["min"], column["max"] = _extremes(present, as_text=True)
    if not numeric or (unique is not None and unique <= LOW_CARDINALITY):
        column["top"] = _top(present)
    return column


def _is_numeric(series: pd.Series) -> bool:
    dtype = series.dtype
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)


def _numeric_stats(values: pd.Series) -> dict[str, Any]:
    array = values.to_numpy(dtype="float64", na_value=np.nan)
    finite = array[np.isfinite(array)]
    with np.errstate(invalid="ignore", over="ignore"):  # infinities give inf or NaN: null
        stats: dict[str, Any] = {
            "mean": json_number(values.mean()) if values.size else None,
            "std": json_number(values.std()) if values.size > 1 else None,
            "histogram": None,
        }
    if finite.size:
        counts, edges = np.histogram(finite, bins=HISTOGRAM_BINS)
        stats["histogram"] = {
            "edges": [json_number(edge) for edge in edges],
            "counts": [int(count) for count in counts],
        }
    return stats


def _extremes(present: pd.Series, as_text: bool) -> tuple[Any, Any]:
    if not present.size:
        return None, None
    try:
        low, high = present.min(), present.max()
    except (TypeError, ValueError):
        # Unordered categories, mixed types or lists: compare their text instead.
        if not as_text:
            return None, None
        text = [str(value) for value in present]
        low, high = min(text), max(text)
    if as_text:
        return _text(low), _text(high)
    return json_value(low), json_value(high)


def _unique(present: pd.Series) -> int | None:
    try:
        return int(present.nunique())
    except TypeError:  # unhashable values such as lists
        return int(present.map(repr).nunique())


def _top(present: pd.Series) -> list[dict[str, Any]]:
    try:
        counts = present.value_counts(sort=True)
    except TypeError:
        counts = present.map(repr).value_counts(sort=True)
    return [
        {"value": json_value(value), "count": int(count)}
        for value, count in counts.head(TOP_VALUES).items()
    ]


def json_number(value: Any) -> float | int | None:
    """A finite Python number, or None for NaN, infinities and what is not a number."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    if not math.isfinite(number):
        return None
    if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
        return int(value)
    return number


def json_value(value: Any) -> Any:
    """A value as strict JSON: bools and numbers as they are, anything else as short text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        return json_number(value)
    return _text(value)


def _text(value: Any) -> str | None:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        text = value.isoformat()
    else:
        text = str(value)
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"
