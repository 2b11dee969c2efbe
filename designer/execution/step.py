"""Runs one claimed node run: prepare its task, start an executor child, follow it.

Streams the child's log lines, metrics and progress into the run's event log while it
runs, heartbeats, kills it on cancel or timeout, then records the outputs. Runs inside a
worker thread; user code never runs here, only in the child.
"""

import json
import logging
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection, transaction

from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest, materialize
from designer.execution import environments, isolation, launcher
from designer.execution.child_events import check_event, warning
from designer.execution.environments import EnvironmentRefused, Launch, StepChild
from designer.kernel.names import node_id_problem
from designer.prepared import Prepared
from designer.registry.models import Component
from designer.runs import events
from designer.runs.choices import NodeStatus
from designer.runs.models import Metric, NodeRun
from designer.runtime.component_code import imported_modules, precompile, split_entry_point
from designer.runtime.virtualenv_build import BuildAbandoned, BuildFailed
from designer.runtime.virtualenv_recipe import EnvironmentInvalid
from designer.runtime.zygote_pool import ZygoteGone

from . import lifecycle

log = logging.getLogger(__name__)

POLL_SECONDS = 0.05
HEARTBEAT_SECONDS = 1.0
# How long making a step's task, storing its outputs and recording its outcome wait out a
# busy or unreachable database (`_patiently`).
DATABASE_PATIENCE = 30.0
ENVIRONMENT_PROBLEMS = (EnvironmentInvalid, EnvironmentRefused, BuildFailed)
Claim = Callable[[NodeRun], bool]


@dataclass
class Outcome:
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    # The child's last events, read once it was done: written with the outcome, in the
    # transaction that finishes the node run (`Pending.write`).
    pending: "Pending | None" = None


@dataclass
class Pending:
    """Events of a step checked and ready to write: log lines and the like, metrics and the
    latest progress."""

    node_run: NodeRun
    batch: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    progress: dict[str, Any] | None = None

    def write(self) -> None:
        """In a transaction of its own."""
        if not self.batch:
            return
        with transaction.atomic():
            # The event log first: it locks the run row, which must come before the node run's.
            events.record_many(self.node_run.run_id, self.batch)
            Metric.objects.bulk_create(self.metrics)
            if self.progress is not None:
                NodeRun.objects.filter(pk=self.node_run.pk).update(progress=self.progress)

    def write_with(self, locked: NodeRun) -> None:
        """With the outcome, inside `finish_node_run`'s transaction and event batch: the
        events join the batch, the progress goes onto the locked row the finish saves."""
        for kind, payload, node_id in self.batch:
            events.record(locked.run_id, kind, payload, node_id)
        Metric.objects.bulk_create(self.metrics)
        if self.progress is not None:
            locked.progress = self.progress


