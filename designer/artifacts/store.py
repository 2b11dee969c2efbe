"""The artifact store interface: where node outputs live, addressed by their content.

An object is stored under the URI `<digest[:2]>/<digest>/<name>`, relative to the store's
location, and is never rewritten. Callers hold only URIs and go through `get_store()`; no
code outside a store implementation builds a path into the store. This module holds the
interface and the content digests every implementation shares (`stores.py` picks the
implementation from settings). It knows bytes and URIs only, not the database.
"""

import hashlib
from pathlib import Path
from typing import BinaryIO, NamedTuple, Protocol

CHUNK = 1024 * 1024


class Stored(NamedTuple):
    """What `put` returns: the content digest, the URI to keep, and the size in bytes."""

    digest: str
    uri: str
    size: int


class ArtifactStore(Protocol):
    """Content-addressed, immutable storage of files and folders.

    Every method refuses a URI that escapes the store with `InvalidInput(code="bad_path")`.
    Reading a URI that holds nothing raises `FileNotFoundError`.
    """

    def put(self, source: Path) -> Stored:
        """Copy a produced file or folder into the store; storing equal content twice is a
        no-op that returns the same digest and URI."""
        ...

    def exists(self, uri: str) -> bool: ...

    def is_folder(self, uri: str) -> bool:
        """Whether the object at `uri` is a folder (False when nothing is there)."""
        ...

    def open(self, uri: str) -> BinaryIO:
        """A seekable binary stream of a stored file; `IsADirectoryError` for a folder."""
        ...

    def fetch(self, uri: str, dest: Path) -> None:
        """Copy the object at `uri` to `dest`, a local path that does not exist yet."""
        ...

    def delete(self, uri: str) -> None:
        """Remove the object at `uri`; nothing there is not an error."""
        ...

    def local_path(self, uri: str) -> Path | None:
        """The object's own path when the store is a folder on this machine, else None.

        Lets the cache hand the executor the stored file itself instead of a copy."""
        ...


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def folder_digest(path: Path) -> str:
    """A digest of a folder's file names (relative) and contents, not of the folder's name."""
    h = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        h.update(f"{item.relative_to(path).as_posix()}\0{file_digest(item)}\n".encode())
    return h.hexdigest()


def digest_of(path: Path) -> str:
    return folder_digest(path) if path.is_dir() else file_digest(path)


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def uri_for(digest: str, name: str) -> str:
    return f"{digest[:2]}/{digest}/{name}"
