"""Resource limits of one process of a step, applied in the step before the component runs.

The worker writes them into the task's `limits` (from the node's compute target):

- `memory_mb` caps the address space the process may add on top of what it already has mapped
  when it starts (the libraries the zygote imported), so the same limit means the same
  allowance however heavy the runtime itself is. A step over its allowance gets a MemoryError
  in its own code. Each process it starts inherits the cap; where the step has a memory
  cgroup (`isolation`), the cgroup holds all its processes together to `memory_mb` too;
- `open_files` is RLIMIT_NOFILE; `cpu_seconds` is RLIMIT_CPU (SIGXCPU at the soft limit, the
  kernel kills at the hard one, 5 s later), per process;
- `nproc` is RLIMIT_NPROC, written only when the step runs as the unprivileged step user and
  has no pids cgroup: then it counts the processes of every step of that user together.
"""

from __future__ import annotations

import os
import resource
from collections.abc import Mapping
from typing import Any

CPU_GRACE_SECONDS = 5


def mapped_bytes() -> int:
    """The virtual memory this process has mapped now."""
    with open("/proc/self/statm") as statm:
        pages = int(statm.read().split()[0])
    return pages * os.sysconf("SC_PAGE_SIZE")


def apply_limits(limits: Mapping[str, Any] | None) -> None:
    limits = limits or {}
    memory_mb = limits.get("memory_mb")
    if memory_mb:
        ceiling = mapped_bytes() + int(float(memory_mb) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    if limits.get("open_files"):
        _cap(resource.RLIMIT_NOFILE, int(limits["open_files"]))
    if limits.get("cpu_seconds"):
        seconds = int(limits["cpu_seconds"])
        _cap(resource.RLIMIT_CPU, seconds, seconds + CPU_GRACE_SECONDS)
    if limits.get("nproc"):
        _cap(resource.RLIMIT_NPROC, int(limits["nproc"]))


def _cap(kind: int, soft: int, hard: int | None = None) -> None:
    """Lower a limit to `soft` (and `hard`, default the same); never above what is allowed."""
    _, allowed = resource.getrlimit(kind)
    hard = soft if hard is None else hard
    if allowed != resource.RLIM_INFINITY:
        hard = min(hard, allowed)
    resource.setrlimit(kind, (min(soft, hard), hard))
