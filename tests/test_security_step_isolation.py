"""The wall around user code, tried from inside real Execute Python Script steps run by the
worker's own `execute` in this process: what a step can open, whether it reaches the network,
its limits on memory and processes, and that every process it started dies with it.

These need what the isolation needs (root, Linux namespaces, cgroup v1 memory and pids); where
the machine does not allow them they are skipped, saying why, as the worker's log would."""

import json
import os
import re
import secrets
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.db import OperationalError

from designer.accounts.acting import SYSTEM
from designer.compute.models import ComputeTarget
from designer.errors import InvalidInput
from designer.execution import isolation, launcher, lifecycle, step
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus, RunStatus
from designer.runs.models import NodeRun, Run, RunEvent

MODE = isolation.mode()
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not MODE.isolated, reason=MODE.describe()),
]
needs_cgroups = pytest.mark.skipif(
    {"memory", "pids"} - {name for name, _ in MODE.cgroups},
    reason="this machine gives the worker no memory and pids cgroups",
)


@pytest.fixture
def places(settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    settings.DESIGNER_DATA_ROOTS = [str(tmp_path / "data")]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "allowed.csv").write_text("a\n1\n")
    # A migration makes it, but a transactional test elsewhere may have flushed it.
    ComputeTarget.objects.get_or_create(name="default")
    return tmp_path


def run_step(script: str, compute: str = "default", **node_settings):
    """Submit a one-node pipeline, claim its node and run it here; (node run, its log)."""
    node_run = start(script, compute, **node_settings)
    step.execute(node_run)
    return finished(node_run)


def start(script: str, compute: str = "default", **node_settings) -> NodeRun:
    node = {
        "id": "probe",
        "component": "execute_python_script@1.0.0",
        "params": {"script": script},
        "compute": compute,
        **node_settings,
    }
    pipeline = Pipeline.objects.create(name="probe", graph={"nodes": [node], "edges": []})
    run = orchestrator.submit_run(SYSTEM, pipeline.pk)
    claimed = lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test")
    assert claimed is not None
    return claimed


def finished(node_run: NodeRun):
    node_run.refresh_from_db()
    lines = RunEvent.objects.filter(run=node_run.run_id, type="log").values_list(
        "payload", flat=True
    )
    return node_run, [payload["line"] for payload in lines]


def reported(lines: list[str]) -> dict:
    found = next(line for line in lines if line.startswith('{"probe"'))
    return json.loads(found)["probe"]


# --- what a step can open ---------------------------------------------------------------------

OPEN_SCRIPT = """\
import json
import os
import socket

import pandas as pd

PATHS = {paths!r}


def attempt(path):
    try:
        with open(path, "rb") as handle:
            handle.read(1)
        return "opened"
    except OSError as exc:
        return type(exc).__name__


def main(data1, data2):
    seen = {{name: attempt(path) for name, path in PATHS.items()}}
    try:
        with open({source_write!r}, "w") as handle:
            handle.write("x")
        seen["write source"] = "written"
    except OSError as exc:
        seen["write source"] = type(exc).__name__
    seen["uid"] = os.getuid()
    seen["data root"] = open({allowed!r}).read()
    with open(os.path.join({data_root!r}, "written.txt"), "w") as handle:
        handle.write("ok")
    print(json.dumps({{"probe": seen}}))
    return pd.DataFrame({{"ok": [1]}}), None
"""


