"""The wall around a step: namespaces, a private file-system view, an unprivileged user and
the step's cgroups, set up in the executor child before any user code runs.

The worker decides whether a step is isolated and writes how into the task's `isolation`
entry (`designer.execution.isolation`); this module carries it out. It needs root, which the
child has when the server runs as root, and drops it before the component runs. In order:

1. the *outer* child (the process the worker knows) creates the step's cgroups (memory for all
   its processes together, a process count), joins them, and unshares a PID and an IPC
   namespace, and a network namespace when the compute target allows no network;
2. it forks the step's *init*, process 1 of the new PID namespace, and waits for it. The init
   unshares a mount namespace and builds a new root on a tmpfs holding only what a step needs,
   read-only: the system folders (`/usr`, `/etc`, ...), the Python installation and packages,
   the runtime part of the source tree (`designer/runtime`, `designer/kernel`), the component's
   folder and the step's input files; writable: its work folder and the data roots. Fresh
   `/tmp`, `/dev/shm` and `/proc`. The database, `var/`, the rest of the source tree, other runs'
   work folders and the artifact store are not in it;
3. the init forks the *step*, which becomes the unprivileged user (no supplementary groups, no
   new privileges) and runs the component. The init reaps orphans and exits with the step's
   code; when it ends, Linux kills every process left in the namespace, whatever session or
   group it moved to. The init dies with the outer child (parent-death signal), so killing the
   process the worker knows kills the whole step.

`wall_in` is steps 2 and 3 for any view: `designer.runtime.walled` puts the server's other user
code (a scoring process, the model-upload probe) behind the same wall.

The default environment's steps are readied before their tasks exist, with one fork each
(`designer.execution.launcher` asks the zygote, `designer.runtime.zygote`):

1. ahead: the zygote unshares a PID and an IPC namespace, spawns the namespace's init
   (`init_command`) and forks the step's process into it (`start_namespace`), then goes back to
   its own PID namespace. The step's process joins cgroups of its own with the init (moving a
   process into a cgroup is the slow part of them), builds its mount namespace with the root's
   frame and the system, Python and runtime paths bound read-only, hands the init that root
   (it waits there with SIGCHLD ignored: orphans are reaped by Linux) and waits, as root, for
   its task (`ready_ahead`);
2. at the task: the worker opens the step's events and crash files, renames the cgroups to
   the step's and writes the step's limits into them, and hands the step's process the task's
   path and those files. The step's process takes the network away if asked, binds its own
   files (work folder, inputs, data roots, a copy of the component), masks the secret files,
   mounts its /proc, lets go of the host's root, and becomes the unprivileged user before any
   of its code runs (`finish_wall`, `become`);
3. when the step's process says it has finished (`finished`), or ends, the worker kills it
   and the init, so Linux kills every process left in the namespace, and notes a memory kill;
   its `release` waits until none of them runs.

With isolation off, a spare child of the fork server joins its cgroups ahead (`prepare_spare`)
and runs its task itself.

No Django here (see docs/security.md for the trust model).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import json
import os
import platform
import shutil
import signal
import socket
import stat
import struct
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41}
SIOCGIFFLAGS, SIOCSIFFLAGS, IFF_UP = 0x8913, 0x8914, 0x1

# Host folders every step sees read-only (the ones that exist; symlinks are kept as symlinks).
SYSTEM_PATHS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc", "/opt")
# Files in them that a step must never read, masked with an empty file.
MASKED = ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-")
# What a step may import from a source checkout on its path: the runtime, nothing else.
RUNTIME_PARTS = ("designer/__init__.py", "designer/runtime", "designer/kernel")
CHECKOUT_MARK = "designer/settings.py"
# Where the new root is built: a tmpfs over /tmp, in the init's own mount namespace only.
BASE = "/tmp"
NEW, OLD = "/newroot", "/oldroot"

_libc = ctypes.CDLL(None, use_errno=True)

# True in the walled-in step process only. The process the worker knows is the outer one,
# which says how the step ended once it has reported (e.g. a memory kill); the step itself
# must not answer for it (see runtime/child.py).
_walled_in = False


def walled_in() -> bool:
    """Whether this process is a step inside its namespaces (the outer child answers)."""
    return _walled_in


class IsolationError(RuntimeError):
    """The step could not be isolated as its task asked; it does not run."""


@dataclass(frozen=True)
class Isolation:
    """The task's `isolation` entry: who the step runs as and what it may reach."""

    # False: the worker's own user and view, only the cgroups below (isolation is off).
    namespaces: bool
    uid: int = 0
    gid: int = 0
    network: bool = True
    # Controller → the step's cgroup folder, made by the child, removed by the worker.
    cgroups: dict[str, str] = field(default_factory=dict)
    memory_mb: float | None = None
    processes: int | None = None

    @classmethod
    def from_task(cls, entry: Mapping[str, Any] | None) -> Isolation | None:
        if not entry:
            return None
        return cls(
            namespaces=bool(entry.get("namespaces")),
            uid=int(entry.get("uid", 0)),
            gid=int(entry.get("gid", 0)),
            network=bool(entry.get("network", True)),
            cgroups={str(k): str(v) for k, v in (entry.get("cgroups") or {}).items()},
            memory_mb=entry.get("memory_mb"),
            processes=entry.get("processes"),
        )


