"""Content digests of component folders: every file, its relative path and bytes."""

import hashlib
from pathlib import Path

IGNORED_PARTS = {"__pycache__", ".pytest_cache", ".ruff_cache"}


def folder_files(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file()
        and not (IGNORED_PARTS & set(p.relative_to(root).parts))
        and p.suffix != ".pyc"
    )


_digests: dict[tuple, str] = {}


def folder_digest(root: Path) -> str:
    """sha256 over (relative path, file digest) of every file, so a rename changes it too.

    Remembered per process against each file's size and modification time, so syncing an
    unchanged library again reads no file contents."""
    files = folder_files(root)
    signature = (str(root), *((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files))
    if signature not in _digests:
        _digests[signature] = _compute(root, files)
    return _digests[signature]


def _compute(root: Path, files: list[Path]) -> str:
    outer = hashlib.sha256()
    for path in files:
        inner = hashlib.sha256(path.read_bytes()).hexdigest()
        outer.update(f"{path.relative_to(root).as_posix()}\0{inner}\n".encode())
    return outer.hexdigest()
