"""The worker's side of a node run: claim it, heartbeat, finish it (or retry it).

Claiming only succeeds for a queued node run, so a redelivered message never runs a step
twice at once; finishing only applies to a running one, so a late worker cannot overwrite
what the reconciler or a cancel already decided. Whether an attempt that did not succeed
is tried again is the kernel's retry policy, for a failed step and a lost worker alike.
A sink node's output is recorded (`runs.sinks`) before its completion is: its refusal fails
the node run instead.
"""

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from designer.errors import DomainError
from designer.kernel.progress import Cause, RetryPolicy
from designer.runs import dispatch, events, orchestrator, sinks, states
from designer.runs.choices import NODE_SUCCEEDED, NodeStatus
from designer.runs.locks import lock_node_run
from designer.runs.models import NodeRun

log = logging.getLogger(__name__)

# How often a long recording of a sink node's output renews the node run's lease.
KEEP_ALIVE_SECONDS = 1.0


def retry_policy() -> RetryPolicy:
    return RetryPolicy(
        base_backoff_ms=settings.DESIGNER_RETRY_BACKOFF_MS,
        lost_allowance=settings.DESIGNER_LOST_WORKER_RETRIES,
    )


def claim_node_run(node_run_id: int, worker: str) -> NodeRun | None:
    """Take a queued node run for this worker; None if it is not (or no longer) queued."""
    with transaction.atomic():
        node_run = lock_node_run(node_run_id)
        if node_run is None or node_run.status != NodeStatus.QUEUED:
            return None
        _take(node_run, worker)
    return node_run


def _take(node_run: NodeRun, worker: str) -> None:
    """Move a queued node run, locked in the caller's transaction, to running on `worker`."""
    states.move_node(
        node_run,
        NodeStatus.RUNNING,
        worker=worker,
        attempts=node_run.attempts + 1,
        error="",
        traceback="",
    )


def claimer(worker: str, serves: Callable[[str], bool]) -> Callable[[NodeRun], bool]:
    """What `advance_run` offers each node run it queues when `worker` finished a step: take
    the first one whose compute target this process serves, in the same transaction."""

    def claim(node_run: NodeRun) -> bool:
        if not serves(node_run.compute):
            return False
        _take(node_run, worker)
        return True

    return claim


def finish_node_run(
    node_run_id: int,
    status: str,
    claim: Callable[[NodeRun], bool] | None = None,
    before: Callable[[NodeRun], None] | None = None,
    known: NodeRun | None = None,
    **fields: Any,
) -> orchestrator.Advanced:
    """Record the outcome of a node run (if it is still running) and advance its run, in one
    transaction; with `claim` (see `claimer`), a successor this worker runs next is claimed
    in it too. `before` is given the locked node run to write what must come first in the
    run's event log (the step's last log lines), in the same transaction and event batch.
    `known`: the node run as the caller read it (its run and component), which spares the
    queries that would look them up.

    Returns the node runs this queued, as (id, compute target) pairs, and the one claimed."""
    may_be_sink = known is None or sinks.is_sink(known.component.name)
    if status == NodeStatus.COMPLETED and may_be_sink and _is_running_sink(node_run_id):
        if before is not None:
            _write_before(node_run_id, before)  # the step's lines before the sink's own
            before = None
        status, fields = _record_sink_output(node_run_id, fields)
    with transaction.atomic():
        node_run = lock_node_run(node_run_id, known.run_id if known is not None else None)
        if node_run is None:
            return orchestrator.Advanced()
        with events.batched(node_run.run_id):
            if before is not None:
                before(node_run)
            if node_run.status != NodeStatus.RUNNING:
                log.info("node run %s is %s; %s dropped", node_run.pk, node_run.status, status)
                return orchestrator.Advanced()
            if status == NodeStatus.FAILED:
                retried = _retry_or_fail(node_run, Cause.FAILED, **fields)
            else:
                states.move_node(node_run, status, **fields)
                retried = False
            if retried:
                return orchestrator.Advanced()
            succeeded = node_run.status in NODE_SUCCEEDED
            return orchestrator.advance_run(
                node_run.run_id,
                claim,
                after=node_run.node_id if succeeded else None,
                locked=node_run.run,
            )


def _write_before(node_run_id: int, before: Callable[[NodeRun], None]) -> None:
    with transaction.atomic():
        node_run = lock_node_run(node_run_id)
        if node_run is not None:
            with events.batched(node_run.run_id):
                before(node_run)
            node_run.save(update_fields=["progress"])


def _is_running_sink(node_run_id: int) -> bool:
    component = (
        NodeRun.objects.filter(pk=node_run_id, status=NodeStatus.RUNNING)
        .values_list("component__name", flat=True)
        .first()
    )
    return component is not None and sinks.is_sink(component)