def enter_isolation(
    entry: Mapping[str, Any] | None,
    task: Mapping[str, Any],
    work_dir: Path,
    report: Callable[[dict[str, Any]], None],
    spare: Spare | None = None,
) -> None:
    """Isolate this step as `entry` says; returns only in the step's own process.

    The outer child and the init never return: they wait and exit with the step's code.
    `report` takes an event for the step's events file (the outer child's note that the
    step's processes went over their memory limit). A `spare` (`prepare_spare`) joined
    cgroups ahead: they become the step's."""
    isolation = Isolation.from_task(entry)
    if isolation is not None:
        if spare is None:
            join_cgroups(isolation)
        else:
            adopt_cgroups(isolation, spare.cgroups)
    if isolation is not None and isolation.namespaces:
        wall_in(isolation, view_of(task, work_dir), work_dir, report)


def wall_in(
    isolation: Isolation,
    view: View,
    work_dir: Path,
    report: Callable[[dict[str, Any]], None],
) -> None:
    """Namespaces, a root holding `view` only and the unprivileged user, in that order;
    returns only in the walled-in process, in `work_dir`. The step's cgroups come first
    (`join_cgroups`); `designer.runtime.walled` puts other user code behind the same wall."""
    flags = os.CLONE_NEWPID | os.CLONE_NEWIPC
    if not isolation.network:
        flags |= os.CLONE_NEWNET
    try:
        os.unshare(flags)
    except OSError as exc:
        raise IsolationError(f"could not make the step's namespaces: {exc}") from exc
    pid = os.fork()
    if pid:
        _outer(pid, isolation, report)
    _die_with_parent()
    os.unshare(os.CLONE_NEWNS)
    if not isolation.network:
        _loopback_up()
    build_root(view)
    step = os.fork()
    if step:
        _init(step)
    _die_with_parent()
    global _walled_in
    _walled_in = True
    _become(isolation, work_dir)


# --- cgroups ----------------------------------------------------------------------------------


def join_cgroups(isolation: Isolation, pids: Iterable[int] = ()) -> None:
    """Make the step's cgroups, set their limits and move the processes `pids` names into
    them (none named: this process)."""
    for controller, folder in isolation.cgroups.items():
        path = Path(folder)
        try:
            path.mkdir(parents=True, exist_ok=True)
            _limit(controller, path, isolation)
            for pid in list(pids) or [os.getpid()]:
                (path / "cgroup.procs").write_text(str(pid))
        except OSError as exc:
            raise IsolationError(f"could not set up the step's {controller} cgroup: {exc}") from exc


