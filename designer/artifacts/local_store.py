"""The artifact store as a folder on this machine (the embedded default, or a shared mount).

Objects land at `<root>/<digest[:2]>/<digest>/<name>`, written under a temporary name and
renamed into place, so a reader never sees half an object. Every URI is resolved against
the root and refused if it leads outside it (`..`, an absolute path, a symlink out).
"""

import hashlib
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import BinaryIO

from designer.errors import InvalidInput

from .store import CHUNK, Stored, digest_of, size_of, uri_for


class LocalStore:
    """`ArtifactStore` over a local folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._resolved: Path | None = None

    def __repr__(self) -> str:
        return f"LocalStore({str(self.root)!r})"

    def put(self, source: Path) -> Stored:
        if source.is_file():
            return self._put_file(source)
        digest = digest_of(source)
        uri = uri_for(digest, source.name)
        target = self._path(uri)
        size = size_of(source)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            self._write(source, target)
        return Stored(digest, uri, size)

    def _put_file(self, source: Path) -> Stored:
        """A file is read once: hashed while it is copied to a staging file of its own, which
        is then renamed to where its digest puts it (or dropped when that content is stored).
        One file, not a folder holding it: a step's small output is stored in a few system
        calls, not the dozen a temporary folder and its removal took."""
        self.root.mkdir(parents=True, exist_ok=True)
        # A name no other writer, thread or process, can have; created exclusively, with the
        # mode an ordinary file gets (steps read stored objects as another user).
        staging = self.root / f".put-{uuid.uuid4().hex}"
        try:
            digest, size = hashlib.sha256(), 0
            with source.open("rb") as reader, staging.open("xb") as writer:
                while chunk := reader.read(CHUNK):
                    digest.update(chunk)
                    writer.write(chunk)
                    size += len(chunk)
            uri = uri_for(digest.hexdigest(), source.name)
            target = self._path(uri)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                # rename is atomic: a reader never sees half an object.
                os.replace(staging, target)
            return Stored(digest.hexdigest(), uri, size)
        finally:
            staging.unlink(missing_ok=True)

    def _write(self, source: Path, target: Path) -> None:
        # A private staging folder per writer: threads and processes storing the same
        # content at once never share a temporary name.
        staging_dir = Path(tempfile.mkdtemp(prefix=".put-", dir=target.parent))
        staging = staging_dir / source.name
        try:
            if source.is_dir():
                shutil.copytree(source, staging)
            else:
                shutil.copyfile(source, staging)
            try:
                # rename is atomic: a reader never sees half an object.
                os.replace(staging, target)
            except OSError:
                # A folder cannot replace a folder; another writer stored the same content.
                if not target.exists():
                    raise
        finally:
            shutil.rmtree(staging_dir, ignore_errors=True)

    def exists(self, uri: str) -> bool:
        return self._path(uri).exists()

    def is_folder(self, uri: str) -> bool:
        return self._path(uri).is_dir()

    def open(self, uri: str) -> BinaryIO:
        path = self._path(uri)
        if path.is_dir():
            raise IsADirectoryError(f"The artifact {uri} is a folder.")
        return path.open("rb")

    def fetch(self, uri: str, dest: Path) -> None:
        path = self._path(uri)
        if path.is_dir():
            shutil.copytree(path, dest)
        else:
            shutil.copyfile(path, dest)

    def delete(self, uri: str) -> None:
        path = self._path(uri)
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
        if path.parent != self.root.resolve():
            try:
                path.parent.rmdir()  # the digest folder, once nothing else is stored in it
            except OSError:
                pass

    def local_path(self, uri: str) -> Path:
        return self._path(uri)

    def _base(self) -> Path:
        """The store's root, resolved once it exists (resolving it costs a stat per level)."""
        if self._resolved is None:
            resolved = self.root.resolve()
            if not self.root.is_dir():
                return resolved
            self._resolved = resolved
        return self._resolved

    def _path(self, uri: str) -> Path:
        """Resolve a store URI, refusing anything that is not inside the store."""
        base = self._base()
        path = (base / uri).resolve()
        if path == base or not path.is_relative_to(base):
            raise InvalidInput("That artifact path is outside the store.", code="bad_path")
        return path
