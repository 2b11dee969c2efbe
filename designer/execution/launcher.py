"""Starts executor children from a zygote that has already imported the heavy libraries.

The zygote is a small single-purpose process that imports pandas, pyarrow and scikit-learn
once and forks a child per node in milliseconds. Forking from the worker itself is avoided
because it runs threads (Python warns, and locks held by other threads would be copied into
the child).

A few children are readied before they are needed (`SPARES`): each has done everything a
step's process does before it knows its task, and waits on a socket for it. Taking one costs a
message instead of a fork; a new spare is readied at once on a background thread, off the
step's path. A spare made for another isolation mode than the one in force is let go unused.

- Steps walled in (`isolation.mode().isolated`): the zygote is `designer.runtime.zygote`, run
  by this interpreter, one of each kind (`preloaded`) that a task's `preload` has asked for,
  with `SPARES` spares of each; a spare is the step's own process, forked once into a PID namespace
  of its own with the namespace's init beside it (the zygote's `ahead`; see
  `designer.runtime.isolation`). It has joined cgroups of its own and built the step's root but
  for the task's own files. At the task the worker renames those cgroups to the step's, opens
  its events and crash files and hands them over with the task (`WalledChild`); the step says
  `finished <code>` once its events file is complete, and the worker ends it and its namespace.
- Isolation off: the zygote is multiprocessing's fork server, and a spare (`Child`) has joined
  cgroups of its own where there are any; it runs its task and answers `done <code>` once its
  events file is complete.

Either way the worker moves on without waiting for the processes to finish exiting (they are
reaped later; `isolation.release` makes sure none still runs).
"""

from __future__ import annotations

import atexit
import json
import logging
import multiprocessing
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterable
from multiprocessing.connection import Connection, wait
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from designer.runtime.child import wait_for_task
from designer.runtime.environment import kept_environment, zygote_environment
from designer.runtime.events import EVENTS_FILE, FileEventSink
from designer.runtime.executor import CRASH_FILE
from designer.runtime.isolation import Isolation, adopt_cgroups, note_memory_kill
from designer.runtime.zygote_pool import START_TIMEOUT, ZygoteChild, ZygoteGone

RUNTIME_PRELOAD = ["designer.runtime.child", "designer.runtime.executor"]
DATAFRAME_PRELOAD = [
    "pandas",
    "pyarrow.parquet",
    # Not imported by the runtime but by a step's first dataframe: pyarrow's pandas
    # conversions, and what `pd.read_parquet` and `pq.read_table` bring in (pyarrow's dataset
    # layer alone costs about 10 ms a step when a step's process imports it).
    "pyarrow.pandas_compat",
    "pyarrow.dataset",
    "pandas.core.arrays.arrow.extension_types",
]
LEARNER_PRELOAD = [
    "designer.runtime.learners",
    "sklearn.linear_model",
    "sklearn.ensemble",
    "sklearn.model_selection",
    "sklearn.metrics",
    "sklearn.datasets",  # the Sample Dataset component's: 30+ ms a step to import
]
# Last in each list: freezes what the others made.
FORK_READY = "designer.runtime.fork_ready"
PRELOAD = [*RUNTIME_PRELOAD, *DATAFRAME_PRELOAD, *LEARNER_PRELOAD, FORK_READY]

# What a walled step's process starts with, by what its component needs (`preload_for`). A
# fork of a zygote and the exit of its child cost the CPU about 5 µs a memory mapping the
# zygote has: some 1,700 with everything above (scikit-learn and SciPy bring most), 770 with
# pandas and pyarrow alone, 180 with the runtime alone: 9.1, 4.7 and 1.3 ms of CPU a fork and
# exit (`bench/zygote_kinds.py`). A step whose code imports only the standard library comes
# from the lightest.
FULL, DATAFRAMES, PYTHON = "full", "dataframes", "python"
DATAFRAME_MODULES = frozenset({"pandas", "numpy", "pyarrow"})


