"""A database busy for a moment while a step runs (another connection holding the write lock)
does not abandon the step: its follower keeps the events it could not write, writes them at a
later poll, beats again, and the step finishes with every line of its log.

A real Execute Python Script step, run by the worker's own `execute` in this process; the
lock is a real write transaction held by another thread's connection."""

import logging
import threading
import time

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


def hold_the_lock_once_the_step_logs(node_run: NodeRun, held: threading.Event) -> None:
    """Takes the database's write lock once the step has written its first lines, keeps it a
    second (twenty of the follower's polls and a heartbeat), then lets go."""
    events_file = step.work_dir_for(node_run) / "events.jsonl"
    deadline = time.monotonic() + 60
    while b"line 3" not in (events_file.read_bytes() if events_file.exists() else b""):
        if time.monotonic() > deadline:
            return
        time.sleep(0.01)
    try:
        while not held.is_set():
            try:
                with transaction.atomic():
                    ComputeTarget.objects.filter(name="default").update(description="busy")
                    held.set()
                    time.sleep(1.0)
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
    holder = threading.Thread(target=hold_the_lock_once_the_step_logs, args=(node_run, held))
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


def hold_the_lock_until(node_run: NodeRun, held: threading.Event, until: threading.Event) -> None:
    """Takes the write lock before the step returns, and lets go only once the worker said it
    will store the outputs again (or after a minute: the worker did not wait it out)."""
    events_file = step.work_dir_for(node_run) / "events.jsonl"
    deadline = time.monotonic() + 60
    while b"returning" not in (events_file.read_bytes() if events_file.exists() else b""):
        if time.monotonic() > deadline:
            return
        time.sleep(0.01)
    try:
        while not held.is_set():
            try:
                with transaction.atomic():
                    ComputeTarget.objects.filter(name="default").update(description="busy")
                    held.set()
                    until.wait(60)
            except OperationalError:
                if time.monotonic() > deadline:
                    return
                time.sleep(0.01)
    finally:
        from django.db import connection

        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_steps_outputs_are_stored_once_a_busy_database_lets_go(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(RETURNS_A_FRAME, "busy-outputs")

    said = Said("the database is busy (outputs); will try again")
    logger = logging.getLogger("designer.execution.step")
    logger.addHandler(said)
    held = threading.Event()
    holder = threading.Thread(target=hold_the_lock_until, args=(node_run, held, said.heard))
    holder.start()
    try:
        step.execute(node_run)
    finally:
        said.heard.set()  # (let go of the lock whatever happened)
        holder.join(60)
        logger.removeHandler(said)

    assert held.is_set(), "the step ended before the lock was taken"
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    stored = Artifact.objects.get(pk=node_run.outputs["result1"])
    assert stored.kind == "dataframe" and stored.row_count == 3


def hold_the_lock_now(held: threading.Event, until: threading.Event) -> None:
    """Takes the write lock at once and lets go once `until` is set (or after a minute)."""
    try:
        with transaction.atomic():
            ComputeTarget.objects.filter(name="default").update(description="busy")
            held.set()
            until.wait(60)
    finally:
        from django.db import connection

        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_steps_task_is_made_once_a_busy_database_lets_go(builtins, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node_run = claimed_script(RETURNS_A_FRAME, "busy-task")
    # The task reads the compute target's limits: the table the lock is held on.
    node_run = NodeRun.objects.select_related("component", "run").get(pk=node_run.pk)

    said = Said("the database is busy (task); will try again")
    logger = logging.getLogger("designer.execution.step")
    logger.addHandler(said)
    held = threading.Event()
    holder = threading.Thread(target=hold_the_lock_now, args=(held, said.heard))
    holder.start()
    try:
        assert held.wait(30), "the lock was not taken"
        step.execute(node_run)
    finally:
        said.heard.set()
        holder.join(60)
        logger.removeHandler(said)

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

    said = Said("the database is busy (outcome); will try again")
    logger = logging.getLogger("designer.execution.step")
    logger.addHandler(said)
    held = threading.Event()
    holder = threading.Thread(target=hold_the_lock_until, args=(node_run, held, said.heard))
    holder.start()
    try:
        step.execute(node_run)
    finally:
        said.heard.set()
        holder.join(60)
        logger.removeHandler(said)

    assert held.is_set(), "the step ended before the lock was taken"
    node_run.refresh_from_db()
    # The step's own outcome, recorded by this worker: not left running for the reconciler.
    assert node_run.status == NodeStatus.FAILED
    assert "on purpose" in node_run.error
    assert node_run.attempts == 1