def test_a_step_opens_none_of_the_servers_files_and_runs_unprivileged(places, settings):
    other_run = places / "work" / "run-999999" / "other-1"
    other_run.mkdir(parents=True)
    (other_run / "outputs.parquet").write_text("another run's output")
    artifacts = places / "artifacts" / "ab"
    artifacts.mkdir(parents=True)
    (artifacts / "someone-elses.parquet").write_text("another run's artifact")
    secret_key = Path(settings.VAR_DIR) / "secret_key"
    assert secret_key.exists()
    database = Path(settings.VAR_DIR) / "designer.sqlite3"  # the embedded default's database
    made = not database.exists()
    if made:
        database.write_bytes(b"SQLite format 3\0")
    base = Path(settings.BASE_DIR)
    paths = {
        "database": str(database),
        "secret key": str(secret_key),
        "settings.py": str(base / "designer" / "settings.py"),
        "another run": str(other_run / "outputs.parquet"),
        "an artifact": str(artifacts / "someone-elses.parquet"),
        "shadow": "/etc/shadow",
        "worker environ": f"/proc/{os.getpid()}/environ",
    }
    (places / "data").chmod(0o777)  # Export Data writes in a data root the step user may write
    script = OPEN_SCRIPT.format(
        paths=paths,
        source_write=str(base / "designer" / "planted.py"),
        allowed=str(places / "data" / "allowed.csv"),
        data_root=str(places / "data"),
    )
    try:
        node_run, lines = run_step(script)
    finally:
        if made:
            database.unlink()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    seen = reported(lines)
    for name in paths:
        assert seen[name] in {"FileNotFoundError", "PermissionError"}, (name, seen[name])
    # Not there at all, not merely forbidden: the step's root does not hold them.
    for name in (
        "database",
        "secret key",
        "settings.py",
        "another run",
        "an artifact",
        "worker environ",
    ):
        assert seen[name] == "FileNotFoundError", (name, seen[name])
    assert seen["write source"] in {"FileNotFoundError", "OSError", "PermissionError"}
    assert not (base / "designer" / "planted.py").exists()
    assert seen["uid"] == MODE.uid != 0
    assert seen["data root"] == "a\n1\n"
    assert (places / "data" / "written.txt").read_text() == "ok"


NETWORK_SCRIPT = """\
import json
import socket


def main(data1, data2):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=5).close()
        seen = "connected"
    except OSError as exc:
        seen = type(exc).__name__
    print(json.dumps({"probe": seen}))
    return None
"""


def test_a_target_without_network_gives_its_steps_none(places):
    ComputeTarget.objects.create(name="sealed", network=False)
    ComputeTarget.objects.create(name="open", network=True)
    sealed, sealed_lines = run_step(NETWORK_SCRIPT, compute="sealed")
    assert sealed.status == NodeStatus.COMPLETED, sealed.error
    assert reported(sealed_lines) in {"ConnectionRefusedError", "OSError"}
    # Another script, or the first run would be reused (the target is not in the cache key).
    opened, open_lines = run_step(NETWORK_SCRIPT + "# on the open target\n", compute="open")
    assert opened.status == NodeStatus.COMPLETED, opened.error
    # Redis listens on the machine: the same connection works where the network is allowed.
    assert reported(open_lines) == "connected"


# --- limits ------------------------------------------------------------------------------------

MEMORY_SCRIPT = """\
import os
import time


def main(data1, data2):
    children = []
    for _ in range(4):
        pid = os.fork()
        if pid == 0:
            held = b"x" * (200 * 1024 * 1024)  # written, so really in memory
            time.sleep(5)
            os._exit(0 if held else 1)
        children.append(pid)
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
    if any(codes):
        raise RuntimeError(f"children ended with {codes}")
    return None
"""


@needs_cgroups
def test_four_children_of_200_mb_fail_under_a_256_mb_limit(places):
    ComputeTarget.objects.create(name="small", resources={"memory_mb": 256})
    node_run, lines = run_step(MEMORY_SCRIPT, compute="small")
    assert node_run.status == NodeStatus.FAILED
    assert any("went over its memory limit of 256 MB" in line for line in lines), lines


CGROUP_SCRIPT = """\
import json


def main(data1, data2):
    with open("/proc/self/cgroup") as handle:
        print(json.dumps({"probe": handle.read().splitlines()}))
    return None
"""


