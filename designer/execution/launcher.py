"""Starts executor children from a zygote that has already imported the heavy libraries.

The zygote is multiprocessing's fork server: a small single-purpose process that imports
pandas, pyarrow and scikit-learn once and forks a child per node in milliseconds. Forking
from the worker itself is avoided because it runs threads (Python warns, and locks held
by other threads would be copied into the child).

A few children are forked before they are needed (`SPARES`): each has done everything a
step's process does before it knows its task, and waits on its end of a socket pair for the
task's path. Taking one costs a message instead of a fork; a new spare is forked at once on a
background thread, off the step's path. With cgroups or isolation on, a spare has also put up
the part of the wall that does not depend on its task (`isolation.prepare_spare`): it has
joined cgroups of its own, and made its namespaces, the step's root but for the task's own
files, the namespace's init and the step's process, waiting inside; a step then pays for its
own binds only. A spare made for another isolation mode than the one in force is let go
unused.

The child answers `done <code>` on the same socket once its events file is complete (walled
in: once the step's process has said it finished, or ended, and the spare has killed what is
left of the step), so the worker moves on without waiting for the processes to finish exiting
(they are reaped later; `isolation.release` makes sure none still runs). A spare whose
worker closes its end exits.
"""

import atexit
import multiprocessing
import os
import signal
import threading
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess

from designer.runtime.child import wait_for_task