def preloaded(kind: str) -> list[str]:
    """The modules the steps' zygote of `kind` imports before it forks."""
    if kind == PYTHON:
        return [*RUNTIME_PRELOAD, FORK_READY]
    if kind == DATAFRAMES:
        return [*RUNTIME_PRELOAD, *DATAFRAME_PRELOAD, FORK_READY]
    return PRELOAD


def preload_for(imports: frozenset[str] | None, port_types: Iterable[str]) -> str:
    """The zygote a component's steps come from, given the modules its code imports (None:
    cannot be told) and the types of its ports: `python` when it imports only the standard
    library and passes no dataframe, `dataframes` when it needs no more than pandas, numpy
    and pyarrow (and no model, whose unpickling imports scikit-learn), else `full`. A guess
    that is wrong costs time (the step imports what it lacks), never a result."""
    if imports is None:
        return FULL
    outside = {name for name in imports if name not in sys.stdlib_module_names}
    types = set(port_types)
    if "model" in types or outside - DATAFRAME_MODULES:
        return FULL
    if outside or "dataframe" in types:
        return DATAFRAMES
    return PYTHON


log = logging.getLogger(__name__)

_lock = threading.Lock()
_context: ForkServerContext | None = None


def _get_context() -> ForkServerContext:
    global _context
    with _lock:
        if _context is None:
            ctx = multiprocessing.get_context("forkserver")
            ctx.set_forkserver_preload(PRELOAD)
            # The fork server starts with this process's environment.
            zygote_environment(os.environ)
            _context = ctx
        return _context


# Children forked ahead of need, per worker process.
SPARES = 2
# A walled step's task up to this size goes with the message that hands it over (the step's
# process reads at most 64 KiB of it): the step need not read its file through the host's
# root.
INLINE_TASK_BYTES = 60_000


class _Spare:
    """A child of the fork server waiting for its task, and the worker's end of its socket."""

    kind = FULL  # (the fork server preloads everything)

    def __init__(self, wall: dict | None) -> None:
        self.wall = wall
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
        self.ready: list[_Spare | _WalledSpare] = []
        # The kinds of zygote steps have come from (`preload_for`): SPARES of each are kept.
        self.kinds: dict[str, None] = {FULL: None}
        # Set when a spare may be missing; the filler thread (started on first need, then
        # kept: starting a thread waits until it has been scheduled, which a step taking a
        # spare should not) forks spares until there are enough.
        self.wanted = threading.Event()
        self.filler: threading.Thread | None = None

    def take(self, kind: str = FULL) -> _Spare | _WalledSpare:
        from designer.execution import isolation

        wall = isolation.spare_wall()
        if not (wall and wall["namespaces"]):
            kind = FULL  # (not walled: a child of the fork server)
        spare = None
        with self.lock:
            self.kinds.setdefault(kind)
            # The oldest of its kind: the most likely walled in by now.
            for candidate in [s for s in self.ready if s.kind == kind]:
                self.ready.remove(candidate)
                if candidate.suits(wall):
                    spare = candidate
                    break
                candidate.let_go()
        self.fill_later()
        return spare or _new_spare(wall, kind)

    def missing(self) -> str | None:
        """Called with the lock held: a kind of which fewer than SPARES are ready."""
        for kind in self.kinds:
            if sum(spare.kind == kind for spare in self.ready) < SPARES:
                return kind
        return None

    def fill_later(self) -> None:
        new = None
        with self.lock:
            if self.missing() is None:
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
        from designer.execution import isolation

        while True:
            self.wanted.wait()
            # Cleared before counting: a spare taken from here on sets it again.
            self.wanted.clear()
            while True:
                with self.lock:
                    kind = self.missing()
                if kind is None:
                    break
                try:
                    spare = _new_spare(isolation.spare_wall(), kind)
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


def _new_spare(wall: dict | None, kind: str = FULL) -> _Spare | _WalledSpare:
    if wall and wall["namespaces"]:
        return _WalledSpare(wall, kind)
    return _Spare(wall)