def adopt_cgroups(
    isolation: Isolation, joined_ahead: dict[str, str], pids: Iterable[int] = ()
) -> None:
    """Make the cgroups joined ahead of the task (`joined_ahead`, emptied here) the step's
    own: each is renamed to the folder the task names (cgroup v1 renames a cgroup in place;
    its processes stay in it) and gets the step's limits. Moving a process between cgroups is
    what costs (the kernel waits for a grace period), so this is the step's path; a
    controller not joined ahead, or a folder that cannot be renamed, is made and `pids`
    (none named: this process) are moved into it."""
    missing: dict[str, str] = {}
    for controller, folder in isolation.cgroups.items():
        joined = joined_ahead.pop(controller, None)
        if joined is not None and joined != folder:
            try:
                os.rename(joined, folder)
            except OSError:
                missing[controller] = folder
                continue
        elif joined is None:
            missing[controller] = folder
            continue
        try:
            _limit(controller, Path(folder), isolation)
        except OSError as exc:
            raise IsolationError(f"could not set up the step's {controller} cgroup: {exc}") from exc
    if missing:
        join_cgroups(replace(isolation, cgroups=missing), pids)


def _limit(controller: str, path: Path, isolation: Isolation) -> None:
    """Write the step's limit for `controller` into its cgroup folder."""
    if controller == "memory" and isolation.memory_mb:
        limit = str(int(float(isolation.memory_mb) * 1024 * 1024))
        (path / "memory.limit_in_bytes").write_text(limit)
        swap = path / "memory.memsw.limit_in_bytes"
        if swap.exists():  # memory plus swap: the same ceiling, so no escape to swap
            _write_quietly(swap, limit)
    if controller == "pids" and isolation.processes:
        (path / "pids.max").write_text(str(int(isolation.processes)))


def memory_kills(folder: str) -> int:
    """How many processes of a memory cgroup the kernel killed for going over its limit."""
    try:
        text = (Path(folder) / "memory.oom_control").read_text()
    except OSError:
        return 0
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name == "oom_kill":
            return int(value)
    return 0


def _write_quietly(path: Path, value: str) -> None:
    try:
        path.write_text(value)
    except OSError:
        pass


# --- the three processes ----------------------------------------------------------------------


def _outer(init: int, isolation: Isolation, report: Callable[[dict[str, Any]], None]) -> None:
    """The process the worker knows: wait for the init, say why the step died, exit alike."""
    code = _wait_for(init)
    note_memory_kill(code, isolation, report)
    _exit_like(code)


def note_memory_kill(
    code: int, isolation: Isolation, report: Callable[[dict[str, Any]], None]
) -> None:
    """Tell the step's log when the kernel killed one of its processes for its memory."""
    memory = isolation.cgroups.get("memory")
    if memory and memory_kills(memory):
        limit = f"{float(isolation.memory_mb or 0):g} MB"
        text = (
            f"MemoryError: the step's processes together went over its memory limit of {limit} "
            "and the kernel killed one of them"
        )
        if code > 128:  # the step itself was killed: this is why it failed
            report({"type": "error", "message": text, "traceback": ""})
        else:
            report({"type": "log", "stream": "system", "line": text})


def _exit_like(code: int) -> None:
    if 128 < code < 128 + signal.NSIG:
        # The step died of a signal; end the same way, so the worker reports the signal.
        sig = signal.Signals(code - 128)
        if sig not in (signal.SIGKILL, signal.SIGSTOP):  # those two have no handler to reset
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(code)


def _init(step: int) -> None:
    """Process 1 of the step's namespace: reap every orphan until the step ends, then exit
    with its code (128 + the signal that ended it); Linux then kills what is left."""
    while True:
        try:
            pid, status = os.waitpid(-1, 0)
        except ChildProcessError:
            os._exit(1)
        except InterruptedError:
            continue
        if pid == step:
            if os.WIFSIGNALED(status):
                os._exit(128 + os.WTERMSIG(status))
            os._exit(os.waitstatus_to_exitcode(status))


def _wait_for(pid: int) -> int:
    while True:
        try:
            _, status = os.waitpid(pid, 0)
        except InterruptedError:
            continue
        if os.WIFSIGNALED(status):
            return 128 + os.WTERMSIG(status)
        return os.waitstatus_to_exitcode(status)


def _die_with_parent() -> None:
    # (Should the parent die before this, the worker still kills the step's cgroup.)
    if _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL) != 0:
        raise IsolationError("could not ask to die with the parent process")


def _become(isolation: Isolation, work_dir: Path) -> None:
    """In the step: hand it its work folder, drop root for good, start in that folder."""
    for folder, dirs, files in os.walk(work_dir):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.lchown(name, isolation.uid, isolation.gid)
    os.setgroups([])
    os.setgid(isolation.gid)
    os.setuid(isolation.uid)
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        raise IsolationError("could not forbid new privileges")
    os.chdir(work_dir)


