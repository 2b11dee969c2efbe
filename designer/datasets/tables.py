"""Reading a data file into a dataframe, the small previews the datastore browser shows, and
a stored table as CSV (downloads, datastore writes).

The format comes from the file's ending. Every refusal is a 400 naming the file: an unknown
ending, Excel on a server without openpyxl, or content that does not parse.
"""

import importlib.util
import io
import math
import tempfile
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from designer.errors import InvalidInput

FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".jsonl": "jsonl",
    ".xlsx": "xlsx",
}
# Formats whose first rows can be read from the start of the file alone.
STREAMED = {"csv", "tsv", "jsonl"}
PREVIEW_ROWS = 50


def excel_available() -> bool:
    return importlib.util.find_spec("openpyxl") is not None


def format_of(name: str) -> str:
    """The format of a file called `name`, or a 400 listing the endings that are read."""
    suffix = PurePosixPath(name).suffix.lower()
    fmt = FORMATS.get(suffix)
    if fmt == "xlsx" and not excel_available():
        raise InvalidInput(
            f"'{name}': this server cannot read Excel files (the openpyxl package is not "
            "installed); save the sheet as CSV and upload that.",
            code="unsupported_format",
        )
    if fmt is None:
        endings = ", ".join(s for s, f in FORMATS.items() if f != "xlsx" or excel_available())
        raise InvalidInput(
            f"'{name}': cannot read a file ending in '{suffix or '(nothing)'}'; "
            f"the endings read are {endings}.",
            code="unsupported_format",
        )
    return fmt


def read_frame(source: Path | BinaryIO, fmt: str, name: str, nrows: int | None = None):
    """The table in `source` (a file of format `fmt`), or a 400 naming `name`."""
    try:
        frame = _read(source, fmt, nrows)
    except (ValueError, OSError, UnicodeDecodeError, pa.ArrowException) as exc:
        raise InvalidInput(
            f"'{name}' could not be read as {fmt.upper()}: {_first_line(exc)}",
            code="unreadable",
            file=name,
        ) from exc
    if not isinstance(frame, pd.DataFrame):
        raise InvalidInput(f"'{name}' does not hold a table.", code="unreadable", file=name)
    return frame


def _read(source: Path | BinaryIO, fmt: str, nrows: int | None) -> Any:
    if fmt in ("csv", "tsv"):
        return pd.read_csv(source, sep="\t" if fmt == "tsv" else ",", nrows=nrows)
    if fmt == "parquet":
        frame = pq.read_table(source).to_pandas()
        return frame if nrows is None else frame.head(nrows)
    if fmt == "jsonl":
        return pd.read_json(source, orient="records", lines=True, nrows=nrows)
    if fmt == "json":
        return _read_json(source, nrows)
    if fmt == "xlsx":
        return pd.read_excel(source, nrows=nrows)
    raise ValueError(f"unknown format {fmt}")


def _read_json(source: Path | BinaryIO, nrows: int | None) -> Any:
    """A JSON array of row objects, or JSON Lines under a .json name."""
    data = source.read_bytes() if isinstance(source, Path) else source.read()
    lines = data.lstrip()[:1] != b"["
    frame = pd.read_json(io.BytesIO(data), orient="records", lines=lines)
    return frame if nrows is None else frame.head(nrows)


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


def parquet_preview(source: Path | BinaryIO, limit: int = PREVIEW_ROWS) -> dict[str, Any]:
    """The first rows of a Parquet file, reading only its first row group."""
    parquet = pq.ParquetFile(source)
    batch = next(parquet.iter_batches(batch_size=limit), None)
    table = pa.Table.from_batches([batch]) if batch else parquet.schema_arrow.empty_table()
    return preview_of(table.to_pandas(), parquet.metadata.num_rows)


def preview_of(frame: pd.DataFrame, row_count: int | None) -> dict[str, Any]:
    """`{columns: [{name, dtype}], rows, row_count}`; dtypes are Arrow type names, as in the
    schema of a stored dataset."""
    head = frame.head(PREVIEW_ROWS)
    schema = pa.Schema.from_pandas(head, preserve_index=False)
    columns = [{"name": str(f.name), "dtype": str(f.type)} for f in schema]
    rows = [[_json_safe(value) for value in row] for row in head.itertuples(index=False)]
    return {"columns": columns, "rows": rows, "row_count": row_count}


def _json_safe(value: Any) -> Any:
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if value is pd.NaT or value is pd.NA:
        return None
    return str(value)


def parquet_as_csv(parquet: BinaryIO) -> BinaryIO:
    """The rows of a Parquet stream as CSV in a temporary file, a batch of rows at a time."""
    out = tempfile.TemporaryFile()
    for index, batch in enumerate(pq.ParquetFile(parquet).iter_batches()):
        out.write(batch.to_pandas().to_csv(index=False, header=index == 0).encode("utf-8"))
    out.seek(0)
    return out
