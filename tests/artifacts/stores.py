"""Second store implementations for the tests: real stores, not stand-ins.

`CopyOnlyStore` is a folder this machine can only copy from, the way a worker sees S3: it
has no local path to hand out, so the cache must fetch. `SlowCopyStore` takes its time
over each fetch, so racing fetches of one object overlap for sure.
"""

import time
from pathlib import Path

from designer.artifacts.local_store import LocalStore


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
