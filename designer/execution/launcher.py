"""Starts executor children from a zygote that has already imported the heavy libraries.

The zygote is multiprocessing's fork server: a small single-purpose process that imports
pandas, pyarrow and scikit-learn once and forks a child per node in milliseconds. Forking
from the worker itself is avoided because it runs threads (Python warns, and locks held
by other threads would be copied into the child).
"""

import multiprocessing
import os
import signal
import threading
from multiprocessing.context import ForkServerContext

from designer.runtime.child import main as child_main

PRELOAD = [
    "designer.runtime.child",
    "designer.runtime.executor",
    "designer.runtime.learners",
    "pandas",
    "pyarrow.parquet",
    "sklearn.linear_model",
    "sklearn.ensemble",
    "sklearn.model_selection",
    "sklearn.metrics",
]

_lock = threading.Lock()
_context: ForkServerContext | None = None


def _get_context() -> ForkServerContext:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            # Each node gets one BLAS thread unless told otherwise: several nodes share
            # the machine's cores, and forking a process with BLAS threads is unsafe.
            os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
            os.environ.setdefault("OMP_NUM_THREADS", "1")
            _context = ctx
        return _context


def warm_up() -> None:
    """Start the zygote now instead of on the first node, and say how steps are isolated."""
    from multiprocessing import forkserver

    from designer.execution import isolation

    isolation.announce()
    isolation.sweep()
    _get_context()
    forkserver.ensure_running()


class Child:
    """One running executor child, in its own process group."""

    def __init__(self, task_path: str) -> None:
        self.process = _get_context().Process(target=child_main, args=(task_path,), daemon=False)
        self.process.start()

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait(self, timeout: float) -> int | None:
        self.process.join(timeout)
        return self.process.exitcode

    def kill(self) -> None:
        """Kill the child and everything it started (its process group)."""
        pid = self.process.pid
        if pid is None:
            return
        try:
            os.killpg(pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.join(5)