class _WalledZygote:
    """A zygote of the default environment when steps are walled in: `designer.runtime.zygote`
    run by this interpreter with the modules of its kind (`preloaded`), over a socket that
    keeps messages apart (an `ahead` request carries descriptors), and the thread that reads
    what it reports."""

    def __init__(self, kind: str) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        environment = zygote_environment(kept_environment(os.environ))
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "designer.runtime.zygote",
                str(theirs.fileno()),
                "--only",
                *preloaded(kind),
            ],
            pass_fds=(theirs.fileno(),),
            stdin=subprocess.DEVNULL,
            env=environment,
        )
        theirs.close()
        self.channel = ours
        self.lock = threading.Lock()
        # Each `ahead` answer, with where its step's exit will be reported.
        self.answers: queue.Queue[tuple[list[str], ZygoteChild] | None] = queue.Queue()
        # Step pid → its exit, reported by the zygote that reaps it.
        self.exits: dict[int, ZygoteChild] = {}
        self.gone = False
        # Set once it has imported what it preloads (or ended): it can fork steps.
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True, name="walled-zygote").start()

    def ahead(
        self, wall: dict, task_end: socket.socket, init_input: int
    ) -> tuple[int, int, ZygoteChild]:
        """Ready a walled step's process (the zygote's `ahead`): its pid, its init's, and
        where its exit will be reported."""
        message = f"ahead {json.dumps(wall)}\n".encode()
        with self.lock:
            try:
                socket.send_fds(self.channel, [message], [task_end.fileno(), init_input])
                answer = self.answers.get(timeout=START_TIMEOUT)
            except (OSError, queue.Empty):
                answer = None
        if answer is None:
            self.shut()  # a zygote that missed an answer cannot be trusted with the next
            raise ZygoteGone(
                f"the steps' zygote ended before it readied a step (exit code "
                f"{self.process.poll()}); the worker's log has its output"
            )
        words, exit_ = answer
        step, init = int(words[0]), int(words[1])
        if not step:
            raise ZygoteGone(" ".join(words[2:]))
        return step, init, exit_

    def _read(self) -> None:
        while True:
            try:
                data = self.channel.recv(65536)
            except OSError:
                data = b""
            if not data:
                break
            for line in data.decode().splitlines():
                words = line.split()
                if words == ["ready"]:
                    self.ready.set()
                elif len(words) >= 3 and words[0] == "ahead":
                    exit_ = ZygoteChild(int(words[1]))
                    if exit_.pid:  # (0: none readied)
                        self.exits[exit_.pid] = exit_
                    self.answers.put((words[1:], exit_))
                elif len(words) == 3 and words[0] == "exited":
                    ended = self.exits.pop(int(words[1]), None)
                    if ended is not None:
                        ended.ended(int(words[2]))
        self.gone = True
        self.ready.set()
        self.answers.put(None)
        for child in list(self.exits.values()):
            child.ended(-signal.SIGKILL)  # its children die with it
        self.exits.clear()
        self.channel.close()
        self.process.wait()

    def shut(self) -> None:
        try:
            self.channel.shutdown(socket.SHUT_RDWR)  # it reads end-of-file and exits
        except OSError:
            pass


_zygote_lock = threading.Lock()
# The walled steps' zygotes, by kind.
_walled_zygotes: dict[str, _WalledZygote] = {}


def _steps_zygote(kind: str = FULL) -> _WalledZygote:
    """The walled steps' zygote of `kind`, started on first need (and again should it have
    ended)."""
    with _zygote_lock:
        zygote = _walled_zygotes.get(kind)
        if zygote is None or zygote.gone:
            zygote = _walled_zygotes[kind] = _WalledZygote(kind)
        return zygote


def _forget_zygote() -> None:
    global _walled_zygotes, _zygote_lock
    _walled_zygotes, _zygote_lock = {}, threading.Lock()