@needs_cgroups
def test_a_spare_taken_the_moment_it_is_made_runs_in_the_steps_cgroups(places):
    # No spare ready: the step's is made on its path and handed its task at once, maybe
    # before its process has joined the cgroups it makes ahead; those must still end up the
    # step's, with its limits, and the step in them.
    ComputeTarget.objects.create(name="small", resources={"memory_mb": 256})
    launcher.warm_up()
    launcher._spares.let_go()
    node_run, lines = run_step(CGROUP_SCRIPT, compute="small")
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    for controller, _ in MODE.cgroups:
        line = next(line for line in reported(lines) if controller in line.split(":")[1])
        assert f"/{os.getpid()}-{node_run.pk}-{node_run.attempts}-" in line, line


PROCESS_SCRIPT = """\
import json
import os
import time


def main(data1, data2):
    started, refused = [], None
    try:
        for _ in range(300):
            pid = os.fork()
            if pid == 0:
                time.sleep(60)
                os._exit(0)
            started.append(pid)
    except OSError as exc:
        refused = type(exc).__name__
    print(json.dumps({"probe": {"started": len(started), "refused": refused}}))
    return None
"""


@needs_cgroups
def test_300_processes_are_refused(places):
    node_run, lines = run_step(PROCESS_SCRIPT)
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    seen = reported(lines)
    assert seen["refused"] == "BlockingIOError"  # EAGAIN: the pids cgroup is full
    assert seen["started"] < django_settings.DESIGNER_STEP_PROCESSES < 300


# --- every process the step started dies with it -------------------------------------------

SPAWN_SCRIPT = """\
import os
import subprocess
import time


def main(data1, data2):
    # One in a session of its own, one a forked grandchild: neither in the step's group.
    subprocess.Popen(["sleep", "{token}"], start_new_session=True)
    if os.fork() == 0:
        if os.fork() == 0:
            os.execvp("sleep", ["sleep", "{token}"])
        os._exit(0)
    print("spawned", flush=True)
    time.sleep({linger})
    return None
"""


def sleepers(token: str) -> list[int]:
    """Host pids of the processes running `sleep token`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            words = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if words[:2] == [b"sleep", token.encode()]:
            found.append(int(entry.name))
    return found


def until(condition, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def new_token() -> str:
    return f"600.{secrets.randbelow(10**9):09d}"


def taking_its_kill(pid: int) -> bool:
    """Whether every thread of `pid` has begun to exit (or it is gone): it runs no more code
    of its own, the kernel is only taking it down."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except FileNotFoundError:
        return True
    for thread in threads:
        try:
            stat = Path(f"/proc/{pid}/task/{thread}/stat").read_bytes()
        except FileNotFoundError:
            continue
        if not int(stat.rpartition(b")")[2].split()[6]) & 0x4:  # PF_EXITING
            return False
    return True


def test_what_a_step_started_is_gone_when_it_completes(places):
    token = new_token()
    node_run, lines = run_step(SPAWN_SCRIPT.format(token=token, linger=0))
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    assert "spawned" in lines
    # When the worker records the outcome nothing the step started runs any more; the
    # kernel may still be taking a process down, a bounded while.
    assert all(taking_its_kill(pid) for pid in sleepers(token))
    until(lambda: sleepers(token) == [], 30)


THREAD_SCRIPT = """\
import threading
import time


def main(data1, data2):
    threading.Thread(target=time.sleep, args=(600,)).start()  # not a daemon thread
    print("left a thread running")
    return None
"""


def test_a_step_that_leaves_a_thread_running_completes_when_its_function_returns(places):
    # The step's process says it has finished once its outputs are written; the spare then
    # ends it, so a thread its code left running does not hold the step until its timeout.
    node_run, lines = run_step(THREAD_SCRIPT, timeout=60)
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    assert "left a thread running" in lines


def test_what_a_step_started_is_gone_when_it_times_out(places):
    token = new_token()
    node_run, lines = run_step(SPAWN_SCRIPT.format(token=token, linger=600), timeout=5)
    assert node_run.status == NodeStatus.FAILED and "Timed out" in node_run.error
    assert "spawned" in lines
    assert sleepers(token) == []


