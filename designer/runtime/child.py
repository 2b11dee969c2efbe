"""Entry point of an executor child process. No Django here: the child runs user code only."""

import ctypes
import signal
import sys
from typing import Any

PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Ask Linux to kill this process when the one that started it dies.

    The zygote exits when its worker does, so a SIGKILLed worker leaves no step running
    unseen beside the retry the reconciler starts elsewhere; a scoring process goes with the
    server that started it.
    """
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _let_the_zygote_go() -> None:
    """Close the write end of the zygote's "alive" pipe that the fork server hands every
    child. The zygote exits when its worker dies because that pipe reaches end-of-file; a
    step holding a copy keeps the zygote, and so itself, alive after its worker was killed."""
    import os
    from multiprocessing import forkserver

    server: Any = getattr(forkserver, "_forkserver", None)
    fd = getattr(server, "_forkserver_alive_fd", None)
    if server is None or fd is None:
        return
    try:
        os.close(fd)
    except OSError:
        pass
    server._forkserver_alive_fd = None


def main(task_path: str) -> None:
    from designer.runtime.executor import run_task

    _let_the_zygote_go()
    die_with_parent()
    sys.exit(run_task(task_path))


def wait_for_task(channel: Any, wall: dict[str, Any] | None = None) -> None:
    """Entry point of a spare child of the fork server (isolation off), forked before its
    task exists: join the cgroups `wall` names (see `isolation.prepare_spare`), wait on
    `channel` (a multiprocessing connection) for the task's path, run it, and answer
    `done <code>` once its events file is complete. Exits quietly if the worker lets it go."""
    from designer.runtime.executor import run_task
    from designer.runtime.isolation import prepare_spare

    _let_the_zygote_go()
    die_with_parent()
    spare = prepare_spare(wall)
    try:
        task_path = channel.recv_bytes().decode()
    except (EOFError, OSError):
        sys.exit(0)
    code = run_task(task_path, spare)
    try:
        channel.send_bytes(f"done {code}".encode())
    except OSError:
        pass
    sys.exit(code)


def run_ahead(wall: dict[str, Any], init: int, pipes: tuple[int, int], channel: Any) -> int:
    """Entry point of a walled step's process, forked by the zygote into its namespaces before
    its task exists (`designer.runtime.zygote`'s `ahead`): put up what of the wall does not
    depend on the task (`isolation.ready_ahead`), wait for the task on `channel`, run it and
    tell the worker it finished; the worker then ends the step's namespace."""
    import os

    from designer.runtime.executor import run_task_ahead
    from designer.runtime.isolation import finished, ready_ahead

    die_with_parent()
    try:
        os.setpgid(0, 0)  # what the step starts is in its group
    except OSError:
        pass
    spare = ready_ahead(wall, init, pipes, channel)
    code = run_task_ahead(spare)
    finished(spare, code)
    return code