PRELOAD = [
    "designer.runtime.child",
    "designer.runtime.executor",
    "designer.runtime.learners",
    "pandas",
    "pyarrow.parquet",
    # Not imported by the two above but by a step's first dataframe: pyarrow's pandas
    # conversions, and what `pd.read_parquet` and `pq.read_table` bring in (pyarrow's dataset
    # layer alone costs about 10 ms a step when a step's process imports it).
    "pyarrow.pandas_compat",
    "pyarrow.dataset",
    "pandas.core.arrays.arrow.extension_types",
    "sklearn.linear_model",
    "sklearn.ensemble",
    "sklearn.model_selection",
    "sklearn.metrics",
    "sklearn.datasets",  # the Sample Dataset component's: 30+ ms a step to import
    "designer.runtime.fork_ready",  # last: freezes what the others made
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


# Children forked ahead of need, per worker process.
SPARES = 2


class _Spare:
    """A forked child waiting for its task, and the worker's end of its socket."""

    def __init__(self) -> None:
        from designer.execution import isolation

        self.wall = isolation.spare_wall()
        ours, theirs = _get_context().Pipe(duplex=True)
        self.process: BaseProcess = _get_context().Process(
            target=wait_for_task, args=(theirs, self.wall), daemon=False
        )
        self.process.start()
        theirs.close()
        self.channel: Connection = ours

    def suits(self, wall: dict | None) -> bool:
        """Whether it is alive and walled in as a new spare would be now."""
        from designer.execution import isolation

        return self.process.is_alive() and isolation.wall_kind(self.wall) == isolation.wall_kind(
            wall
        )

    def let_go(self) -> None:
        """Close its socket (it exits) and take away what it holds (its cgroups)."""
        from designer.execution import isolation

        self.channel.close()
        if self.wall and self.wall["cgroups"]:
            isolation.release({"cgroups": self.wall["cgroups"]}, None)


class _Spares:
    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.lock = threading.Lock()
        self.ready: list[_Spare] = []
        # Set when a spare may be missing; the filler thread (started on first need, then
        # kept: starting a thread waits until it has been scheduled, which a step taking a
        # spare should not) forks spares until there are enough.
        self.wanted = threading.Event()
        self.filler: threading.Thread | None = None

    def take(self) -> _Spare:
        from designer.execution import isolation

        wall = isolation.spare_wall()
        with self.lock:
            while self.ready:
                spare = self.ready.pop(0)  # the oldest: the most likely walled in by now
                if spare.suits(wall):
                    break
                spare.let_go()
            else:
                spare = None
        self.fill_later()
        return spare or _Spare()

    def fill_later(self) -> None:
        new = None
        with self.lock:
            if len(self.ready) >= SPARES:
                return
            if self.filler is None:
                new = self.filler = threading.Thread(
                    target=self._fill, name="spare-children", daemon=True
                )
        self.wanted.set()
        if new is not None:
            try:
                new.start()
            except RuntimeError:  # the interpreter is shutting down: no more spares
                with self.lock:
                    self.filler = None

    def _fill(self) -> None:
        while True:
            self.wanted.wait()
            # Cleared before counting: a spare taken from here on sets it again.
            self.wanted.clear()
            while True:
                with self.lock:
                    if len(self.ready) >= SPARES:
                        break
                try:
                    spare = _Spare()
                except Exception:  # the zygote is gone (the process is ending): no spares
                    break
                with self.lock:
                    self.ready.append(spare)

    def let_go(self) -> None:
        """Close every spare's socket: each exits. At exit, before multiprocessing joins its
        children (a spare would otherwise wait for a task forever)."""
        with self.lock:
            spares, self.ready = self.ready, []
        for spare in spares:
            spare.let_go()


_spares = _Spares()
atexit.register(_spares.let_go)
# A process forked from one that has spares has neither their filler thread nor a claim on
# them (they answer to the parent): it starts with none.
os.register_at_fork(after_in_child=_spares.reset)


def warm_up() -> None:
    """Start the zygote now instead of on the first node, say how steps are isolated, and
    fork the first spares."""
    from multiprocessing import forkserver

    from designer.execution import isolation

    isolation.announce()
    isolation.sweep()
    _get_context()
    forkserver.ensure_running()
    _spares.fill_later()


class Child:
    """One running executor child, in its own process group (a spare given its task)."""

    def __init__(self, task_path: str) -> None:
        spare = _spares.take()
        self.process = spare.process
        self.channel = spare.channel
        # The cgroups the spare joined ahead: renamed to the step's when its task names any.
        self.spare_cgroups = dict(spare.wall["cgroups"]) if spare.wall else {}
        self.exitcode: int | None = None
        try:
            self.channel.send_bytes(task_path.encode())
        except OSError:
            pass  # it died while waiting: wait() reports its exit code

    def _ended(self, code: int | None) -> int | None:
        """`code`; and the spare's own cgroups removed if its task did not take them over."""
        if self.spare_cgroups:
            from designer.execution import isolation

            cgroups, self.spare_cgroups = self.spare_cgroups, {}
            isolation.release({"cgroups": cgroups}, None)
        return code

    @property
    def pid(self) -> int | None:
        return self.process.pid

    def wait(self, timeout: float) -> int | None:
        """The step's exit code once it said it is done (or ended), else None after
        `timeout` seconds."""
        if self.exitcode is not None:
            return self.exitcode
        watched: list = [self.process.sentinel]
        if not self.channel.closed:
            watched.append(self.channel)
        ready = wait(watched, timeout)
        if not self.channel.closed and self.channel in ready:
            try:
                word, _, code = self.channel.recv_bytes().decode().partition(" ")
            except (EOFError, OSError):
                # No word and no socket (it ended, or its code closed the descriptor):
                # from here on only the process's exit says how it went.
                self.channel.close()
            else:
                if word == "done" and code.lstrip("-").isdigit():
                    self.exitcode = int(code)
                    self.channel.close()
                    return self._ended(self.exitcode)
        if self.process.sentinel in ready:
            self.process.join()
            self.exitcode = self.process.exitcode
            self.channel.close()
            return self._ended(self.exitcode)
        return self.exitcode

    def kill(self) -> None:
        """Kill the child and everything it started (its process group)."""
        pid = self.process.pid
        if pid is None:
            return
        # Once the fork server has reaped it, its pid may be another process's already (and
        # lead a group of its own): only a child still running is killed.
        if self.process.exitcode is None:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        self.process.join(5)
        self._ended(None)