def _loopback_up() -> None:
    """A new network namespace has only `lo`, down; up, a step may talk to itself."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        request = struct.pack("16sH", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(sock, SIOCGIFFLAGS, request)[:18])[1]
        fcntl.ioctl(sock, SIOCSIFFLAGS, struct.pack("16sH", b"lo", flags | IFF_UP))


# --- a step readied ahead of its task ---------------------------------------------------------

# The init of a walled step's namespace, spawned by the zygote (a spawn shares the zygote's
# memory until it runs the program, where a fork would copy its page tables). It reads, on
# descriptor 3, the step's root as the step's process has built it, moves into it, closes
# descriptor 4 (the step's process waits for that: its root may move once it has its task)
# and runs `cat` on the worker's pipe, its standard input, with SIGCHLD ignored: Linux then
# reaps at once every process that ends while the init is its parent (the orphans a step
# leaves). `cat` ends when the worker's end of the pipe closes (the worker ended or let the
# step go); the namespace's other processes die with it. No root comes (the step's process
# died before it had one): the init ends at once.
INIT_COMMAND = (
    "/bin/sh",
    "-c",
    'read -r root <&3 && exec 3<&- && exec chroot "$root" /bin/sh -c '
    "'exec 4>&- && exec env --ignore-signal=CHLD cat'",
)
INIT_ENVIRONMENT = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
# The same as one small program, once `make setup` has built it (`step_init.c`): starting the
# command's five programs costs a step about 3.3 ms of CPU, this one about 0.7.
STEP_INIT = Path(__file__).with_name("step-init")


def init_command() -> tuple[str, ...]:
    """The init of a walled step's namespace: the built program, else the shell command."""
    return (str(STEP_INIT),) if os.access(STEP_INIT, os.X_OK) else INIT_COMMAND


@dataclass
class Spare:
    """What a process started before its task had ready when the task came.

    A spare child of the fork server (isolation off, `prepare_spare`) joined the cgroups of
    its own that the step takes over. A walled step's process (`ready_ahead`) is in its
    namespaces and root already, and got its task's file, work folder and open events and
    crash files from the worker."""

    # Controller → the cgroup folder joined ahead (renamed to the step's at its task).
    cgroups: dict[str, str] = field(default_factory=dict)
    # The init of the step's PID namespace (host pid).
    init: int = 0
    # Why the wall could not be put up ahead: the step fails with it.
    problem: str = ""
    # In the walled step's process once its task came: the task's file and work folder (host
    # paths), the descriptors of its events and crash files, its socket to the worker.
    task_file: str = ""
    # The task itself, when the worker sent it with its file's name (a small one).
    task: dict[str, Any] | None = None
    work_dir: str = ""
    files: list[int] = field(default_factory=list)
    tell: socket.socket | None = None


def prepare_spare(wall: Mapping[str, Any] | None) -> Spare | None:
    """In a spare child of the fork server before its task exists: join the cgroups `wall`
    names (joining is what costs; the step renames them its own). None without a wall.
    Never raises: a cgroup not joined here is made and joined when the task comes."""
    if not wall:
        return None
    spare = Spare()
    try:
        for controller, folder in (wall.get("cgroups") or {}).items():
            os.mkdir(folder)
            try:
                Path(folder, "cgroup.procs").write_text(str(os.getpid()))
            except OSError:
                os.rmdir(folder)
                raise
            spare.cgroups[controller] = folder
    except OSError:
        pass
    return spare


def spawn_init(
    init_input: int, root: int, placed: int, command: tuple[str, ...] | None = None
) -> int:
    """Spawn a step namespace's init (`init_command()` unless `command` is given), with
    `init_input` as its standard input, `root` (a pipe's read end) as descriptor 3, where it
    reads its root, and `placed` as descriptor 4, which it closes once it is in that root.
    Its pid."""
    command = command or init_command()
    return os.posix_spawn(
        command[0],
        list(command),
        INIT_ENVIRONMENT,
        file_actions=[
            (os.POSIX_SPAWN_DUP2, init_input, 0),
            (os.POSIX_SPAWN_DUP2, root, 3),
            (os.POSIX_SPAWN_DUP2, placed, 4),
        ],
    )


