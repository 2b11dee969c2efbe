"""Ready-made data sources for the designer's palette: the sample datasets, and the data
files in the folders this server may read. Each entry says which component, with which
parameters, brings it into a pipeline, so dropping one on the canvas needs nothing else.
"""

from pathlib import Path
from typing import Any

from django.conf import settings

from designer.registry.services import latest_components

DATA_SUFFIXES = {".csv", ".tsv", ".parquet", ".pq", ".json", ".jsonl"}
MAX_FILES = 500
MAX_DEPTH = 4


def list_datasets(actor) -> list[dict[str, Any]]:
    latest = {c.name: c for c in latest_components(actor)}
    found: list[dict[str, Any]] = []
    sample = latest.get("sample_dataset")
    if sample is not None:
        values = sample.spec.get("parameters", {}).get("dataset", {}).get("values", [])
        found += [
            {
                "name": value,
                "kind": "sample",
                "component": sample.ref,
                "params": {"dataset": value},
                "description": f"Sample dataset '{value}'",
                "size": None,
            }
            for value in values
        ]
    reader = latest.get("import_data")
    if reader is not None:
        found += [
            {
                "name": name,
                "kind": "file",
                "component": reader.ref,
                "params": {"path": name},
                "description": f"File {name}",
                "size": size,
            }
            for name, size in _data_files()
        ]
    return found


def _data_files() -> list[tuple[str, int]]:
    roots = [Path(r) for r in settings.DESIGNER_DATA_ROOTS]
    files: list[tuple[str, int]] = []
    for index, root in enumerate(roots):
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            depth = len(path.relative_to(root).parts)
            if depth > MAX_DEPTH or not path.is_file() or path.suffix.lower() not in DATA_SUFFIXES:
                continue
            # Import Data reads paths relative to the first root; others need the full path.
            name = path.relative_to(root).as_posix() if index == 0 else str(path)
            files.append((name, path.stat().st_size))
            if len(files) >= MAX_FILES:
                return files
    return files