class EventTail:
    """Reads whole new lines of the child's events file as they are appended."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0
        self.partial = b""

    def read(self) -> list[Any]:
        if not self.path.exists():
            return []
        with self.path.open("rb") as f:
            f.seek(self.offset)
            chunk = f.read()
        self.offset += len(chunk)
        data = self.partial + chunk
        lines = data.split(b"\n")
        self.partial = lines.pop()
        found = []
        for line in lines:
            try:
                found.append(json.loads(line))
            except (ValueError, RecursionError):
                found.append(
                    {"type": "log", "stream": "stderr", "line": line.decode(errors="replace")}
                )
        return found


def work_dir_for(node_run: NodeRun) -> Path:
    """The folder of one attempt of a node run; ValueError for a node id that is no name.

    Validation refuses such ids before a run starts; this is the second line of defence,
    because the folder is deleted and recreated and must never be somewhere else."""
    problem = node_id_problem(node_run.node_id)
    if problem is not None:
        raise ValueError(problem)
    return (
        Path(settings.DESIGNER_WORK_DIR)
        / f"run-{node_run.run_id}"
        / (f"{node_run.node_id}-{node_run.attempts}")
    )


# Read for every step: prepared once (`designer.prepared`).
_ARTIFACTS = Prepared(lambda ids: Artifact.objects.filter(pk__in=ids))

# (Folder, code digest) of the components whose bytecode this process has written → the
# zygote their steps come from (`launcher.preload_for`).
_code_ready: dict[tuple[str, str], str] = {}


def build_task(node_run: NodeRun, work_dir: Path) -> dict[str, Any]:
    spec = node_run.component.parsed
    preload = _ready_code(node_run.component)
    limits, walls = isolation.for_step(node_run)
    inputs: dict[str, Any] = {}
    artifacts = {a.pk: a for a in _ARTIFACTS(sorted(set(node_run.inputs.values())))}
    for port in spec.inputs:
        artifact_id = node_run.inputs.get(port.name)
        if artifact_id is None:
            inputs[port.name] = None
            continue
        inputs[port.name] = {"type": port.type, "path": str(materialize(artifacts[artifact_id]))}
    return {
        # Named here so the child need not read component.yaml to say what starts.
        "component": node_run.component.ref,
        "component_dir": str(node_run.component.path),
        "python": spec.python,
        "command": spec.command,
        # The zygote its process comes from where steps are walled in.
        "preload": preload,
        "inputs": inputs,
        "params": node_run.params,
        "outputs": {port.name: {"type": port.type} for port in spec.outputs},
        "work_dir": str(work_dir),
        "limits": limits,
        # How the child walls the step in (designer.runtime.isolation); None: not at all.
        "isolation": walls,
        # Folders the step may read from or write to outside its ports (Import/Export Data).
        "data_roots": [str(Path(root).resolve()) for root in settings.DESIGNER_DATA_ROOTS],
    }


def execute(node_run: NodeRun, claim: Claim | None = None) -> list[tuple[int, str]]:
    """Run a node run this worker has claimed, to its end.

    Returns the node runs that its completion queued, as (id, compute target) pairs; with
    `claim` (`lifecycle.claimer`), its `claimed` attribute is the successor this worker took
    in the same transaction as the outcome (see `lifecycle.finish_node_run`)."""
    try:
        work_dir = work_dir_for(node_run)
    except ValueError as exc:
        return _finish(node_run, NodeStatus.FAILED, error=f"Could not start: {exc}")
    # Until its follower beats, the node run's lease is kept by another thread: its inputs
    # may have to be fetched from the store, its process may wait for a zygote still
    # importing what it preloads.
    with lifecycle.kept_alive(node_run.pk):
        if work_dir.exists():
            shutil.rmtree(work_dir)
        work_dir.mkdir(parents=True)
        try:
            task = _patiently(node_run, "task", lambda: build_task(node_run, work_dir))
        except Exception as exc:  # a missing input artifact or a broken registry row
            log.exception("could not prepare node run %s", node_run.pk)
            return _finish(node_run, NodeStatus.FAILED, error=f"Could not start: {exc}")
        launch = _launch_for(node_run, task)
        if isinstance(launch, list):
            return launch
        task_path = work_dir / "task.json"
        task_path.write_text(json.dumps(task))
        try:
            child = launch(str(task_path), task)
        except ZygoteGone as exc:
            return _finish(node_run, NodeStatus.FAILED, error=f"Could not start: {exc}")
    outcome = _follow(node_run, child, EventTail(work_dir / "events.jsonl"), node_run.timeout)
    # Whatever the step started dies with it, also when it ended by itself.
    isolation.release(task["isolation"], child.pid)
    if outcome is None:
        return []
    return _record_outcome(node_run, outcome, claim)


def _store_outputs(node_run: NodeRun, produced: dict[str, Any]) -> dict[str, int]:
    """Each output stored and given its artifact row: port → artifact id. Storing is
    idempotent (the store and the rows are keyed by content) and the outputs are still on
    disk, so a database busy for a moment is waited out (`_patiently`)."""
    return _patiently(
        node_run,
        "outputs",
        lambda: {
            port: ingest(Path(value["path"]), value["type"], summary=value.get("summary")).pk
            for port, value in produced.items()
        },
    )


def _finish(node_run: NodeRun, *args: Any, **fields: Any) -> list[tuple[int, str]]:
    """`lifecycle.finish_node_run` for this node run, made again while the database is busy
    for a moment (`_patiently`): its one transaction is undone whole when it fails, so the
    step's outcome is not lost, and its node run is not left running for the reconciler to
    take back and run twice."""
    return _patiently(
        node_run, "outcome", lambda: lifecycle.finish_node_run(node_run.pk, *args, **fields)
    )


def _patiently[T](node_run: NodeRun, what: str, work: Callable[[], T]) -> T:
    """`work()`, tried again while the database is busy or out of reach (a lock held
    elsewhere, no connection to be had, a restart) for up to DATABASE_PATIENCE seconds, rather
    than failing the step for a moment's trouble; `work` must be safe to repeat."""
    waited, pause = 0.0, 0.05
    while True:
        try:
            return work()
        except OperationalError as exc:
            if waited >= DATABASE_PATIENCE:
                raise
            _database_busy(node_run, what, exc)
            time.sleep(pause)
            waited, pause = waited + pause, min(pause * 2, 2.0)


def _ready_code(component: Component) -> str:
    """The component's bytecode written next to its code (see `component_code.precompile`;
    a folder this worker cannot write to is compiled by each step, as before), and the kind
    of zygote its steps come from, from the modules its code imports (a command's own process
    imports what it imports) and its ports' types; once a process."""
    key = (str(component.path), component.code_digest)
    if key in _code_ready:
        return _code_ready[key]
    try:
        precompile(component.path)
    except OSError as exc:
        log.info("could not write the bytecode of %s: %s", component.ref, exc)
    spec = component.parsed
    if spec.python:
        imports = imported_modules(component.path, split_entry_point(spec.python)[0])
    else:
        imports = frozenset()
    ports = [port.type for port in (*spec.inputs, *spec.outputs)]
    kind = _code_ready[key] = launcher.preload_for(imports, ports)
    return kind


