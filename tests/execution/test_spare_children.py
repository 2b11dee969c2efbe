"""Executor children readied ahead of need: a spare takes its task over its socket and says
when its events are complete; one that ends without a word is reported by its exit code, and
one that closes the socket itself is still followed to its exit. Walled in as the worker's
mode says (on as root: the steps' zygote readies them)."""

import json
import os
import resource
import subprocess
import threading
import time
from pathlib import Path

import pytest

from designer.execution import isolation, launcher
from designer.execution.launcher import start
from designer.runtime.zygote_pool import ZygoteChild


def task(folder: Path, code: str) -> str:
    component = folder / "component"
    component.mkdir()
    (component / "main.py").write_text(code)
    work = folder / "work"
    path = folder / "task.json"
    path.write_text(
        json.dumps(
            {
                "component": "probe@1.0.0",
                "component_dir": str(component),
                "python": "main.py:run",
                "inputs": {},
                "params": {},
                "outputs": {"data": {"type": "json"}},
                "work_dir": str(work),
                "isolation": walls(),
            }
        )
    )
    return str(path)


def walls() -> dict | None:
    """The task's `isolation` entry as the worker's mode has it, without cgroups."""
    found = isolation.mode()
    if not found.isolated:
        return None
    return {"namespaces": True, "uid": found.uid, "gid": found.gid, "network": True}


def follow(child, seconds: float = 120) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        code = child.wait(0.5)
        if code is not None:
            return code
    raise AssertionError("the child never ended")


