"""A node run whose step's process is slow to start keeps its lease: the worker thread waits
for the zygote (still importing what it preloads, as on a busy machine) and another thread
renews the heartbeat meanwhile, so the reconciler does not take back a node run that is
about to run. The zygote is real; its preload has one more module, which is slow."""

import multiprocessing
import threading
import time

import pytest

from designer.execution import launcher, lifecycle, step
from designer.runs import sinks
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun
from tests.runs.factories import claimed_script

SLOW = "tests.support.slow_preload"


@pytest.fixture
def slow_zygotes(monkeypatch, tmp_path):
    """The steps' zygotes restarted with a preload taking four seconds; `done` appears once
    it has been imported. Put back as they were afterwards."""
    done = tmp_path / "preloaded"
    monkeypatch.setenv("SLOW_PRELOAD_SECONDS", "4")
    monkeypatch.setenv("SLOW_PRELOAD_DONE", str(done))
    # Before the module that freezes the fork server's heap, as a preload module would be.
    monkeypatch.setattr(launcher, "PRELOAD", [*launcher.PRELOAD[:-1], SLOW, launcher.PRELOAD[-1]])
    monkeypatch.setattr(launcher, "_context", None)
    launcher.restart_zygotes()
    yield done
    monkeypatch.undo()
    launcher.restart_zygotes()
    multiprocessing.get_context("forkserver").set_forkserver_preload(launcher.PRELOAD)


@pytest.mark.django_db(transaction=True)
def test_a_step_waiting_for_its_zygote_keeps_its_lease(builtins, settings, tmp_path, slow_zygotes):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script("def main(data1, data2):\n    return None\n", "slow start")
    claimed_beat = NodeRun.objects.get(pk=node_run.pk).heartbeat_at

    worker = threading.Thread(target=step.execute, args=(node_run,))
    worker.start()
    renewed_before_preloaded = False
    while not slow_zygotes.exists():
        beat = NodeRun.objects.get(pk=node_run.pk).heartbeat_at
        if beat is not None and (claimed_beat is None or beat > claimed_beat):
            # (A second check: the preload may have finished between the two reads.)
            renewed_before_preloaded = not slow_zygotes.exists()
            break
        time.sleep(0.05)
    worker.join(120)

    assert renewed_before_preloaded, "no heartbeat while the step waited for its zygote"
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error


@pytest.mark.django_db(transaction=True)
def test_a_short_hold_costs_no_heartbeat(builtins):
    node_run = claimed_script("def main(data1, data2):\n    return None\n", "short")
    claimed_beat = NodeRun.objects.get(pk=node_run.pk).heartbeat_at
    for _ in range(20):
        with lifecycle.kept_alive(node_run.pk):
            time.sleep(0.01)
        time.sleep(0.1)  # the keeper wakes meanwhile, held or not
    assert NodeRun.objects.get(pk=node_run.pk).heartbeat_at == claimed_beat
    with lifecycle.kept_alive(node_run.pk):
        deadline = time.monotonic() + 30
        while NodeRun.objects.get(pk=node_run.pk).heartbeat_at == claimed_beat:
            assert time.monotonic() < deadline, "a long hold was never beaten"
            time.sleep(0.05)


@pytest.mark.django_db(transaction=True)
def test_a_sink_recording_its_output_for_long_keeps_its_lease(builtins, monkeypatch):
    """A sink's handler (Register Dataset writing a large file, say) runs on the worker's
    thread; the node run's lease is renewed meanwhile. The handler here waits, without
    beating, until the node run's heartbeat moves, and gives up after 30 s."""
    node_run = claimed_script("def main(data1, data2):\n    return None\n", "sink")
    claimed_beat = NodeRun.objects.get(pk=node_run.pk).heartbeat_at

    def slow_handler(actor, completed):
        deadline = time.monotonic() + 30
        while NodeRun.objects.get(pk=node_run.pk).heartbeat_at == claimed_beat:
            if time.monotonic() > deadline:
                raise RuntimeError("the lease was not renewed while the output was recorded")
            time.sleep(0.05)
        return "recorded"

    monkeypatch.setitem(sinks._handlers, "execute_python_script", slow_handler)
    status, _ = lifecycle._record_sink_output(node_run.pk, {"outputs": {}})
    assert status == NodeStatus.COMPLETED
