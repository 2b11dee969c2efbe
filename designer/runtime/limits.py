"""Resource limits of an executor child, applied before the component runs.

`memory_mb` caps the address space the step may add on top of what the child already has
mapped when it starts (the libraries the zygote imported), so the same limit means the
same allowance however heavy the runtime itself is. A step over its allowance gets a
MemoryError in its own code, reported like any other failure.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Mapping
from typing import Any


def mapped_bytes() -> int:
    """The virtual memory this process has mapped now."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def apply_limits(limits: Mapping[str, Any] | None) -> None:
    memory_mb = (limits or {}).get("memory_mb")
    if not memory_mb:
        return
    ceiling = mapped_bytes() + int(float(memory_mb) * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
