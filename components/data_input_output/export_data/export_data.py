"""Export Data: write a dataframe as CSV, Parquet or JSON into the server's data roots.

Must not write outside the data roots (every path goes through ``resolve_data_path``) and must
not leave a half-written file behind: it writes a temporary file next to the target and renames
it into place, so readers see the old file or the new one, never a part.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pandas as pd

from designer.runtime import log_metric, resolve_data_path

FORMATS = ("csv", "parquet", "json")


def run(
    data: pd.DataFrame, path: str, format: str = "csv", overwrite: bool = False
) -> dict[str, Any]:
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    target = resolve_data_path(path)
    if target.is_dir():
        raise IsADirectoryError(f"'{path}' is a folder; give a file name inside it")
    if target.exists() and not overwrite:
        raise FileExistsError(f"'{path}' already exists; set overwrite to replace it")
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_atomically(data, target, format)
    log_metric("rows", len(data))
    return {"path": str(target), "rows": len(data)}


def _write_atomically(data: pd.DataFrame, target: Path, format: str) -> None:
    # A plain file (not mkstemp's owner-only one), so the export gets the usual permissions.
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        _write(data, temporary, format)
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write(data: pd.DataFrame, target: Path, format: str) -> None:
    if format == "csv":
        data.to_csv(target, index=False)
    elif format == "parquet":
        bare = data.copy(deep=False)
        bare.attrs = {}  # attrs carry meaning between steps; they are not part of the file
        bare.to_parquet(target, index=False)
    else:
        data.to_json(target, orient="records", date_format="iso")
