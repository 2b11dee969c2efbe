"""The worker's side of the wall around its steps: which mode is in force, what each step's
task says about it, and the step's leftovers (processes, cgroups) once it has ended.

The mode is decided once per worker process (`mode()`), and `announce()` logs it at start-up:

- *isolated*: the worker runs as root on Linux and namespaces work. Each step gets a private
  file-system view, its own PID namespace, no network on a target with `network` off, and
  runs as DESIGNER_STEP_USER (`designer.runtime.isolation` does it in the child);
- *not isolated*: not root, no namespaces, or DESIGNER_STEP_ISOLATION=off. Steps run as the
  worker's user with a scrubbed environment and per-process limits, as docs/security.md says.

Either way a step gets memory and process-count cgroups where the worker may make them, and
every process it started is killed when it ends (`release`).
"""

from __future__ import annotations

import json
import logging
import os
import pwd
import queue
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings

from designer.compute.models import ComputeTarget
from designer.prepared import Prepared
from designer.runs.models import NodeRun

log = logging.getLogger(__name__)

CONTROLLERS = ("memory", "pids")
CGROUP_FOLDER = "pipewright-steps"
RELEASE_SECONDS = 10.0
# How long `release` waits for the killed leftovers of a step to be gone.
LEFTOVER_SECONDS = 5.0
FALLBACK_USER = "nobody"


@dataclass(frozen=True)
class Mode:
    """How this worker's steps are walled in."""

    isolated: bool
    # Why not, when not isolated.
    reason: str = ""
    uid: int = 0
    gid: int = 0
    user: str = ""
    # Controller → the folder this worker makes its steps' cgroups in.
    cgroups: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        limits = (
            "cgroups " + ", ".join(name for name, _ in self.cgroups)
            if self.cgroups
            else "no cgroups (memory is capped per process)"
        )
        if self.isolated:
            return (
                f"step isolation: on: steps run as user {self.user} (uid {self.uid}) in their "
                f"own PID, IPC and mount namespaces (network per compute target), {limits}"
            )
        return (
            f"step isolation: OFF ({self.reason}): steps run as this worker's user "
            f"(uid {os.geteuid()}) and can read and write what it can, the database file and "
            f"other runs' files included; {limits}. See docs/security.md."
        )


@cache
def mode() -> Mode:
    """This worker's isolation mode (decided on first use, then kept)."""
    cgroups = tuple(_cgroup_parents())
    if settings.DESIGNER_STEP_ISOLATION == "off":
        return Mode(False, "DESIGNER_STEP_ISOLATION=off", cgroups=cgroups)
    reason = _namespaces_problem()
    if reason:
        return Mode(False, reason, cgroups=cgroups)
    user = settings.DESIGNER_STEP_USER
    try:
        entry = pwd.getpwnam(user)
    except KeyError:
        log.warning(
            "the step user %r does not exist (scripts/step-user makes it); steps run as %r",
            user,
            FALLBACK_USER,
        )
        entry = pwd.getpwnam(FALLBACK_USER)
    return Mode(True, uid=entry.pw_uid, gid=entry.pw_gid, user=entry.pw_name, cgroups=cgroups)


def announce() -> Mode:
    """Decide the mode now and log it: one line every worker's log starts with."""
    found = mode()
    (log.info if found.isolated else log.warning)(found.describe())
    return found


# Read for every step: prepared once (`designer.prepared`).
_TARGET = Prepared(
    lambda name: ComputeTarget.objects.filter(name=name).values("resources", "network")[:1]
)


def for_step(node_run: NodeRun) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """The task's `limits` and `isolation` entries for one attempt of a node run."""
    target = _TARGET.first(node_run.compute) or {"resources": {}, "network": True}
    resources = target["resources"] or {}
    limits: dict[str, Any] = {
        "open_files": resources.get("open_files") or settings.DESIGNER_STEP_OPEN_FILES,
    }
    if resources.get("cpu_seconds"):
        limits["cpu_seconds"] = resources["cpu_seconds"]
    processes = resources.get("processes") or settings.DESIGNER_STEP_PROCESSES
    found = mode()
    name = f"{os.getpid()}-{node_run.pk}-{node_run.attempts}-{uuid.uuid4().hex[:8]}"
    cgroups = {controller: str(Path(parent) / name) for controller, parent in found.cgroups}
    if resources.get("memory_mb") and "memory" not in cgroups:
        # No cgroup to hold the whole step: each of its processes gets the allowance.
        limits["memory_mb"] = resources["memory_mb"]
    entry: dict[str, Any] = {
        "namespaces": found.isolated,
        "cgroups": cgroups,
        "memory_mb": resources.get("memory_mb") or None,
        "processes": processes,
    }
    if not found.isolated:
        # The worker's own user: cgroups where it may make them, nothing else.
        return limits, entry if cgroups else None
    if "pids" not in cgroups:
        limits["nproc"] = processes  # counted per user, over all steps: the best there is
    return limits, {**entry, "uid": found.uid, "gid": found.gid, "network": target["network"]}