@pytest.mark.django_db(transaction=True)
def test_what_a_step_started_is_gone_when_it_is_canceled(places, builtins):
    token = new_token()
    node_run = start(SPAWN_SCRIPT.format(token=token, linger=600))
    worker = threading.Thread(target=step.execute, args=(node_run,))
    worker.start()
    try:
        until(lambda: len(sleepers(token)) == 2)
        cancel_beside(worker, node_run.run_id)
    finally:
        worker.join(120)
    assert not worker.is_alive()
    # The kernel ends the step's namespace once its init is gone, which may finish just after
    # the worker has seen the outer process die: wait for that, a bounded while.
    until(lambda: sleepers(token) == [], 30)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.CANCELED


def cancel_beside(worker: threading.Thread, run_id: int) -> None:
    """Cancel the run while `worker` follows its step in this process. The suite's database
    is SQLite in memory with a shared cache, where a write lock held by the worker's thread
    (a heartbeat, a batch of log lines) makes a second writer fail at once with "database
    table is locked" rather than wait as a database file does: ask again, a bounded while."""
    deadline = time.monotonic() + 30
    while True:
        try:
            orchestrator.cancel_run(SYSTEM, run_id)
            return
        except InvalidInput:
            # The cancel committed, and the read after it was the one that found the lock.
            if Run.objects.get(pk=run_id).status != RunStatus.CANCELED:
                raise
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline or not worker.is_alive():
                raise
            time.sleep(0.02)


ORPHAN_SCRIPT = """\
import os
import time


def state(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rpartition(")")[2].split()[0]
    except OSError:
        return "reaped"


def main(data1, data2):
    # A child that leaves a grandchild behind: the orphan ends while the init is its parent.
    told, tell = os.pipe()
    go, now = os.pipe()
    child = os.fork()
    if child == 0:
        grandchild = os.fork()
        if grandchild == 0:
            os.read(go, 1)
            os._exit(0)
        os.write(tell, str(grandchild).encode().rjust(16))
        os._exit(0)
    os.waitpid(child, 0)
    orphan = int(os.read(told, 16))
    os.write(now, b"x")  # end now
    deadline = time.monotonic() + 30
    while state(orphan) not in ("reaped", "Z") and time.monotonic() < deadline:
        time.sleep(0.01)
    # A zombie the init does not reap stays one: give a reaping init its moment, then say.
    while state(orphan) == "Z" and time.monotonic() < deadline:
        time.sleep(0.05)
    print("orphan", state(orphan))
    return None
"""


def test_an_orphan_the_step_leaves_is_reaped_by_the_namespaces_init(places):
    node_run, lines = run_step(ORPHAN_SCRIPT)
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    assert "orphan reaped" in lines


def step_cgroups() -> list[Path]:
    """This worker's step cgroups, not those its spare children joined ahead of a task."""
    return [
        folder
        for _, parent in MODE.cgroups
        for folder in Path(parent).iterdir()
        if folder.is_dir() and folder.name.startswith(f"{os.getpid()}-")
        if not folder.name.startswith(f"{os.getpid()}-spare-")
    ]


def test_the_worker_leaves_no_cgroup_behind(places):
    run_step(SPAWN_SCRIPT.format(token=new_token(), linger=0))
    # The spare answers before its own exit is done, so its step's cgroups may go just after.
    until(lambda: step_cgroups() == [], 30)


def test_the_start_up_line_says_which_mode_is_in_force():
    assert re.match(r"step isolation: on: steps run as user \S+ \(uid \d+\)", MODE.describe())


@pytest.fixture
def isolation_off(settings):
    settings.DESIGNER_STEP_ISOLATION = "off"
    isolation.mode.cache_clear()
    yield isolation.mode()
    isolation.mode.cache_clear()


