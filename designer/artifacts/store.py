"""The artifact store: a content-addressed folder of immutable files.

Files land at `<root>/<digest[:2]>/<digest>/<name>`; nothing is ever rewritten in place.
This module knows paths and bytes only, not the database.
"""

import hashlib
import os
import shutil
from pathlib import Path

from django.conf import settings

from designer.errors import InvalidInput

CHUNK = 1024 * 1024


def root() -> Path:
    return Path(settings.DESIGNER_ARTIFACTS)


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def folder_digest(path: Path) -> str:
    h = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(f"{item.relative_to(path).as_posix()}\0{file_digest(item)}\n".encode())
    return h.hexdigest()


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def put(source: Path) -> tuple[str, str, int]:
    """Move a produced file or folder into the store. Returns (digest, uri, size)."""
    digest = folder_digest(source) if source.is_dir() else file_digest(source)
    uri = f"{digest[:2]}/{digest}/{source.name}"
    target = root() / uri
    size = size_of(source)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = target.parent / f".{source.name}.{os.getpid()}.tmp"
        if source.is_dir():
            shutil.copytree(source, staging)
        else:
            shutil.copyfile(source, staging)
        # rename is atomic: a reader never sees half a file.
        os.replace(staging, target)
    return digest, uri, size


def path_of(uri: str) -> Path:
    """Resolve a store URI, refusing anything that escapes the store."""
    base = root().resolve()
    path = (base / uri).resolve()
    if not path.is_relative_to(base):
        raise InvalidInput("That artifact path is outside the store.", code="bad_path")
    return path


def exists(uri: str) -> bool:
    return path_of(uri).exists()