def events(folder: Path) -> list[dict]:
    lines = (folder / "work" / "events.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines]


def test_a_spare_runs_its_task_and_says_done(tmp_path):
    child = start(task(tmp_path, "def run():\n    return {'n': 1}\n"))
    assert follow(child) == 0
    found = events(tmp_path)
    assert found[-1]["type"] == "result", "done comes after the last event is written"
    assert found[0]["line"] == "start probe@1.0.0", "the task names its component"


def test_a_child_that_dies_without_a_word_is_reported_by_its_exit_code(tmp_path):
    child = start(task(tmp_path, "import os\n\ndef run():\n    os._exit(3)\n"))
    assert follow(child) == 3
    assert not [e for e in events(tmp_path) if e["type"] in ("result", "error")]


def test_a_step_that_closes_every_descriptor_is_still_followed_to_its_end(tmp_path):
    gate = tmp_path / "work" / "gate"  # in its work folder: a walled step sees that
    code = (
        "import os, time\n\ndef run():\n    os.closerange(3, 1024)\n"
        f"    while not os.path.exists({str(gate)!r}):\n        time.sleep(0.05)\n"
        "    os._exit(4)\n"
    )
    child = start(task(tmp_path, code))
    answers: list = []
    # While the step holds behind its gate, waiting must keep returning (the worker heartbeats
    # between waits), not block on a socket the step closed.
    waiting = threading.Thread(target=lambda: answers.extend(child.wait(0.2) for _ in range(5)))
    waiting.start()
    waiting.join(60)
    gate.write_text("go")
    assert answers == [None] * 5
    assert follow(child) == 4


def test_a_child_is_followed_in_a_worker_holding_thousands_of_descriptors(tmp_path):
    # A busy server (websockets, database connections) holds descriptors numbered past the
    # 1,024 that select() can watch; its children's sockets and pidfds come after them.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 4096), hard), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        launcher._spares.let_go()  # the next spares are made now, with high descriptors
        child = start(task(tmp_path, "def run():\n    return {'n': 1}\n"))
        assert follow(child) == 0
    finally:
        launcher._spares.let_go()  # none keeps a descriptor past the limit put back below
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_warm_up_returns_once_the_steps_zygote_can_fork_a_step():
    # A worker warms up before it takes a message: a step taken earlier would wait for the
    # zygote's imports without a heartbeat, and be declared lost.
    launcher.restart_zygotes()
    launcher.warm_up()
    if isolation.mode().isolated:
        zygote = launcher._walled_zygotes.get(launcher.FULL)
        assert zygote is not None
        assert zygote.ready.is_set() and not zygote.gone


def test_one_kept_thread_refills_the_spares_taken(tmp_path):
    fillers = set()
    for number in range(3):
        folder = tmp_path / str(number)
        folder.mkdir()
        child = start(task(folder, "def run():\n    return {'n': 1}\n"))
        assert follow(child) == 0
        fillers.add(launcher._spares.filler)
        deadline = time.monotonic() + 120
        while len(launcher._spares.ready) < launcher.SPARES:
            assert time.monotonic() < deadline, "the spares were not refilled"
            time.sleep(0.05)
    # Taking a spare wakes the same thread each time: none is started on a step's path.
    assert len(fillers) == 1 and None not in fillers
    named = [t for t in threading.enumerate() if t.name == "spare-children"]
    assert named == list(fillers) and named[0].is_alive()


def test_killing_a_child_that_has_ended_signals_nobody(tmp_path, monkeypatch):
    child = start(task(tmp_path, "def run():\n    return {'n': 1}\n"))
    assert follow(child) == 0
    # Ended and reaped: its pid is free for another process.
    if isinstance(child, launcher.WalledChild):
        assert child.spare.exit.wait(60) is not None
    else:
        child.process.join(60)
        assert child.process.exitcode is not None
    pid, signalled = child.pid, []
    # (Other threads of this process may signal other steps' leftovers meanwhile.)
    monkeypatch.setattr(os, "killpg", lambda to, sig: signalled.append(("group", to)))
    monkeypatch.setattr(os, "kill", lambda to, sig: signalled.append(("process", to)))
    monkeypatch.setattr(
        launcher.signal, "pidfd_send_signal", lambda fd, sig: signalled.append(("fd", fd))
    )
    child.kill()
    assert [(kind, to) for kind, to in signalled if to == pid or kind == "fd"] == []


def test_a_zygote_child_reported_ended_is_not_killed_again():
    # A process that happens to hold the ended child's pid now, leading a group of its own.
    stranger = subprocess.Popen(["sleep", "60"], start_new_session=True)
    try:
        child = ZygoteChild(stranger.pid)
        child.ended(0)
        child.kill()
        time.sleep(0.2)
        assert stranger.poll() is None, "the process now holding the pid was killed"
    finally:
        stranger.kill()
        stranger.wait()


def test_a_walled_steps_task_goes_with_the_message_that_hands_it_over(tmp_path):
    """The step's process need not read its task's file through the host's root: what the
    worker hands it is what it runs (the file, here spoiled after it was read, is not read)."""
    if not isolation.mode().isolated:
        pytest.skip("only a walled step's process is handed its task with the message")
    path = Path(task(tmp_path, "def run():\n    return {'n': 7}\n"))
    handed = json.loads(path.read_text())
    path.write_text("not the task")
    assert follow(start(str(path), handed)) == 0
    assert events(tmp_path)[-1]["type"] == "result"
    assert json.loads((tmp_path / "work" / "outputs" / "data.json").read_text()) == {"n": 7}


def test_a_task_too_large_for_the_message_is_read_from_its_file(tmp_path):
    path = Path(task(tmp_path, "def run(pad=''):\n    return {'n': len(pad)}\n"))
    handed = json.loads(path.read_text())
    handed["params"] = {"pad": "x" * (launcher.INLINE_TASK_BYTES + 10_000)}
    path.write_text(json.dumps(handed))
    assert follow(start(str(path), handed)) == 0
    found = events(tmp_path)
    assert found[-1]["type"] == "result", found[-1]
    written = json.loads((tmp_path / "work" / "outputs" / "data.json").read_text())
    assert written == {"n": launcher.INLINE_TASK_BYTES + 10_000}
