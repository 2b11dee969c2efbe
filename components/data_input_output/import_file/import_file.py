"""Import File: one file inside the server's data roots, handed on as a file output.

Must not read outside the data roots: the path goes through ``resolve_data_path``, which refuses
the rest, symlinks and ``..`` included. The runtime copies the file into the step's outputs.
"""

from __future__ import annotations

from pathlib import Path

from designer.runtime import log_metric, resolve_data_path


def run(path: str) -> Path:
    source = resolve_data_path(path)
    if not source.is_file():
        raise FileNotFoundError(f"'{path}' is not a file (looked at {source})")
    log_metric("bytes", source.stat().st_size)
    return source
