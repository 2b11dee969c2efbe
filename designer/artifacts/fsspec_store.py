"""The artifact store in an object store reached through fsspec: S3 or an S3-compatible server.

Objects land under `<root>/<digest[:2]>/<digest>/<name>`, the same URIs and digests as the
local folder, so a row's URI means the same thing whichever store wrote it. Uploads go
straight to the final key: an object store makes each object appear whole, and a key is
named by the content's digest, so two writers of one key write the same bytes. A folder is
one object per file under its key (an empty folder is a `<key>/` marker object); `put`
uploads whatever of it the store does not hold yet, so a folder left half-written by a
writer that died is completed by the next one. No object has a path on this machine:
readers that need one go through the cache, which checks every fetched object's digest.
"""

import posixpath
from pathlib import Path
from typing import Any, BinaryIO

import fsspec

from designer.errors import InvalidInput

from .store import Stored, digest_of, size_of, uri_for


class FsspecStore:
    """`ArtifactStore` over an fsspec object-store filesystem, rooted at `bucket/prefix`."""

    def __init__(self, fs: fsspec.AbstractFileSystem, root: str, location: str) -> None:
        self.fs = fs
        self.root = root.rstrip("/")
        self.location = location

    @classmethod
    def at(cls, location: str, **options: Any) -> "FsspecStore":
        """The store at a URL such as `s3://bucket/prefix`.

        Listings are never cached: other processes and machines write to the store, and a
        stale listing would hide their objects."""
        fs, root = fsspec.core.url_to_fs(location, use_listings_cache=False, **options)
        return cls(fs, root, location)

    def __repr__(self) -> str:
        return f"FsspecStore({self.location!r})"

    def put(self, source: Path) -> Stored:
        digest = digest_of(source)
        uri = uri_for(digest, source.name)
        key = self._key(uri)
        if source.is_dir():
            self._put_folder(source, key)
        elif self._size(key) != source.stat().st_size:
            self.fs.put_file(str(source), key)
        return Stored(digest, uri, size_of(source))

    def _put_folder(self, source: Path, key: str) -> None:
        files = {p.relative_to(source).as_posix(): p for p in source.rglob("*") if p.is_file()}
        if not files:
            if not self.fs.isdir(key):
                self.fs.pipe_file(f"{key}/", b"")
            return
        held = {rel: info["size"] for rel, info in self._listing(key).items()}
        missing = [
            rel for rel, path in sorted(files.items()) if held.get(rel) != path.stat().st_size
        ]
        if missing:
            self.fs.put([str(files[rel]) for rel in missing], [f"{key}/{rel}" for rel in missing])

    def exists(self, uri: str) -> bool:
        return self.fs.exists(self._key(uri))

    def is_folder(self, uri: str) -> bool:
        return self.fs.isdir(self._key(uri))

    def open(self, uri: str) -> BinaryIO:
        key = self._key(uri)
        info = self.fs.info(key)
        if info["type"] == "directory":
            raise IsADirectoryError(f"The artifact {uri} is a folder.")
        return self.fs.open(key, "rb", size=info["size"])

    def fetch(self, uri: str, dest: Path) -> None:
        key = self._key(uri)
        if self.fs.info(key)["type"] != "directory":
            self.fs.get_file(key, str(dest))
            return
        dest.mkdir()
        files = sorted(self._listing(key))
        for rel in files:
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        if files:
            self.fs.get([f"{key}/{rel}" for rel in files], [str(dest / rel) for rel in files])

    def delete(self, uri: str) -> None:
        try:
            self.fs.rm(self._key(uri), recursive=True)
        except FileNotFoundError:
            pass

    def local_path(self, uri: str) -> None:
        self._key(uri)
        return None

    def _listing(self, key: str) -> dict[str, dict]:
        """The files of the folder at `key`, by path relative to it (markers left out)."""
        prefix = f"{key}/"
        found = self.fs.find(key, detail=True)
        return {
            name[len(prefix) :]: info
            for name, info in found.items()
            if name.startswith(prefix) and not name.endswith("/") and info["type"] == "file"
        }

    def _size(self, key: str) -> int | None:
        try:
            return self.fs.size(key)
        except FileNotFoundError:
            return None

    def _key(self, uri: str) -> str:
        """The object key of a store URI, refusing anything that is not inside the store.

        The URI is normalised first, so `..` means what it means in a folder: an object
        store would take it literally and let two spellings name one object."""
        normal = posixpath.normpath(uri) if uri else "."
        if posixpath.isabs(normal) or normal == "." or normal.split("/")[0] == "..":
            raise InvalidInput("That artifact path is outside the store.", code="bad_path")
        return f"{self.root}/{normal}"