def _record_sink_output(node_run_id: int, fields: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """For a running sink node, have its outputs recorded before the node run is completed:
    the outcome to record instead is FAILED with the reason when that is refused. Outside any
    transaction, since recording may write a large file (see `runs.sinks`)."""
    node_run = (
        NodeRun.objects.select_related("run", "run__created_by", "component")
        .filter(pk=node_run_id)
        .first()
    )
    if node_run is None or node_run.status != NodeStatus.RUNNING:
        return NodeStatus.COMPLETED, fields
    if not sinks.is_sink(node_run.component.name):
        return NodeStatus.COMPLETED, fields
    try:
        with kept_alive(node_run_id):  # the handler may write a large file
            recorded = sinks.complete(node_run, fields.get("outputs") or {})
    except DomainError as exc:
        return NodeStatus.FAILED, {"error": exc.message}
    except Exception as exc:  # a bug or an unexpected store error: the node says so, not the worker
        log.exception("node run %s: recording its output failed", node_run_id)
        return NodeStatus.FAILED, {"error": f"Could not record the output: {exc}"[:5000]}
    line = {"node": node_run.node_id, "stream": "system", "line": recorded}
    events.record(node_run.run_id, "log", line, node_run.node_id)
    return NodeStatus.COMPLETED, fields


class _Keeper:
    """Renews, from a thread of its own, the lease of node runs whose worker thread is busy
    with something that does not heartbeat by itself: waiting for a step's process to be
    readied (behind a zygote still importing, on a busy machine), storing large outputs.
    A node run held for KEEP_ALIVE_SECONDS is beaten about once a second; a short hold (the
    usual case: a few milliseconds) costs no query at all."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        # Node run id → (holds, when the first began).
        self.held: dict[int, tuple[int, float]] = {}
        self.thread: threading.Thread | None = None

    def hold(self, node_run_id: int) -> None:
        with self.lock:
            count, since = self.held.get(node_run_id, (0, time.monotonic()))
            self.held[node_run_id] = (count + 1, since)
            new = None
            if self.thread is None or not self.thread.is_alive():
                new = self.thread = threading.Thread(
                    target=self._beat, name="node-run-keeper", daemon=True
                )
        if new is not None:  # once a process (again after a fork)
            new.start()

    def let_go(self, node_run_id: int) -> None:
        with self.lock:
            count, since = self.held.pop(node_run_id)
            if count > 1:
                self.held[node_run_id] = (count - 1, since)

    def _beat(self) -> None:
        while True:
            time.sleep(KEEP_ALIVE_SECONDS / 2)
            now = time.monotonic()
            with self.lock:
                due = [
                    pk for pk, (_, since) in self.held.items() if now - since >= KEEP_ALIVE_SECONDS
                ]
                for pk in due:  # the next beat a second from now
                    count, _ = self.held[pk]
                    self.held[pk] = (count, now)
            if not due:
                continue
            try:
                NodeRun.objects.filter(pk__in=due, status=NodeStatus.RUNNING).update(
                    heartbeat_at=timezone.now()
                )
            except DatabaseError:
                log.warning("node runs %s: heartbeat not written, will try again", due)
            finally:
                connection.close()  # beats are rare: no connection kept between them


_keeper = _Keeper()


@contextmanager
def kept_alive(node_run_id: int) -> Iterator[None]:
    """The node run's lease is renewed while the block runs (see `_Keeper`)."""
    _keeper.hold(node_run_id)
    try:
        yield
    finally:
        _keeper.let_go(node_run_id)


def take_back(node_run_id: int) -> bool:
    """A running node run whose worker was lost: run it again, or fail it if it has had
    its attempts. Returns True if it was taken back at all."""
    with transaction.atomic():
        node_run = lock_node_run(node_run_id)
        if node_run is None or node_run.status != NodeStatus.RUNNING:
            return False
        log.warning("node run %s lost its worker %s", node_run_id, node_run.worker)
        retried = _retry_or_fail(node_run, Cause.LOST)
    if not retried:
        orchestrator.advance_run(node_run.run_id)
    return True


def _retry_or_fail(node_run: NodeRun, cause: Cause, **fields: Any) -> bool:
    """Queue another attempt after the policy's delay (sent after commit), or fail the node
    run for good. Inside the caller's transaction; returns True for a retry."""
    policy = retry_policy()
    delay = policy.retry_in(cause, node_run.attempts, node_run.max_retries)
    if delay is None:
        if cause == Cause.LOST:
            fields["error"] = policy.give_up_message(cause, node_run.attempts)
        states.move_node(node_run, NodeStatus.FAILED, **fields)
        return False
    log.info(
        "node run %s: attempt %s %s; trying again in %sms",
        node_run.pk,
        node_run.attempts,
        cause.value,
        delay,
    )
    fields.update(queued_at=timezone.now(), worker="")
    states.move_node(node_run, NodeStatus.QUEUED, **fields)
    pk, target = node_run.pk, node_run.compute
    transaction.on_commit(lambda: dispatch.send_node(pk, target, delay_ms=delay or None))
    return True


def heartbeat(node_run_id: int) -> str | None:
    """Note that the worker is alive; returns the node run's current status."""
    NodeRun.objects.filter(pk=node_run_id, status=NodeStatus.RUNNING).update(
        heartbeat_at=timezone.now()
    )
    return NodeRun.objects.filter(pk=node_run_id).values_list("status", flat=True).first()
