"""Which artifact store this process uses: built once from `DESIGNER_ARTIFACTS`.

Callers reach stored content through `get_store()`; the implementations live in their own
modules (`local_store.py`, `fsspec_store.py`) and share the interface of `store.py`. The URL
scheme picks one: none or `file://` is a folder on this machine, `s3://bucket/prefix` is S3 or
an S3-compatible server (endpoint from `DESIGNER_S3_ENDPOINT_URL`, credentials and region from
the standard AWS variables, which the S3 client reads itself).
"""

import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .fsspec_store import FsspecStore
from .local_store import LocalStore
from .store import ArtifactStore


def open_store(location: str) -> ArtifactStore:
    """The store at `location`: a folder path, a `file://` URL or an `s3://bucket/prefix` URL."""
    if "://" not in location:
        return LocalStore(Path(location))
    parts = urlsplit(location)
    if parts.scheme == "file":
        return LocalStore(Path(url2pathname(parts.path)))
    if parts.scheme == "s3" and parts.netloc:
        return FsspecStore.at(location, **_s3_options())
    raise ImproperlyConfigured(
        f"DESIGNER_ARTIFACTS={location!r}: the artifact store must be a local folder, a file:// "
        "URL or an s3://bucket/prefix URL."
    )


def _s3_options() -> dict[str, str]:
    """Options of the S3 client beyond what it reads from the environment by itself."""
    endpoint = settings.DESIGNER_S3_ENDPOINT_URL
    return {"endpoint_url": endpoint} if endpoint else {}


_lock = threading.Lock()
_current: tuple[str, ArtifactStore] | None = None


def get_store() -> ArtifactStore:
    """This process's store, built once from `DESIGNER_ARTIFACTS`.

    Rebuilt when the setting changes, so a test that points the setting elsewhere gets a
    store there without having to reset anything."""
    global _current
    location = str(settings.DESIGNER_ARTIFACTS)
    current = _current
    if current is not None and current[0] == location:
        return current[1]
    with _lock:
        if _current is None or _current[0] != location:
            _current = (location, open_store(location))
        return _current[1]


def reset_store() -> None:
    """Forget the built store; the next `get_store()` builds it again from settings."""
    global _current
    with _lock:
        _current = None