def _launch_for(node_run: NodeRun, task: dict[str, Any]) -> Launch | list[tuple[int, str]]:
    """How to start the node's child, its environment made ready first (the task gains its
    `environment` entry); or, when that environment cannot be had, what finishing queued."""
    try:
        launch, task["environment"] = environments.prepare(
            node_run, lambda found: _take_events(node_run, found, Outcome())
        )
    except BuildAbandoned:
        return []  # canceled, or handed to another worker, while its environment was built
    except ENVIRONMENT_PROBLEMS as exc:
        return _finish(
            node_run,
            NodeStatus.FAILED,
            error=f"Could not prepare the environment: {exc}"[:5000],
            traceback=getattr(exc, "output", "")[-50_000:],
        )
    return launch


def _follow(node_run: NodeRun, child: StepChild, tail: EventTail, timeout: float) -> Outcome | None:
    outcome = Outcome()
    started = last_beat = time.monotonic()
    unwritten: list[Any] = []
    while True:
        exitcode = child.wait(POLL_SECONDS)
        if exitcode is not None:
            # The child is done and its events file complete: what is left goes out with
            # the outcome, in one transaction.
            outcome.pending = _check_events(node_run, unwritten + tail.read(), outcome)
            if outcome.result is None and outcome.error is None:
                outcome.error = {"message": f"The step's process ended with exit code {exitcode}."}
            return outcome
        unwritten = _take_events_or_keep(node_run, unwritten + tail.read(), outcome)
        now = time.monotonic()
        if now - started > timeout:
            child.kill()
            # What is left goes out with the outcome, as when the child ends by itself.
            outcome.pending = _check_events(node_run, unwritten + tail.read(), outcome)
            outcome.result = None
            outcome.error = {
                "message": f"Timed out after {timeout:g} seconds; the step was killed."
            }
            return outcome
        if now - last_beat >= HEARTBEAT_SECONDS:
            try:
                status = lifecycle.heartbeat(node_run.pk)
            except OperationalError as exc:
                _database_busy(node_run, "heartbeat", exc)
                continue  # the next poll beats again
            last_beat = now
            if status != NodeStatus.RUNNING:
                child.kill()  # canceled, or handed to another worker: stop quietly
                return None


def _take_events_or_keep(node_run: NodeRun, found: list[Any], outcome: Outcome) -> list[Any]:
    """Writes the step's new events; returns those to write again at the next poll when the
    database is busy for a moment (a lock held elsewhere, a dropped connection): the step
    runs on, and its follower with it."""
    try:
        _take_events(node_run, found, outcome)
    except OperationalError as exc:
        _database_busy(node_run, "events", exc)
        return found
    return []


def _database_busy(node_run: NodeRun, what: str, exc: OperationalError) -> None:
    log.warning(
        "node run %s: the database is busy (%s); will try again: %s", node_run.pk, what, exc
    )
    connection.close_if_unusable_or_obsolete()


def _take_events(node_run: NodeRun, found: list[Any], outcome: Outcome) -> None:
    _check_events(node_run, found, outcome).write()


def _check_events(node_run: NodeRun, found: list[Any], outcome: Outcome) -> Pending:
    """The child's events checked: a result or an error goes to `outcome`, the rest is
    returned to write."""
    pending = Pending(node_run)
    for raw in found:
        event = check_event(raw)
        if isinstance(event, str):
            # The child runs user code: a bad event is its mistake, shown where it looks.
            log.info("node run %s: %s", node_run.pk, event)
            event = warning(event)
        if event.kind == "result":
            outcome.result = event.fields
        elif event.kind == "error":
            outcome.error = event.fields
        else:
            pending.batch.append(
                (event.kind, {"node": node_run.node_id, **event.fields}, node_run.node_id)
            )
        if event.kind == "metric":
            pending.metrics.append(Metric(node_run=node_run, **event.fields))
        elif event.kind == "progress":
            pending.progress = event.fields
    return pending


def _record_outcome(
    node_run: NodeRun, outcome: Outcome, claim: Claim | None
) -> list[tuple[int, str]]:
    before = outcome.pending.write_with if outcome.pending is not None else None
    if outcome.error is not None or outcome.result is None:
        error = outcome.error or {}
        return _finish(
            node_run,
            NodeStatus.FAILED,
            claim,
            before,
            known=node_run,
            error=str(error.get("message", "The step failed."))[:5000],
            traceback=str(error.get("traceback", ""))[:50_000],
        )
    try:
        with lifecycle.kept_alive(node_run.pk):  # hashing and copying a large output
            outputs = _store_outputs(node_run, outcome.result.get("outputs", {}))
    except Exception as exc:
        log.exception("could not store outputs of node run %s", node_run.pk)
        return _finish(
            node_run, NodeStatus.FAILED, before=before, error=f"Could not store outputs: {exc}"
        )
    return _finish(
        node_run,
        NodeStatus.COMPLETED,
        claim,
        before,
        known=node_run,
        outputs=outputs,
        progress=None,
    )
