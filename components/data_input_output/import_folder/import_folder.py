"""Import Folder: a folder inside the server's data roots, handed on as a folder output.

Must not read outside the data roots: the path goes through ``resolve_data_path``, which refuses
the rest, symlinks and ``..`` included. The runtime copies the folder into the step's outputs.
"""

from __future__ import annotations

from pathlib import Path

from designer.runtime import log_metric, resolve_data_path


def run(path: str) -> Path:
    source = resolve_data_path(path)
    if not source.is_dir():
        raise NotADirectoryError(f"'{path}' is not a folder (looked at {source})")
    files = [item for item in source.rglob("*") if item.is_file()]
    log_metric("files", len(files))
    log_metric("bytes", sum(item.stat().st_size for item in files))
    return source
