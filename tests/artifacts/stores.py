"""Second store implementations for the tests: real stores, not stand-ins, and a look at
what a store holds that does not go through the store's own interface.

`CopyOnlyStore` is a folder this machine can only copy from, the way a worker sees S3: it
has no local path to hand out, so the cache must fetch. `SlowCopyStore` takes its time
over each fetch, so racing fetches of one object overlap for sure.
"""

import time
from pathlib import Path, PurePosixPath

from designer.artifacts.fsspec_store import FsspecStore
from designer.artifacts.local_store import LocalStore
from designer.artifacts.store import ArtifactStore


class CopyOnlyStore(LocalStore):
    def local_path(self, uri: str) -> None:
        return None


class SlowCopyStore(CopyOnlyStore):
    def __init__(self, root: Path, delay: float = 0.2) -> None:
        super().__init__(root)
        self.delay = delay

    def fetch(self, uri: str, dest: Path) -> None:
        time.sleep(self.delay)
        super().fetch(uri, dest)


def held_beside(store: ArtifactStore, uri: str) -> list[str]:
    """The names stored in the digest folder of `uri`: the object's, and any leftovers."""
    if isinstance(store, LocalStore):
        folder = (store.root / uri).parent
        return sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert isinstance(store, FsspecStore)
    folder = f"{store.root}/{PurePosixPath(uri).parent}"
    return sorted(PurePosixPath(name).name for name in store.fs.ls(folder, detail=False))
