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
    """Entry point of a spare child, forked before its task exists: put up what of the wall
    does not depend on the task (`wall`: the cgroups to join, whether to make namespaces;
    see `isolation.prepare_spare`), wait on `channel` (a multiprocessing connection) for the
    task's path, run it, and answer `done <code>` once its events file is complete and, when
    walled in, the step's process has said it finished (or ended) and what was left of the
    step has been killed. Exits quietly if the worker lets it go."""
    import os

    from designer.runtime.executor import run_task, run_task_ahead
    from designer.runtime.isolation import finished, prepare_spare

    _let_the_zygote_go()
    die_with_parent()
    me = os.getpid()
    spare = prepare_spare(wall)
    if spare is not None and spare.task_file:
        # The step's process the spare forked ahead, its task come: the spare answers for it.
        channel.close()
        code = run_task_ahead(spare)
        finished(spare, code)
        sys.exit(code)

    def answer(code: int) -> None:
        try:
            channel.send_bytes(f"done {code}".encode())
        except OSError:
            pass

    if spare is not None:
        spare.answer, spare.forget = answer, channel.close
    try:
        task_path = channel.recv_bytes().decode()
    except (EOFError, OSError):
        sys.exit(0)
    code = run_task(task_path, spare)
    # Only the process the worker knows answers here: a walled-in step's process returns
    # too, and its outer process answers for it once it has ended (or by its own exit).
    if os.getpid() == me:
        answer(code)
    sys.exit(code)