def start_namespace(init_input: int) -> tuple[int, int, tuple[int, int]]:
    """In a zygote: unshare a PID and an IPC namespace, spawn its init (`init_command`, with
    `init_input` as its standard input), fork the step's process into it, and go back to the
    zygote's own PID namespace for the children that follow.

    Returns the init's pid, the step's pid (0 in the step's process) and the step's ends of
    the init's two pipes: the one it writes its root to, the one that ends once the init is
    in it (`ready_ahead`). The zygote closes them."""
    own = os.open("/proc/self/ns/pid", os.O_RDONLY | os.O_CLOEXEC)
    step = -1
    try:
        os.unshare(os.CLONE_NEWPID | os.CLONE_NEWIPC)
        root_read, root_write = os.pipe()
        placed_read, placed_write = os.pipe()
        try:
            init = spawn_init(init_input, root_read, placed_write)
            step = os.fork()
        except OSError:
            # An init already spawned reads end-of-file and ends.
            for fd in (root_write, placed_read):
                os.close(fd)
            raise
        finally:
            os.close(root_read)
            os.close(placed_write)
        return init, step, (root_write, placed_read)
    finally:
        if step != 0:
            _setns(own, os.CLONE_NEWPID)
        os.close(own)


def ready_ahead(
    wall: Mapping[str, Any], init: int, pipes: tuple[int, int], channel: socket.socket
) -> Spare:
    """In a step's process forked ahead into its PID namespace (`start_namespace`): join the
    cgroups `wall` names with the init, build the step's mount namespace up to the parts that
    depend on the task (the root's frame, the system, Python and the runtime, the host's root
    at OLD for the rest), hand the init its root on the first of `pipes` and wait until it is
    in it (the second ends), say `ready` on `channel` and wait there for the task: its file
    and work folder, and its events and crash files opened by the worker.

    Returns once the task came; `run_task_ahead` runs it. Exits quietly if the worker lets the
    step go first. A wall that could not be put up ahead is the step's error when its task
    comes (`Spare.problem`)."""
    spare = Spare(init=init, tell=channel)
    where = "/"  # the init's root when the step's could not be built
    for folder in (wall.get("cgroups") or {}).values():
        try:
            os.mkdir(folder)
            # Pids as this namespace numbers them: this process (0: the writer), its init (1).
            for pid in ("0", "1"):
                Path(folder, "cgroup.procs").write_text(pid)
        except OSError:
            # (E.g. swept away by a worker starting meanwhile.) Not there, it is made and
            # joined when the task comes (`adopt_cgroups`).
            try:
                os.rmdir(folder)
            except OSError:
                pass
    try:
        host = os.readlink("/proc/self")  # its pid on the host: the host's /proc, still
        system = system_paths()  # looked up in the host's view, before it moves to OLD
        os.unshare(os.CLONE_NEWNS)
        _start_root()
        _bind_view(View(read_only=system), [])
        where = f"/proc/{host}/root{NEW}"
    except (OSError, IsolationError) as exc:
        spare.problem = f"could not wall the step in: {exc}"
    root, placed = pipes
    try:
        os.write(root, f"{where}\n".encode())
        os.close(root)
        os.read(placed, 1)  # end-of-file: the init is in its root (or gone)
    except OSError as exc:
        spare.problem = spare.problem or f"could not start the step's namespace: {exc}"
    finally:
        os.close(placed)
    try:
        channel.send(b"ready")  # the worker may now make the cgroups the step's
        message, files, _, _ = socket.recv_fds(channel, 65536, 2)
        found = json.loads(message) if message else None
    except (OSError, ValueError):
        found = None
    if not found:
        os._exit(0)  # let go unused
    spare.task_file, spare.work_dir, spare.files = found["task_file"], found["work_dir"], files
    spare.task = found.get("task")
    return spare


def finished(spare: Spare, code: int) -> None:
    """In a walled step's process, its task run (events and outputs written and closed):
    tell the worker, which ends it and its namespace."""
    if spare.tell is None:
        return
    try:
        spare.tell.send(f"finished {code}".encode())
    except OSError:
        pass  # the step's code closed it: the worker waits for the exit instead


