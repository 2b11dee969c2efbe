"""The zygote of a component environment: imports the step runtime once, then forks a child
per step in milliseconds, in that environment's interpreter.

The default environment's zygote is multiprocessing's fork server, which always runs the
worker's own interpreter; a virtualenv needs its own process, started by the worker as
`<venv>/bin/python -m designer.runtime.zygote FD [MODULE ...]` with one end of a socket pair
as FD; the modules are the environment's `preload:` list, imported too so that no step pays
for them. With `--only` before the modules, it imports those alone (the default
environment's zygotes, one for each kind of step: `designer.execution.launcher.preloaded`).
Over the socket, one line per message:

    worker → zygote   run <task path>
                      ahead <wall JSON>      (with two descriptors, see below)
    zygote → worker   ready                  (once, after the imports)
                      started <pid>          (one per `run`, in order)
                      ahead <pid> <init pid> (one per `ahead`, in order; `ahead 0 0 <why>`
                                              when the namespaces could not be made)
                      exited <pid> <code>    (a negative code is the signal that ended it)

`ahead` readies a walled step before its task exists, with one fork of the zygote
(`isolation.ready_ahead`): the zygote unshares a PID and an IPC namespace, starts the
namespace's init (`isolation.init_command()`, a spawn, not a fork) and forks the step's process,
process 2 there, then goes back to its own PID namespace for its next children. The request
carries the step's end of a socket pair (its task comes on it) and the read end of a pipe the
worker keeps writing end of: the init's standard input, so the init, and with it everything
in the namespace, ends when the worker does. The default environment's zygote is this module
too when steps are walled in (`designer.execution.launcher`).

The zygote exits when the worker's end closes (the worker ended or let it go idle); its
children die with it, as they do with the fork server (`child._die_with_parent`). It is
single-threaded, so forking is safe, and it waits on the socket and on SIGCHLD together, so
an exit is reported at once. No Django here.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import select
import signal
import socket
import sys
import warnings
from collections.abc import Callable
from typing import NoReturn

from designer.runtime.child import main as child_main

# What every step needs, loaded before forking; the optional ones only if installed here.
PRELOAD = ("designer.runtime.child", "designer.runtime.executor", "pandas", "pyarrow.parquet")
OPTIONAL_PRELOAD = (
    # Imported by a step's first dataframe (see launcher.PRELOAD); optional because a
    # component may pin a pandas or pyarrow of its own, laid out otherwise.
    "pyarrow.pandas_compat",
    "pyarrow.dataset",
    "pandas.core.arrays.arrow.extension_types",
    "sklearn.base",
    "sklearn.metrics",
)


def main(argv: list[str]) -> int:
    # pyarrow starts a thread when imported, so Python warns at every fork. Arrow re-creates
    # its thread pools in a forked child, and the default zygote (multiprocessing's fork
    # server, which preloads pyarrow too) forks in the same state without a word.
    warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
    channel = socket.socket(fileno=int(argv[0]))
    _preload(argv[1:])
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
    channel.sendall(b"ready\n")
    # (poll, not select: the worker may hand over a descriptor numbered past 1,024.)
    watched = select.poll()
    for fd in (channel.fileno(), wake_read):
        watched.register(fd, select.POLLIN)
    pending = b""
    while True:
        readable = [fd for fd, _ in watched.poll()]
        if wake_read in readable:
            os.read(wake_read, 4096)
        try:
            _report_exits(channel)
        except OSError:  # the worker let this zygote go: nobody to tell
            return 0
        if channel.fileno() in readable:
            # (`ahead` requests come one a message, on a socket that keeps messages apart.)
            try:
                data, fds, _, _ = socket.recv_fds(channel, 65536, 4)
            except OSError:  # (reset: the worker went with a request unread)
                data, fds = b"", []
            if not data:
                return 0  # the worker is gone or let this zygote go
            pending += data
            *requests, pending = pending.split(b"\n")
            for request in requests:
                _serve(request.decode(), channel, (wake_read, wake_write), fds)
                fds = []
            for fd in fds:
                os.close(fd)


def _preload(declared: list[str]) -> None:
    if declared[:1] == ["--only"]:
        declared = declared[1:]
    else:
        for name in PRELOAD:
            importlib.import_module(name)
        for name in OPTIONAL_PRELOAD:
            try:
                importlib.import_module(name)
            except ImportError:
                continue
    for name in declared:
        try:
            importlib.import_module(name)
        except Exception as exc:  # the step imports it again and reports the error itself
            print(f"zygote: could not preload {name}: {exc}", file=sys.stderr, flush=True)
    # Keep the imported objects out of the collector's reach: forked children then share
    # their pages instead of copying them on the first collection.
    gc.freeze()


def _serve(request: str, channel: socket.socket, wake: tuple[int, int], fds: list[int]) -> None:
    verb, _, rest = request.partition(" ")
    if verb == "ahead" and len(fds) == 2:
        try:
            answer = _ahead(json.loads(rest), fds, channel, wake)
        finally:
            for fd in fds:
                os.close(fd)
        channel.sendall(answer.encode())
        return
    if verb != "run" or not rest:
        return
    pid = os.fork()
    if pid == 0:
        _become_step(rest, channel, wake)
    channel.sendall(f"started {pid}\n".encode())


def _ahead(wall: dict, fds: list[int], channel: socket.socket, wake: tuple[int, int]) -> str:
    """Ready a walled step in namespaces of its own (see the module's docstring)."""
    from designer.runtime import isolation
    from designer.runtime.child import run_ahead

    task_end, init_input = fds
    isolation.system_paths()  # once, here: every step forked from now on has them
    try:
        init, step, pipes = isolation.start_namespace(init_input)
    except OSError as exc:
        return f"ahead 0 0 could not make the step's namespaces: {exc}\n"
    if step == 0:
        # The step's process, forked ahead: its task's socket and the init's root pipes go
        # with it, the init's input stays the worker's.
        _as_child(
            channel,
            (*wake, init_input),
            lambda: run_ahead(wall, init, pipes, socket.socket(fileno=task_end)),
        )
    for fd in pipes:
        os.close(fd)
    return f"ahead {step} {init}\n"


def _become_step(task_path: str, channel: socket.socket, wake: tuple[int, int]) -> None:
    """In the forked child: drop the zygote's plumbing and run the step; never returns."""

    def run() -> int:
        child_main(task_path)  # exits with the step's code
        return 0

    _as_child(channel, wake, run)


def _as_child(channel: socket.socket, fds: tuple[int, ...], run: Callable[[], int]) -> NoReturn:
    """In a forked child: close the zygote's socket and `fds`, reset its signal handling, and
    exit with what `run` returns (or the code it exits with)."""
    code = 1
    try:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        channel.close()
        for fd in fds:
            os.close(fd)
        code = run()
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _report_exits(channel: socket.socket) -> None:
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        channel.sendall(f"exited {pid} {os.waitstatus_to_exitcode(status)}\n".encode())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