def test_with_isolation_off_the_log_says_so_plainly(isolation_off):
    assert not isolation_off.isolated
    assert isolation_off.describe().startswith(
        "step isolation: OFF (DESIGNER_STEP_ISOLATION=off): steps run as this worker's user"
    )


@needs_cgroups
def test_with_isolation_off_the_cgroups_still_end_what_a_step_started(places, isolation_off):
    token = new_token()
    node_run, lines = run_step(SPAWN_SCRIPT.format(token=token, linger=0))
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    assert "spawned" in lines
    assert sleepers(token) == []


# --- the component's folder ------------------------------------------------------------------

COMPONENT_SCRIPT = """\
import json
import os

FOLDER = {folder!r}


def main(data1, data2):
    mounts = [
        line.split(" - ")[1].split()[0]
        for line in open("/proc/self/mountinfo")
        if line.split()[4] == FOLDER
    ]
    try:
        open(os.path.join(FOLDER, "planted.txt"), "w").close()
        wrote = "wrote"
    except OSError as exc:
        wrote = type(exc).__name__
    code = open(os.path.join(FOLDER, "execute_python_script.py")).read()
    print(json.dumps({{"probe": {{"mounts": mounts, "wrote": wrote, "code": len(code)}}}}))
    return None
"""


def components_here(settings, root: Path, folder_mode: int, file_mode: int) -> Path:
    """The built-in components served from `root`, Execute Python Script's folder given
    these modes; that folder."""
    shutil.copytree(django_settings.DESIGNER_COMPONENTS_DIR, root)
    settings.DESIGNER_COMPONENTS_DIR = str(root)
    folder = root / "python_language" / "execute_python_script"
    for file in folder.iterdir():
        file.chmod(file_mode)
    folder.chmod(folder_mode)
    return folder


def test_a_component_anyone_may_read_is_bound_read_only_not_copied(places, settings):
    folder = components_here(settings, places / "components", 0o755, 0o644)
    node_run, lines = run_step(COMPONENT_SCRIPT.format(folder=str(folder)))
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    seen = reported(lines)
    assert seen["mounts"] != [] and "tmpfs" not in seen["mounts"]
    assert seen["wrote"] in {"OSError", "PermissionError"}
    assert seen["code"] == len((folder / "execute_python_script.py").read_text())
    assert not (folder / "planted.txt").exists()


def test_a_component_only_the_server_may_read_is_copied_for_the_step(places, settings):
    folder = components_here(settings, places / "components", 0o700, 0o600)
    node_run, lines = run_step(COMPONENT_SCRIPT.format(folder=str(folder)))
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    seen = reported(lines)
    assert seen["mounts"] == ["tmpfs"]
    assert seen["wrote"] in {"OSError", "PermissionError"}
    assert seen["code"] == len((folder / "execute_python_script.py").read_text())
    assert (folder.stat().st_mode & 0o777) == 0o700  # the copy's modes are its own


# --- spares walled in ahead of their task --------------------------------------------------


def status_of(pid: int) -> dict[str, str]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        found[name] = value.strip()
    return found