class _WalledSpare:
    """A walled step's process readied ahead by the zygote, waiting for its task: the
    worker's end of its socket and of its init's pipe, and a pidfd of each."""

    def __init__(self, wall: dict, kind: str = FULL) -> None:
        self.wall = wall
        self.kind = kind
        # Controller → the cgroup folder it joined ahead (the step's once renamed).
        self.cgroups: dict[str, str] = dict(wall["cgroups"])
        self.channel, task_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        init_read, self.init_input = os.pipe()
        zygote = _steps_zygote(kind)
        try:
            self.pid, self.init, self.exit = zygote.ahead(wall, task_end, init_read)
        except BaseException:
            self.channel.close()
            os.close(self.init_input)
            raise
        finally:
            task_end.close()
            os.close(init_read)
        # Neither can end before the worker lets it (the step waits for its task, the init
        # for the worker's pipe), so these are theirs and no later process's.
        self.pidfds = [os.pidfd_open(self.pid), os.pidfd_open(self.init)]

    def suits(self, wall: dict | None) -> bool:
        from designer.execution import isolation

        alive = not wait(self.pidfds, 0)
        return alive and isolation.wall_kind(self.wall) == isolation.wall_kind(wall)

    def end(self) -> None:
        """Kill the step's process and its init (and so its namespace); close what the
        worker held of them."""
        for pidfd in self.pidfds:
            try:
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pidfd in self.pidfds:
            os.close(pidfd)
        self.pidfds = []
        self.channel.close()
        os.close(self.init_input)

    def let_go(self) -> None:
        from designer.execution import isolation

        self.end()
        if self.cgroups:
            isolation.release({"cgroups": self.cgroups}, None)


_spares = _Spares()
atexit.register(_spares.let_go)


def _forget_after_fork() -> None:
    # A process forked from one that has spares has neither their filler thread nor a claim
    # on them or on the steps' zygote (they answer to the parent): it starts with none.
    _spares.reset()
    _forget_zygote()


os.register_at_fork(after_in_child=_forget_after_fork)


def warm_up() -> None:
    """Start the zygote now instead of on the first node, say how steps are isolated, and
    ready the first spares."""
    from multiprocessing import forkserver

    from designer.execution import isolation

    isolation.sweep()
    if isolation.announce().isolated:
        # Until it has imported pandas and scikit-learn (seconds on a busy machine) a step
        # would wait for it (its lease kept by `lifecycle.kept_alive`): a standalone worker
        # takes none before.
        _steps_zygote().ready.wait(START_TIMEOUT)
    else:
        _get_context()
        forkserver.ensure_running()
    _spares.fill_later()


def restart_zygotes() -> None:
    """Let go of the spares and the zygotes they came from: the next step starts new ones,
    with this process's environment as it is then."""
    from multiprocessing import forkserver

    _spares.let_go()
    with _zygote_lock:
        zygotes = list(_walled_zygotes.values())
        _walled_zygotes.clear()
    for zygote in zygotes:
        zygote.shut()
    server = getattr(forkserver, "_forkserver", None)
    if server is not None:
        server._stop()


def start(task_path: str, task: dict | None = None) -> Child | WalledChild:
    """An executor child running the task at `task_path` (`task`: what that file holds, when
    the caller has it at hand): a spare given its task. (A task that asks for no namespaces
    where steps are walled in, as a test's may, gets a child of the fork server made for
    it.)"""
    from designer.execution import isolation

    if task is None:
        task = json.loads(Path(task_path).read_bytes())
    walled = bool((task.get("isolation") or {}).get("namespaces"))
    if walled == isolation.mode().isolated:
        spare = _spares.take(task.get("preload") or FULL)
    else:
        spare = _Spare(None)
    if isinstance(spare, _WalledSpare):
        return WalledChild(spare, task, task_path)
    return Child(spare, task_path)


class Child:
    """One running child of the fork server, in its own process group (a spare given its
    task)."""

    def __init__(self, spare: _Spare, task_path: str) -> None:
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