def spare_wall() -> dict[str, Any] | None:
    """What a spare child walls itself in with before its task comes (see
    `designer.runtime.isolation.prepare_spare`): cgroups of its own, renamed to the step's
    when its task comes, and with isolation on, its namespaces. None: nothing to do ahead."""
    found = mode()
    tag = f"{os.getpid()}-spare-{uuid.uuid4().hex[:8]}"
    cgroups = {controller: str(Path(parent) / tag) for controller, parent in found.cgroups}
    if not found.isolated and not cgroups:
        return None
    return {"namespaces": found.isolated, "cgroups": cgroups}


def wall_kind(wall: dict[str, Any] | None) -> tuple[bool, tuple[str, ...]]:
    """Whether two spare walls are alike (namespaces or not, cgroups under the same parents)."""
    if not wall:
        return False, ()
    parents = sorted(f"{c}:{Path(f).parent}" for c, f in wall["cgroups"].items())
    return bool(wall["namespaces"]), tuple(parents)


def walled_command(
    module: str,
    args: list[str],
    work_dir: Path,
    read_only: Iterable[str] = (),
    copied: Iterable[str] = (),
    network: bool = True,
) -> list[str]:
    """The command that runs `python -m module args` for the server, user code inside.

    Isolated: through `designer.runtime.walled`, as the step user in namespaces of its own,
    seeing the system, Python, the runtime, the files in `read_only`, a copy of the `copied`
    folders and `work_dir` (writable), no network unless `network`. Not isolated: as is."""
    found = mode()
    if not found.isolated:
        return [sys.executable, "-m", module, *args]
    wall = {
        "isolation": {
            "namespaces": True,
            "uid": found.uid,
            "gid": found.gid,
            "network": network,
        },
        "work_dir": str(work_dir),
        "read_only": [str(path) for path in read_only],
        "copied": [str(path) for path in copied],
    }
    return [sys.executable, "-m", "designer.runtime.walled", json.dumps(wall), "--", module, *args]


