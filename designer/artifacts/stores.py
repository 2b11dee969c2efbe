"""Which artifact store this process uses: built once from `DESIGNER_ARTIFACTS`.

Callers reach stored content through `get_store()`; the implementations live in their own
modules (`local_store.py`) and share the interface of `store.py`.
"""

import threading
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .local_store import LocalStore
from .store import ArtifactStore


def open_store(location: str) -> ArtifactStore:
    """The store at `location`: a folder path or a `file://` URL."""
    if "://" not in location:
        return LocalStore(Path(location))
    parts = urlsplit(location)
    if parts.scheme == "file":
        return LocalStore(Path(url2pathname(parts.path)))
    raise ImproperlyConfigured(
        f"DESIGNER_ARTIFACTS={location!r}: only a local folder or a file:// URL is supported."
    )


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
