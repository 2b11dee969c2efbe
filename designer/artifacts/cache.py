"""A per-machine cache of stored artifacts, keyed by content digest, for the executor.

`materialize(artifact)` gives a plain local path to an artifact's content. A store that is a
folder on this machine hands out its own file (no copy). Any other store's object is fetched
once per machine into `<cache>/<digest[:2]>/<digest>/<name>`: copied under a temporary
name, checked against its digest, then renamed into place, all under a lock file so threads
and processes that want the same digest at once end up with one copy and one fetch. Every
fetch appends a line to `<cache>/<digest[:2]>/<digest>.fetches`, so tests (and people) can
see how often an object really crossed the network. Cached objects are never modified;
executors must treat their input paths as read-only.
"""

import fcntl
import os
import re
import shutil
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.conf import settings
from rest_framework import status

from designer.errors import DomainError, InvalidInput, NotFound

from .models import Artifact
from .store import ArtifactStore, digest_of
from .stores import get_store

DIGEST = re.compile(r"[0-9a-f]{64}")


class DigestMismatch(DomainError):
    """The store served bytes whose digest is not the artifact's: the stored copy is bad."""

    code = "digest_mismatch"
    status = status.HTTP_502_BAD_GATEWAY


def cache_dir() -> Path:
    return Path(settings.DESIGNER_ARTIFACT_CACHE)


def materialize(artifact: Artifact, store: ArtifactStore | None = None) -> Path:
    """A local path holding the artifact's content, fetching it into the cache if need be."""
    store = store or get_store()
    local = store.local_path(artifact.uri)
    if local is not None:
        if not local.exists():
            raise NotFound(f"The content of artifact {artifact.pk} is no longer in the store.")
        return local
    try:
        return fetch_into_cache(store, artifact.uri, artifact.digest, cache_dir())
    except FileNotFoundError as exc:
        raise NotFound(f"The content of artifact {artifact.pk} is no longer in the store.") from exc


def fetch_into_cache(store: ArtifactStore, uri: str, digest: str, root: Path) -> Path:
    """`<root>/<digest[:2]>/<digest>/<name>`, fetched from the store unless already there."""
    name = _checked_name(uri, digest)
    shard = root / digest[:2]
    final = shard / digest / name
    if final.exists():
        return final
    shard.mkdir(parents=True, exist_ok=True)
    with _locked(shard / f"{digest}.lock"):
        # Whoever held the lock before us may have fetched it already.
        if final.exists():
            return final
        staging_dir = Path(tempfile.mkdtemp(prefix=f".{digest}.", dir=shard))
        try:
            staging = staging_dir / name
            store.fetch(uri, staging)
            got = digest_of(staging)
            if got != digest:
                raise DigestMismatch(
                    f"The store holds other content for {uri} than its digest says "
                    f"(expected {digest[:12]}…, got {got[:12]}…); it was not used.",
                    uri=uri,
                )
            final.parent.mkdir(exist_ok=True)
            os.replace(staging, final)
        finally:
            shutil.rmtree(staging_dir, ignore_errors=True)
        _record_fetch(shard / f"{digest}.fetches")
    return final


def fetch_count(digest: str, root: Path | None = None) -> int:
    """How many times this machine's cache fetched the object with this digest."""
    log = (root or cache_dir()) / digest[:2] / f"{digest}.fetches"
    if not log.exists():
        return 0
    return len(log.read_text().splitlines())


def _checked_name(uri: str, digest: str) -> str:
    # The digest and name become parts of a path in the cache: refuse anything that could
    # point elsewhere before touching the disk.
    name = PurePosixPath(uri).name
    if not DIGEST.fullmatch(digest) or name in ("", ".", "..") or "\\" in name:
        raise InvalidInput(f"Artifact {uri} cannot be cached under its digest.", code="bad_path")
    return name


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock between threads and processes of this machine.

    flock locks belong to the open file description, so two threads that each open the file
    exclude each other just as two processes do."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _record_fetch(log: Path) -> None:
    with log.open("a") as f:
        f.write(f"{socket.gethostname()} {os.getpid()}\n")
