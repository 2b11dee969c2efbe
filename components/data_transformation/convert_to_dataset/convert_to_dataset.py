"""Convert to Dataset: read a file port (CSV, TSV, Parquet or JSON) into a dataframe.

Must not guess silently: a file whose format neither its ending nor its first bytes tell is an
error asking for the format. A missing-value marker matches a whole value exactly as written; in
a CSV it may stand in a numeric column, in other formats only text values are compared.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pandas as pd

from designer.runtime import log_metric

FORMATS = ("csv", "tsv", "parquet", "json")
BY_SUFFIX = {".csv": "csv", ".tsv": "tsv", ".txt": "csv", ".parquet": "parquet", ".pq": "parquet"}
BY_SUFFIX |= {".json": "json", ".jsonl": "json"}
PARQUET_MAGIC = b"PAR1"


def run(file: Path, format: str = "auto", missing_values: str | None = None) -> pd.DataFrame:
    if format != "auto" and format not in FORMATS:
        raise ValueError(f"format must be auto or one of {', '.join(FORMATS)}, not {format!r}")
    kind = _format_of(file) if format == "auto" else format
    markers = [value.strip() for value in (missing_values or "").split(",") if value.strip()]
    try:
        frame = _read(file, kind, markers)
    except (ValueError, OSError, UnicodeDecodeError) as exc:
        raise ValueError(f"could not read {file.name} as {kind}: {exc}") from exc
    if markers and kind not in ("csv", "tsv"):
        frame = _blank_markers(frame, markers)
    log_metric("rows", len(frame))
    return frame


def _format_of(file: Path) -> str:
    by_suffix = BY_SUFFIX.get(file.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    with file.open("rb") as handle:
        start = handle.read(4096)
    if start.startswith(PARQUET_MAGIC):
        return "parquet"
    text = start.decode("utf-8", errors="replace").lstrip()
    if text[:1] in ("[", "{"):
        return "json"
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else "", delimiters=",\t;|")
    except csv.Error:
        raise ValueError(
            f"cannot tell the format of {file.name}; set format to csv, tsv, parquet or json"
        ) from None
    return "tsv" if dialect.delimiter == "\t" else "csv"


def _read(file: Path, kind: str, markers: list[str]) -> pd.DataFrame:
    if kind in ("csv", "tsv"):
        return pd.read_csv(file, sep="\t" if kind == "tsv" else _separator(file), na_values=markers)
    if kind == "parquet":
        return pd.read_parquet(file)
    with file.open(encoding="utf-8") as handle:
        first = handle.read(1024).lstrip()[:1]
    if first == "[":
        return pd.DataFrame.from_records(json.loads(file.read_text(encoding="utf-8")))
    return pd.read_json(file, orient="records", lines=True)


def _separator(file: Path) -> str:
    """The separator of the first line: a comma unless a semicolon or bar is clearly it."""
    with file.open(encoding="utf-8", newline="") as handle:
        line = handle.readline()
    try:
        return csv.Sniffer().sniff(line, delimiters=",;|").delimiter
    except csv.Error:
        return ","


def _blank_markers(frame: pd.DataFrame, markers: list[str]) -> pd.DataFrame:
    cleaned = frame.copy()
    for column in cleaned.columns:
        values = cleaned[column]
        if pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            is_marker = values.map(lambda value: isinstance(value, str) and value in markers)
            cleaned[column] = values.mask(is_marker.astype(bool), np.nan)
    return cleaned