def release(entry: dict[str, Any] | None, pid: int | None) -> None:
    """Kill every process the step left and remove its cgroups; call once it has ended.

    The kill happens here, before the caller reads the step's outputs. The folders are
    removed by a background thread: removing a cgroup must wait until the kernel has let go
    of its dead processes (often a few milliseconds after they exit), and removing a memory
    cgroup that held a step costs about a millisecond even then, which the step's successor
    need not wait for. A process the step left other than the child itself (`pid`, which
    may still be finishing its exit) is killed again, a bounded while, until every thread of
    it has the kill waiting (Linux acts on it before the thread runs its code again) or has
    begun to exit, or it has left the cgroup: it no longer runs when this returns. Without
    cgroups, the step's process group is all that can be found."""
    folders = [Path(folder) for folder in ((entry or {}).get("cgroups") or {}).values()]
    if not folders:
        if pid:
            try:
                os.killpg(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        return
    deadline = time.monotonic() + LEFTOVER_SECONDS
    while True:
        # Killed again each round: a process forked after its parent's kill was sent.
        left = [_members(folder) - {pid} for folder in folders]
        for pids in left:
            _kill(pids)
        if not any(_running(pids) for pids in left) or time.monotonic() > deadline:
            break
        time.sleep(0.001)
    try:
        _remover().put((time.monotonic() + RELEASE_SECONDS, folders))
    except RuntimeError:  # the interpreter is ending: the next start's sweep removes them
        pass


def _members(folder: Path) -> set[int]:
    try:
        return {int(p) for p in (folder / "cgroup.procs").read_text().split()}
    except OSError:
        return set()


# A task's flag, in field 9 of /proc/<pid>/task/<tid>/stat, set once it has begun to exit.
PF_EXITING = 0x4
SIGKILL_BIT = 1 << (signal.SIGKILL - 1)


def _running(pids: set[int]) -> bool:
    """Whether a thread of one of `pids` may still run its own code: it has no SIGKILL
    waiting (Linux acts on it before the thread runs its code again) and has not begun to
    exit."""
    for pid in pids:
        try:
            threads = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue  # gone
        for thread in threads:
            try:
                if not (_killed(pid, thread) or _exiting(pid, thread)):
                    return True
            except OSError:
                continue  # gone meanwhile
    return False


def _killed(pid: int, thread: str) -> bool:
    with open(f"/proc/{pid}/task/{thread}/status", "rb") as status:
        for line in status:
            if line.startswith((b"SigPnd:", b"ShdPnd:")) and int(line.split()[1], 16) & SIGKILL_BIT:
                return True
    return False


def _exiting(pid: int, thread: str) -> bool:
    with open(f"/proc/{pid}/task/{thread}/stat", "rb") as stat:
        fields = stat.read().rpartition(b")")[2].split()
    return len(fields) > 6 and bool(int(fields[6]) & PF_EXITING)


def _kill_members(folder: Path) -> None:
    _kill(_members(folder))


def _kill(pids: set[int]) -> None:
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def _try_empty(folder: Path) -> bool:
    """Kill what is in the cgroup and remove it; False when it cannot be removed yet."""
    _kill_members(folder)
    try:
        folder.rmdir()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


@cache
def _remover() -> queue.SimpleQueue[tuple[float, list[Path]]]:
    """The queue of cgroups still to remove, and the one thread that removes them."""
    pending: queue.SimpleQueue[tuple[float, list[Path]]] = queue.SimpleQueue()
    threading.Thread(
        target=_remove_pending, args=(pending,), name="step-cgroups", daemon=True
    ).start()
    return pending


def _remove_pending(pending: queue.SimpleQueue[tuple[float, list[Path]]]) -> None:
    while True:
        deadline, folders = pending.get()
        _empty(folders, deadline)


def _empty(folders: list[Path], deadline: float) -> None:
    while True:
        folders = [folder for folder in folders if not _try_empty(folder)]
        if not folders:
            return
        if time.monotonic() > deadline:
            for folder in folders:
                log.warning("could not remove the step cgroup %s: processes remain", folder)
            return
        time.sleep(0.02)


def sweep(parents: Iterable[str] | None = None) -> None:
    """Remove the empty step cgroups a killed worker left behind (under `parents`, by default
    the folders this worker makes its steps' cgroups in).

    A folder is named after the worker that made it (`<pid>-…`): one whose worker is alive
    is left alone even when empty. It may be a step's or a spare's cgroup between its `mkdir`
    and its first process joining it, and removing it then would fail that step; a worker
    starting while others already run steps meets such folders."""
    if parents is None:
        parents = [parent for _, parent in mode().cgroups]
    for parent in parents:
        for folder in Path(parent).iterdir():
            if not folder.is_dir() or _maker_alive(folder.name):
                continue
            try:
                folder.rmdir()
            except OSError:
                pass  # processes still in it, or not ours to remove


def _maker_alive(name: str) -> bool:
    """Whether the worker process a step cgroup folder is named after still runs."""
    pid, _, rest = name.partition("-")
    if not (pid.isdigit() and rest):
        return False  # not named by a worker: nobody to ask
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # a process of another user holds the number
    return True


def _namespaces_problem() -> str:
    """Why steps cannot be isolated here, or "" if they can: tried in a fresh interpreter,
    since this process runs threads and must not fork to find out."""
    if os.geteuid() != 0:
        return f"the worker does not run as root (uid {os.geteuid()})"
    try:
        answer = subprocess.run(
            [sys.executable, "-m", "designer.runtime.isolation"],
            capture_output=True,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"could not test namespaces: {exc}"
    if answer.returncode != 0:
        return f"could not test namespaces: {answer.stderr.strip()[-500:]}"
    return answer.stdout.strip()


def _cgroup_parents() -> list[tuple[str, str]]:
    """(controller, folder) for each cgroup v1 controller this worker may make cgroups in."""
    mounts = _v1_mounts()
    own = _own_cgroups()
    found = []
    for controller in CONTROLLERS:
        if controller not in mounts or controller not in own:
            continue
        parent = Path(mounts[controller] + own[controller]) / CGROUP_FOLDER
        try:
            parent.mkdir(exist_ok=True)
            probe = parent / f"probe-{os.getpid()}-{uuid.uuid4().hex[:8]}"
            probe.mkdir()
            probe.rmdir()
        except OSError:
            continue
        found.append((controller, str(parent)))
    return found


def _v1_mounts() -> dict[str, str]:
    """Controller → where its cgroup v1 hierarchy is mounted."""
    found: dict[str, str] = {}
    try:
        lines = Path("/proc/self/mountinfo").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        fields, _, rest = line.partition(" - ")
        parts, extra = fields.split(), rest.split()
        if len(extra) < 3 or extra[0] != "cgroup":
            continue
        for option in extra[2].split(","):
            if option in CONTROLLERS:
                found[option] = parts[4]
    return found


def _own_cgroups() -> dict[str, str]:
    """Controller → this process's cgroup path in its v1 hierarchy."""
    found: dict[str, str] = {}
    try:
        lines = Path("/proc/self/cgroup").read_text().splitlines()
    except OSError:
        return found
    for line in lines:
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(","):
            if controller in CONTROLLERS:
                found[controller] = path.rstrip("/")
    return found