class WalledChild:
    """One walled step's process readied ahead (`_WalledSpare`), given its task: the worker
    does at the task what of the wall needs the task and the host (the cgroups, the step's
    files), and ends the step's namespace once it has finished or ended."""

    def __init__(self, spare: _WalledSpare, task: dict, task_path: str) -> None:
        self.spare = spare
        self.exitcode: int | None = None
        self.channel: socket.socket | None = spare.channel
        self.isolation = Isolation.from_task(task.get("isolation"))
        self.events = os.path.join(task.get("work_dir") or os.path.dirname(task_path), EVENTS_FILE)
        files = []
        try:
            os.makedirs(os.path.dirname(self.events), exist_ok=True)
            files.append(os.open(self.events, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644))
            crash = os.path.join(os.path.dirname(self.events), CRASH_FILE)
            files.append(os.open(crash, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644))
            # The step's process says when it is in its cgroups and namespaces (a spare taken
            # at once may not be yet): only then may they become the step's.
            if not wait([spare.channel], START_TIMEOUT):
                raise OSError("the step's process was not ready in time")
            if spare.channel.recv(64) != b"ready":
                raise OSError("the step's process ended before it was ready")
            if self.isolation is not None:
                adopt_cgroups(self.isolation, spare.cgroups, [spare.pid, spare.init])
            message = {"task_file": task_path, "work_dir": os.path.dirname(self.events)}
            sent = json.dumps({**message, "task": task}).encode()
            if len(sent) > INLINE_TASK_BYTES:  # the step reads it from its file instead
                sent = json.dumps(message).encode()
            socket.send_fds(spare.channel, [sent], files)
        except Exception as exc:  # the step cannot be handed its task: it does not run
            self._report({"type": "error", "message": f"could not start the step: {exc}"})
            self.kill()
        finally:
            for fd in files:
                os.close(fd)

    @property
    def pid(self) -> int | None:
        return self.spare.pid

    def wait(self, timeout: float) -> int | None:
        """The step's exit code once it said it finished (or ended), else None after
        `timeout` seconds."""
        if self.exitcode is not None:
            return self.exitcode
        if not self.spare.pidfds:  # killed already
            return self.spare.exit.wait(timeout)
        watched: list = [self.spare.pidfds[0]]
        if self.channel is not None:
            watched.append(self.channel)
        # (Not select(): a busy server's descriptors go past the 1,024 it can watch.)
        ready = wait(watched, timeout)
        if self.channel is not None and self.channel in ready:
            try:
                word, _, code = self.channel.recv(64).decode().partition(" ")
            except (OSError, UnicodeDecodeError):
                word, code = "", ""
            if word == "finished" and code.isdigit():
                return self._ended(int(code))
            # No word and no socket (it ended, or its code closed or wrote over the
            # descriptor): from here on only the process's exit says how it went.
            self.channel = None
        if self.spare.pidfds[0] in ready:
            code = self.spare.exit.wait(timeout)  # the zygote's report, once it reaped it
            if code is not None:
                return self._ended(code)
        return None

    def _ended(self, code: int) -> int:
        """Kill what is left of the step, say when the kernel killed one of its processes
        for its memory, and keep `code` (a negative one: the signal that ended it)."""
        self.spare.end()
        if self.isolation is not None:
            note_memory_kill(128 - code if code < 0 else code, self.isolation, self._report)
        self.exitcode = code
        self._release_spare_cgroups()
        return code

    def _report(self, event: dict) -> None:
        try:
            sink = FileEventSink(Path(self.events))
        except OSError:
            log.warning("could not write to %s: %s", self.events, event)
            return
        try:
            sink.emit(event)
        finally:
            sink.close()

    def _release_spare_cgroups(self) -> None:
        """The cgroups joined ahead that the task did not take over."""
        if self.spare.cgroups:
            from designer.execution import isolation

            cgroups, self.spare.cgroups = self.spare.cgroups, {}
            isolation.release({"cgroups": cgroups}, None)

    def kill(self) -> None:
        """Kill the step and everything in its namespace."""
        if self.exitcode is None:
            if self.spare.pidfds:
                self.spare.end()
            self.exitcode = self.spare.exit.wait(5)
        self._release_spare_cgroups()