def children_of(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if status_of(int(entry.name)).get("PPid") == str(pid):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def a_ready_spare():
    """A spare of this worker that has had time to wall itself in: its init's pid and its
    step process's (forked ahead by the steps' zygote, waiting for a task)."""
    launcher.warm_up()
    found: dict[str, int] = {}

    def ready() -> bool:
        wall = isolation.spare_wall()
        with launcher._spares.lock:
            # Spares made while another test had isolation off are let go, as a step would.
            stale = [spare for spare in launcher._spares.ready if not spare.suits(wall)]
            for spare in stale:
                launcher._spares.ready.remove(spare)
        for spare in stale:
            spare.let_go()
        for spare in list(launcher._spares.ready):
            try:
                # The init ignores SIGCHLD once it is in the step's root; the step then waits.
                ignored = int(status_of(spare.init)["SigIgn"], 16)
                placed = bool(ignored & (1 << (signal.SIGCHLD - 1)))
            except OSError:
                continue
            if placed:
                found.update(init=spare.init, step=spare.pid)
                return True
        launcher._spares.fill_later()
        return False

    until(ready)
    return found["init"], found["step"]


def test_a_spare_is_in_its_namespaces_and_cgroups_before_a_task_comes(places):
    init, step_ahead = a_ready_spare()
    # One fork of the zygote: the step's process is process 2 of a PID namespace of its own,
    # beside the init (process 1), both the zygote's children.
    assert status_of(init)["NSpid"].split()[-1] == "1"
    assert status_of(step_ahead)["NSpid"].split()[-1] == "2"
    zygote = int(status_of(step_ahead)["PPid"])
    assert int(status_of(init)["PPid"]) == zygote
    for kind in ("pid", "ipc"):
        assert os.readlink(f"/proc/{step_ahead}/ns/{kind}") == os.readlink(
            f"/proc/{init}/ns/{kind}"
        )
        assert os.readlink(f"/proc/{step_ahead}/ns/{kind}") != os.readlink(f"/proc/self/ns/{kind}")
    # The zygote went back to its own PID namespace for the children that follow.
    assert os.readlink(f"/proc/{zygote}/ns/pid_for_children") == os.readlink("/proc/self/ns/pid")
    # The init sees the step's root already: the system, not the server's files; and ignores
    # SIGCHLD, so Linux reaps the orphans a step leaves.
    root = Path(f"/proc/{init}/root")
    assert (root / "usr" / "bin").is_dir()
    assert not (
        root / Path(django_settings.BASE_DIR).relative_to("/") / "designer" / "settings.py"
    ).exists()
    assert not (root / Path(django_settings.VAR_DIR).relative_to("/")).exists()
    assert not (root / Path(django_settings.DESIGNER_WORK_DIR).relative_to("/")).exists()
    assert int(status_of(init)["SigIgn"], 16) & (1 << (signal.SIGCHLD - 1))
    # The step's process has its own mount namespace and waits there as root.
    assert os.readlink(f"/proc/{step_ahead}/ns/mnt") != os.readlink("/proc/self/ns/mnt")
    assert status_of(step_ahead)["Uid"].split()[0] == "0"
    # It joined cgroups of its own ahead (joining is what costs), and so did the init.
    cgroups = Path(f"/proc/{step_ahead}/cgroup").read_text()
    for controller, _ in MODE.cgroups:
        line = next(line for line in cgroups.splitlines() if controller in line.split(":")[1])
        assert f"/{os.getpid()}-spare-" in line, line
    assert Path(f"/proc/{init}/cgroup").read_text() == cgroups


SNOOP_SCRIPT = """\
import json
import os


def attempt(path):
    try:
        with open(path) as handle:
            return handle.read()
    except OSError as exc:
        return type(exc).__name__


def main(data1, data2):
    with open("mine.txt", "w") as handle:
        handle.write("{token}")
    pids = sorted(int(name) for name in os.listdir("/proc") if name.isdigit())
    seen = {{"other": attempt({other!r}), "pids": pids, "me": os.getpid()}}
    print(json.dumps({{"probe": seen}}))
    return None
"""


def test_a_step_taken_by_a_spare_walled_in_ahead_sees_no_other_runs_files(places):
    # Both steps run in spares that were walled in before their tasks existed.
    a_ready_spare()
    first, _ = run_step(SNOOP_SCRIPT.format(token="first", other="/nonexistent"))
    assert first.status == NodeStatus.COMPLETED, first.error
    left = step.work_dir_for(first) / "mine.txt"
    assert left.read_text() == "first"
    a_ready_spare()
    second, lines = run_step(SNOOP_SCRIPT.format(token="second", other=str(left)))
    assert second.status == NodeStatus.COMPLETED, second.error
    seen = reported(lines)
    assert seen["other"] == "FileNotFoundError"
    # Its /proc is its own namespace's: the init, the step, nothing of the machine's.
    assert seen["pids"] == [1, seen["me"]], seen
