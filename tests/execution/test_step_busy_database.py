"""A database busy for a moment while a step runs (another connection holding the write lock)
does not abandon the step: its follower keeps the events it could not write, writes them at a
later poll, beats again, and the step finishes with every line of its log.

A real Execute Python Script step, run by the worker's own `execute` in this process; the
lock is a real write transaction held by another thread's connection."""

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial

import pytest
from django.db import OperationalError, transaction

from designer.artifacts.models import Artifact
from designer.compute.models import ComputeTarget
from designer.execution import step
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, RunEvent
from tests.runs.factories import claimed_script

SCRIPT = """\
import time


def main(data1, data2):
    for i in range(40):
        print(f"line {i}", flush=True)
        time.sleep(0.05)
    return None
"""


def hold_the_lock(
    node_run: NodeRun, after: bytes | None, held: threading.Event, keep: Callable[[], object]
) -> None:
    """Takes the database's write lock once the step's events hold `after` (None: at once),
    keeps it while `keep()` runs, then lets go."""
    deadline = time.monotonic() + 60
    if after is not None:
        events_file = step.work_dir_for(node_run) / "events.jsonl"
        while after not in (events_file.read_bytes() if events_file.exists() else b""):
            if time.monotonic() > deadline:
                return
            time.sleep(0.01)
    try:
        while not held.is_set():
            try:
                with transaction.atomic():
                    ComputeTarget.objects.filter(name="default").update(description="busy")
                    held.set()
                    keep()
            except OperationalError:
                # The follower was writing this instant: the test's in-memory database says
                # so at once rather than waiting (a shared cache). Take the lock just after.
                if time.monotonic() > deadline:
                    return
                time.sleep(0.01)
    finally:
        from django.db import connection

        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_step_outlives_a_database_busy_for_a_moment(builtins, settings, tmp_path, caplog):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(SCRIPT, "busy")
    run = node_run.run

    held = threading.Event()
    # Kept a second: twenty of the follower's polls and a heartbeat.
    keep = partial(time.sleep, 1.0)
    holder = threading.Thread(target=hold_the_lock, args=(node_run, b"line 3", held, keep))
    holder.start()
    with caplog.at_level(logging.WARNING, logger="designer.execution.step"):
        step.execute(node_run)
    holder.join(60)

    assert held.is_set(), "the step ended before the lock was taken"
    assert any("will try again" in record.getMessage() for record in caplog.records)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    lines = [
        payload["line"]
        for payload in RunEvent.objects.filter(run=run, type="log")
        .order_by("seq")
        .values_list("payload", flat=True)
        if payload["line"].startswith("line ")
    ]
    assert lines == [f"line {i}" for i in range(40)]


RETURNS_A_FRAME = """\
import time

import pandas as pd


def main(data1, data2):
    print("returning", flush=True)
    time.sleep(0.3)
    return pd.DataFrame({"x": [1, 2, 3]}), None
"""


class Said(logging.Handler):
    """Sets `heard` once a record containing `words` is logged."""

    def __init__(self, words: str) -> None:
        super().__init__()
        self.words, self.heard = words, threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        if self.words in record.getMessage():
            self.heard.set()


@contextmanager
def busy_until_the_worker_waits(
    node_run: NodeRun, what: str, after: bytes | None
) -> Iterator[threading.Event]:
    """The write lock held from the moment the step's events hold `after` (None: from now)
    until the worker says it waits for the database over `what` (or a minute: it did not
    wait). Yields whether the lock was taken."""
    said = Said(f"the database is busy ({what}); will try again")
    logger = logging.getLogger("designer.execution.step")
    logger.addHandler(said)
    held = threading.Event()
    keep = partial(said.heard.wait, 60)
    holder = threading.Thread(target=hold_the_lock, args=(node_run, after, held, keep))
    holder.start()
    try:
        if after is None:
            assert held.wait(30), "the lock was not taken"
        yield held
    finally:
        said.heard.set()  # (let go of the lock whatever happened)
        holder.join(60)
        logger.removeHandler(said)


@pytest.mark.django_db(transaction=True)
def test_a_steps_outputs_are_stored_once_a_busy_database_lets_go(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(RETURNS_A_FRAME, "busy-outputs")

    with busy_until_the_worker_waits(node_run, "outputs", b"returning") as held:
        step.execute(node_run)

    assert held.is_set(), "the step ended before the lock was taken"
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    stored = Artifact.objects.get(pk=node_run.outputs["result1"])
    assert stored.kind == "dataframe" and stored.row_count == 3


@pytest.mark.django_db(transaction=True)
def test_a_steps_task_is_made_once_a_busy_database_lets_go(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(RETURNS_A_FRAME, "busy-task")
    # The task reads the compute target's limits: the table the lock is held on.
    node_run = NodeRun.objects.select_related("component", "run").get(pk=node_run.pk)

    with busy_until_the_worker_waits(node_run, "task", None):
        step.execute(node_run)

    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error


FAILS = RETURNS_A_FRAME.replace(
    'return pd.DataFrame({"x": [1, 2, 3]}), None', 'raise ValueError("on purpose")'
)


@pytest.mark.django_db(transaction=True)
def test_a_steps_outcome_is_recorded_once_a_busy_database_lets_go(builtins, settings, tmp_path):
    # A failing step: its outcome goes straight to the finish's transaction (no outputs to
    # store first), which meets the lock.
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(FAILS, "busy-outcome")

    with busy_until_the_worker_waits(node_run, "outcome", b"returning") as held:
        step.execute(node_run)

    assert held.is_set(), "the step ended before the lock was taken"
    node_run.refresh_from_db()
    # The step's own outcome, recorded by this worker: not left running for the reconciler.
    assert node_run.status == NodeStatus.FAILED
    assert "on purpose" in node_run.error
    assert node_run.attempts == 1