def _setns(fd: int, kind: int) -> None:
    if _libc.setns(fd, kind) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"setns: {os.strerror(err)}")


def finish_wall(spare: Spare, isolation: Isolation, task: Mapping[str, Any]) -> None:
    """In a walled step's process, once its task came: take the network away if asked, bind
    the task's own files into the root made ahead (work folder, inputs, data roots, a copy of
    the component), mount its /proc and leave the host's root. The caller then becomes the
    step user (`become`) before any of the step's code runs."""
    if not isolation.network:
        try:
            os.unshare(os.CLONE_NEWNET)
        except OSError as exc:
            raise IsolationError(f"could not take the step's network away: {exc}") from exc
        _loopback_up()
    try:
        _mount_proc()
        # The work folder shows writable even where a system path holds it (see base_view).
        _bind_view(View(writable=[spare.work_dir]), [])
        _bind_view(task_view(task), [_real_on_host(spare.work_dir)])
        _mask()
        _enter_root()
    except OSError as exc:
        raise IsolationError(f"could not build the step's file-system view: {exc}") from exc


def become(isolation: Isolation, work_dir: Path) -> None:
    """The step user, for good, in its work folder (see `_become`)."""
    global _walled_in
    _walled_in = True
    _become(isolation, work_dir)


def _real_on_host(path: str) -> str:
    """The real path of a host path, seen from a root where the host's is at OLD."""
    real = os.path.realpath(OLD + path)
    return real[len(OLD) :] if real.startswith(OLD + "/") else path


# --- the file-system view ---------------------------------------------------------------------


@dataclass
class View:
    """What the step's root holds, by host path."""

    read_only: list[str] = field(default_factory=list)
    writable: list[str] = field(default_factory=list)
    # Folders the step may read although the registry may have stored them readable by the
    # server's user only (its component's code): bound read-only when anyone may read them
    # all, otherwise a private, readable copy (`_copy_path`).
    copied: list[str] = field(default_factory=list)


def view_of(task: Mapping[str, Any], work_dir: Path) -> View:
    """The paths a step needs: the system, Python, the runtime, its component, its inputs
    (read-only); its work folder and the data roots (writable)."""
    view = base_view(work_dir)
    part = task_view(task)
    view.read_only += part.read_only
    view.writable += part.writable
    view.copied += part.copied
    return view


def task_view(task: Mapping[str, Any]) -> View:
    """What of a step's view is its own task's: its component (copied), its inputs
    (read-only), the data roots (writable). The work folder comes with `base_view`."""
    view = View(copied=[str(task["component_dir"])])
    for port in (task.get("inputs") or {}).values():
        if port and port.get("path"):
            view.read_only.append(str(port["path"]))
    view.writable += [str(root) for root in task.get("data_roots") or []]
    return view


def base_view(work_dir: Path) -> View:
    """What any walled-in process needs: the system, Python and the runtime (read-only), its
    work folder (writable). A read-only path at or inside the work folder (`python -m` puts
    the working directory on the import path) is left out, or it would hide the writable one."""
    view = View(read_only=system_paths())
    work = os.path.realpath(work_dir)
    view.read_only = [p for p in view.read_only if not _inside(os.path.realpath(p), work)]
    view.writable.append(str(work_dir))
    return view


# `system_paths` as first looked up by this process (or the zygote it was forked from).
_system: tuple[str, ...] | None = None


def system_paths() -> list[str]:
    """The host paths every walled-in process sees read-only: the system, Python and its
    packages, the runtime part of a source checkout. Looked up once a process: a zygote looks
    them up before it forks its first step (`designer.runtime.zygote`), and its steps find
    them at hand instead of making some fifty `stat` calls each."""
    global _system
    if _system is None:
        _system = tuple(_look_up_system_paths())
    return list(_system)


def _look_up_system_paths() -> list[str]:
    found = [p for p in SYSTEM_PATHS if os.path.lexists(p)]
    found += python_paths()
    resolv = os.path.realpath("/etc/resolv.conf")
    if not resolv.startswith("/etc/"):
        found.append(resolv)  # e.g. a link into /run: name lookups still work
    return found


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def python_paths() -> list[str]:
    """This interpreter's installation and import path, a source checkout's runtime only."""
    found = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    found.append(os.path.dirname(os.path.realpath(sys.executable)))
    for entry in sys.path:
        if not entry or not os.path.isabs(entry) or not os.path.exists(entry):
            continue
        if os.path.exists(os.path.join(entry, CHECKOUT_MARK)):
            found += [os.path.join(entry, part) for part in RUNTIME_PARTS]
        else:
            found.append(entry)
    return found


