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

No Django here (see docs/security.md for the trust model).
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import platform
import shutil
import signal
import socket
import struct
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
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
) -> None:
    """Isolate this step as `entry` says; returns only in the step's own process.

    The outer child and the init never return: they wait and exit with the step's code.
    `report` takes an event for the step's events file (the outer child's note that the
    step's processes went over their memory limit)."""
    isolation = Isolation.from_task(entry)
    if isolation is None:
        return
    join_cgroups(isolation)
    if not isolation.namespaces:
        return
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


def join_cgroups(isolation: Isolation) -> None:
    """Make the step's cgroups, set their limits and move this process into them."""
    for controller, folder in isolation.cgroups.items():
        path = Path(folder)
        try:
            path.mkdir(parents=True, exist_ok=True)
            if controller == "memory" and isolation.memory_mb:
                limit = str(int(float(isolation.memory_mb) * 1024 * 1024))
                (path / "memory.limit_in_bytes").write_text(limit)
                swap = path / "memory.memsw.limit_in_bytes"
                if swap.exists():  # memory plus swap: the same ceiling, so no escape to swap
                    _write_quietly(swap, limit)
            if controller == "pids" and isolation.processes:
                (path / "pids.max").write_text(str(int(isolation.processes)))
            (path / "cgroup.procs").write_text(str(os.getpid()))
        except OSError as exc:
            raise IsolationError(f"could not set up the step's {controller} cgroup: {exc}") from exc


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


# --- the file-system view ---------------------------------------------------------------------


@dataclass
class View:
    """What the step's root holds, by host path."""

    read_only: list[str] = field(default_factory=list)
    writable: list[str] = field(default_factory=list)
    # Folders the step gets a private, readable copy of (its component's code, which the
    # registry may have stored readable by the server's user only).
    copied: list[str] = field(default_factory=list)


def view_of(task: Mapping[str, Any], work_dir: Path) -> View:
    """The paths a step needs: the system, Python, the runtime, its component, its inputs
    (read-only); its work folder and the data roots (writable)."""
    view = base_view(work_dir)
    view.copied.append(str(task["component_dir"]))
    for port in (task.get("inputs") or {}).values():
        if port and port.get("path"):
            view.read_only.append(str(port["path"]))
    view.writable += [str(root) for root in task.get("data_roots") or []]
    return view


def base_view(work_dir: Path) -> View:
    """What any walled-in process needs: the system, Python and the runtime (read-only), its
    work folder (writable). A read-only path at or inside the work folder (`python -m` puts
    the working directory on the import path) is left out, or it would hide the writable one."""
    view = View()
    view.read_only += [p for p in SYSTEM_PATHS if os.path.lexists(p)]
    view.read_only += python_paths()
    resolv = os.path.realpath("/etc/resolv.conf")
    if not resolv.startswith("/etc/"):
        view.read_only.append(resolv)  # e.g. a link into /run: name lookups still work
    work = os.path.realpath(work_dir)
    view.read_only = [p for p in view.read_only if not _inside(os.path.realpath(p), work)]
    view.writable.append(str(work_dir))
    return view


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
        _mount(None, "/", None, MS_REC | MS_PRIVATE)
        _mount("tmpfs", BASE, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
        os.chdir(BASE)
        for name in (NEW, OLD):
            os.mkdir(BASE + name, 0o755)
        _mount("tmpfs", BASE + NEW, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755")
        _pivot_root(BASE, BASE + OLD)
        os.chdir("/")
        _mount("tmpfs", NEW + "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", make=True)
        _mount("proc", NEW + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, make=True)
        _bind(OLD + "/dev", NEW + "/dev", MS_NOSUID)
        _mount("tmpfs", NEW + "/dev/shm", "tmpfs", MS_NOSUID | MS_NODEV, "mode=1777", make=True)
        _bind(OLD + "/sys", NEW + "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_RDONLY)
        bound: list[str] = []
        for path in _outermost(view.read_only):
            _bind_path(path, MS_NOSUID | MS_NODEV | MS_RDONLY, bound)
        for path in view.writable:
            _bind_path(path, MS_NOSUID | MS_NODEV, bound)
        for path in view.copied:
            _copy_path(path)
        masked = "/masked"  # an empty file nobody may open, on the build tmpfs
        os.close(os.open(masked, os.O_CREAT | os.O_WRONLY, 0))
        for path in MASKED:
            if os.path.exists(NEW + path):
                _mount(masked, NEW + path, None, MS_BIND)
        _umount(OLD)
        os.chdir(NEW)
        _pivot_root(".", ".")
        _umount(".")
        os.chdir("/")
    except OSError as exc:
        raise IsolationError(f"could not build the step's file-system view: {exc}") from exc


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
    """A read-only copy of the host folder `path`, readable by anyone, at the same place."""
    real = _replicate(path)
    if real is None or not os.path.isdir(OLD + real):
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
