"""Import Data: read a CSV, Parquet or JSON file from the server's data roots as a dataframe.

Must not read outside the data roots: every path goes through ``resolve_data_path``, which
refuses the rest, symlinks and ``..`` included. Must not guess silently: an unknown ending with
format ``auto`` is an error asking for the format.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from designer.runtime import log_metric, resolve_data_path

FORMATS_BY_SUFFIX = {
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".jsonl": "json",
}


def run(path: str, format: str = "auto") -> pd.DataFrame:
    source = resolve_data_path(path)
    if not source.is_file():
        raise FileNotFoundError(f"'{path}' is not a file (looked at {source})")
    kind = _format_of(source) if format == "auto" else format
    try:
        frame = _read(source, kind)
    except (ValueError, OSError) as exc:
        raise ValueError(f"could not read '{path}' as {kind}: {exc}") from exc
    frame.attrs["source"] = str(source)
    log_metric("rows", len(frame))
    return frame


def _format_of(source: Path) -> str:
    suffix = source.suffix.lower()
    if suffix not in FORMATS_BY_SUFFIX:
        endings = ", ".join(FORMATS_BY_SUFFIX)
        raise ValueError(
            f"cannot tell the format of {source.name} from its ending; "
            f"set format to csv, parquet or json (known endings: {endings})"
        )
    return FORMATS_BY_SUFFIX[suffix]


def _read(source: Path, kind: str) -> pd.DataFrame:
    if kind == "csv":
        separator = "\t" if source.suffix.lower() == ".tsv" else ","
        return pd.read_csv(source, sep=separator)
    if kind == "parquet":
        return pd.read_parquet(source)
    if kind == "json":
        return _read_json(source)
    raise ValueError(f"format must be auto, csv, parquet or json, not {kind!r}")


def _read_json(source: Path) -> pd.DataFrame:
    """A JSON array of row objects, or JSON Lines (one object a line)."""
    with source.open(encoding="utf-8") as handle:
        first = handle.read(1024).lstrip()[:1]
    if first == "[":
        return pd.read_json(source, orient="records")
    return pd.read_json(source, orient="records", lines=True)