def build_root(view: View) -> None:
    """Make a root holding `view` only and move into it (in a new mount namespace)."""
    try:
        _start_root()
        _mount_proc()
        _bind_view(view, [])
        _mask()
        _enter_root()
    except OSError as exc:
        raise IsolationError(f"could not build the step's file-system view: {exc}") from exc


def _start_root() -> None:
    """The new root's frame, on a tmpfs: fresh /tmp and /dev/shm, the host's /dev and a
    read-only /sys; the host's root stays reachable at OLD until `_enter_root`."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", BASE, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
    os.chdir(BASE)
    for name in (NEW, OLD):
        os.mkdir(BASE + name, 0o755)
    _mount("tmpfs", BASE + NEW, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
    _pivot_root(BASE, BASE + OLD)
    os.chdir("/")
    _mount("tmpfs", NEW + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", make=True)
    _bind(OLD + "/dev", NEW + "/dev", MS_NOSUID)
    _mount("tmpfs", NEW + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", make=True)
    _bind(OLD + "/sys", NEW + "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY)


def _mount_proc() -> None:
    """The new root's /proc, showing the processes of the PID namespace this process is in
    (so it must be mounted from inside the step's namespace, not by the outer child)."""
    _mount("proc", NEW + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, make=True)


def _bind_view(view: View, bound: list[str]) -> None:
    """Show `view`'s host paths in the new root: read-only ones, then writable ones (a
    writable folder inside a read-only one shows on top of it; one already in `bound`, the
    real paths bound so far, is left as it is), then the copies."""
    for path in _outermost(view.read_only):
        _bind_path(path, MS_NOSUID | MS_NODEV | MS_RDONLY, bound)
    for path in view.writable:
        _bind_path(path, MS_NOSUID | MS_NODEV, bound)
    for path in view.copied:
        _copy_path(path)


def _mask() -> None:
    """Hide the files of MASKED under an empty file nobody may open (on the build tmpfs)."""
    masked = "/masked"
    os.close(os.open(masked, os.O_CREAT | os.O_WRONLY, 0))
    for path in MASKED:
        if os.path.exists(NEW + path):
            _mount(masked, NEW + path, None, MS_BIND)


def _enter_root() -> None:
    """Make the new root this namespace's root and let go of the old one's frame, the host's
    root in it, in one detach (detaching the host's root first cost a step about 0.2 ms)."""
    os.chdir(NEW)
    _pivot_root(".", ".")
    _umount(".")
    os.chdir("/")


def _outermost(paths: Iterable[str]) -> list[str]:
    """`paths` without those inside another one of them (that one's bind shows them)."""
    chosen: list[str] = []
    for path in sorted({os.path.normpath(p) for p in paths}, key=len):
        if not any(path == c or path.startswith(c.rstrip("/") + "/") for c in chosen):
            chosen.append(path)
    return chosen


def _bind_path(path: str, flags: int, bound: list[str]) -> None:
    """Show the host's `path` at the same place in the new root, symlinks on the way kept."""
    real = _replicate(path)
    if real is None or real in bound or not os.path.exists(OLD + real):
        return
    _bind(OLD + real, NEW + real, flags)
    bound.append(real)


def _copy_path(path: str) -> None:
    """A read-only copy of the host folder `path`, readable by anyone, at the same place;
    when anyone may read it all already, the folder itself, bound read-only (a copy costs a
    walled step several milliseconds)."""
    real = _replicate(path)
    if real is None or not os.path.isdir(OLD + real):
        return
    if _open_to_anyone(OLD + real):
        _bind(OLD + real, NEW + real, MS_NOSUID | MS_NODEV | MS_RDONLY)
        return
    target = NEW + real
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755", make=True)
    shutil.copytree(OLD + real, target, symlinks=True, dirs_exist_ok=True)
    os.chmod(target, 0o755)  # copytree gave it the host folder's mode
    for folder, dirs, files in os.walk(target):
        for name in dirs:
            os.chmod(os.path.join(folder, name), 0o755)
        for name in files:
            file = os.path.join(folder, name)
            if not os.path.islink(file):
                os.chmod(file, 0o755 if os.stat(file).st_mode & 0o100 else 0o644)
    _mount(None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _open_to_anyone(folder: str) -> bool:
    """Whether any user may list every folder under `folder` and read every file in it
    (symlinks are not followed: inside the step's root they lead only where it may go)."""
    for parent, _folders, files in os.walk(folder):
        if os.stat(parent).st_mode & 0o005 != 0o005:
            return False
        for name in files:
            mode = os.lstat(os.path.join(parent, name)).st_mode
            if stat.S_ISREG(mode) and not mode & 0o004:
                return False
    return True


def _replicate(path: str, depth: int = 0) -> str | None:
    """Recreate in the new root each symlink on the way to `path`; its real path, or None."""
    if depth > 40:
        return None
    parts = Path(path).parts[1:]
    current = "/"
    for i, part in enumerate(parts):
        step = os.path.join(current, part)
        host = OLD + step
        if os.path.islink(host):
            target = os.readlink(host)
            made = NEW + step
            if not os.path.lexists(made):
                os.makedirs(os.path.dirname(made), mode=0o755, exist_ok=True)
                os.symlink(target, made)
            resolved = os.path.normpath(os.path.join(current, target))
            return _replicate(os.path.join(resolved, *parts[i + 1 :]), depth + 1)
        current = step
    return current


def _bind(source: str, target: str, flags: int) -> None:
    if os.path.isdir(source):
        os.makedirs(target, mode=0o755, exist_ok=True)
    elif not os.path.exists(target):
        os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
        with open(target, "w"):
            pass
    _mount(source, target, None, MS_BIND | MS_REC)
    extra = flags & (MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC)
    if extra:
        _mount(None, target, None, MS_BIND | MS_REMOUNT | extra)


def _mount(
    source: str | None,
    target: str,
    fstype: str | None,
    flags: int,
    data: str | None = None,
    make: bool = False,
) -> None:
    if make:
        os.makedirs(target, mode=0o755, exist_ok=True)
    result = _libc.mount(
        None if source is None else source.encode(),
        target.encode(),
        None if fstype is None else fstype.encode(),
        ctypes.c_ulong(flags),
        None if data is None else data.encode(),
    )
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"mount {source or ''} on {target}: {os.strerror(err)}")


def _umount(target: str) -> None:
    if _libc.umount2(target.encode(), MNT_DETACH) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"umount {target}: {os.strerror(err)}")


def _pivot_root(new: str, old: str) -> None:
    number = SYS_PIVOT_ROOT.get(platform.machine())
    if number is None:
        raise OSError(errno.ENOSYS, f"pivot_root is not known on {platform.machine()}")
    if _libc.syscall(ctypes.c_long(number), new.encode(), old.encode()) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"pivot_root {new}: {os.strerror(err)}")


# --- what this machine allows -----------------------------------------------------------------


def namespaces_work() -> str | None:
    """None if this process may isolate a step (root, namespaces, mounts); else why not.

    Tries it in a throw-away forked process, so call it where forking is safe: the worker
    runs `python -m designer.runtime.isolation`, which prints the answer."""
    if os.geteuid() != 0:
        return f"the server does not run as root (uid {os.geteuid()})"
    if not hasattr(os, "unshare"):
        return "this Python has no os.unshare"
    if platform.machine() not in SYS_PIVOT_ROOT:
        return f"pivot_root is not known on {platform.machine()}"
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            os.unshare(os.CLONE_NEWPID | os.CLONE_NEWIPC | os.CLONE_NEWNET | os.CLONE_NEWNS)
            _mount(None, "/", None, MS_REC | MS_PRIVATE)
            _mount("tmpfs", BASE, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
            message = b""
        except OSError as exc:
            message = f"namespaces are not allowed here: {exc}".encode()
        os.write(write, message)
        os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        text = answer.read().decode()
    os.waitpid(pid, 0)
    return text or None


if __name__ == "__main__":
    print(namespaces_work() or "")
