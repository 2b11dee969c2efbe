"""What a run does next, decided from its graph and its nodes' states alone.

The orchestrator, the workers and the reconciler all ask these functions and only apply
the answer: which nodes to queue, which to serve from an earlier result, which to skip,
whether a failed or orphaned attempt is tried again, and when the run is over. Keeping
the decisions here means one set of rules, tested without a database. Plain data in,
plain data out; no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from designer.kernel.states import NODE_FINAL, NODE_SUCCEEDED, NodeState, RunState


class Act(StrEnum):
    QUEUE = "queue"  # send the node to its compute target
    REUSE = "reuse"  # take the outputs of an earlier identical node run
    SKIP = "skip"  # the node will not run in this run
    FINISH = "finish"  # every node is final: the run ends with `status`


@dataclass(frozen=True)
class Node:
    """A node of the run as the decisions see it."""

    status: str
    # Why reuse is not even looked for (see `reuse_blocker`); None when it may be.
    reuse_blocker: str | None = None


@dataclass(frozen=True)
class Action:
    act: Act
    node: str | None = None
    status: str | None = None  # the run's final status, for FINISH
    reason: str = ""


@dataclass(frozen=True)
class RunView:
    """Everything `next_actions` decides from."""

    nodes: Mapping[str, Node]
    # (source, target) pairs of the graph as it runs (bypassed nodes already removed).
    edges: Iterable[tuple[str, str]]
    continue_on_failure: bool = False
    # Whether the run has stopped at a failed node, when the caller knows it already (a
    # long chain asks once per node); worked out from `nodes` when None.
    stopped: bool | None = None


UPSTREAM_DID_NOT_FINISH = "An upstream node did not finish."
RUN_STOPPED = "The run stopped at a failed node (continue_on_failure is off)."


def parents_of(view: RunView) -> dict[str, list[str]]:
    parents: dict[str, list[str]] = {name: [] for name in view.nodes}
    for source, target in view.edges:
        if source in view.nodes and target in parents:
            parents[target].append(source)
    return parents


def ready(
    view: RunView,
    parents: Mapping[str, list[str]] | None = None,
    among: Iterable[str] | None = None,
) -> list[str]:
    """Pending nodes whose parents in this run all succeeded, in the run's order (or in
    `among`'s, which limits the answer to those nodes; see `next_actions`)."""
    parents = parents_of(view) if parents is None else parents
    nodes = view.nodes
    if has_stopped(view):
        return []
    return [
        name
        for name, node in _candidates(nodes, among)
        if node.status == NodeState.PENDING
        and all(nodes[p].status in NODE_SUCCEEDED for p in parents.get(name, ()))
    ]


def next_actions(
    view: RunView,
    hits: Mapping[str, bool] | None = None,
    parents: Mapping[str, list[str]] | None = None,
    among: Iterable[str] | None = None,
) -> list[Action]:
    """The moves the run can make now.

    `hits` says, for ready nodes whose reuse is not blocked, whether an earlier identical
    result exists (looking that up is I/O, so the caller does it for the nodes `ready`
    names). A ready node missing from `hits` is queued. When no move is left and every
    node is final, the answer is a single FINISH.

    `among`, when given, names the only nodes that may have a move: a caller asking again
    after applying moves passes the children of the nodes it moved, since a node's move
    depends on nothing but its parents' states and whether the run has stopped (which
    applying these moves never changes). It keeps each round of a long chain short."""
    hits = hits or {}
    parents = parents_of(view) if parents is None else parents
    nodes = view.nodes
    stopped = has_stopped(view)
    actions: list[Action] = []
    for name, node in _candidates(nodes, among):
        if node.status == NodeState.PENDING:
            ups = [nodes[p].status for p in parents.get(name, ())]
            if stopped:
                actions.append(Action(Act.SKIP, name, reason=RUN_STOPPED))
            elif any(s in NODE_FINAL and s not in NODE_SUCCEEDED for s in ups):
                actions.append(Action(Act.SKIP, name, reason=UPSTREAM_DID_NOT_FINISH))
            elif all(s in NODE_SUCCEEDED for s in ups):
                reuse = node.reuse_blocker is None and hits.get(name, False)
                actions.append(Action(Act.REUSE if reuse else Act.QUEUE, name))
        elif node.status == NodeState.QUEUED and stopped:
            actions.append(Action(Act.SKIP, name, reason=RUN_STOPPED))
    if actions:
        return actions
    statuses = [node.status for node in nodes.values()]
    if all(s in NODE_FINAL for s in statuses):
        return [Action(Act.FINISH, status=final_status(statuses))]
    return []


def _candidates(
    nodes: Mapping[str, Node], among: Iterable[str] | None
) -> Iterable[tuple[str, Node]]:
    """The (name, node) pairs to decide for: every node in the run's order, or those of
    `among` that are in the run, in `among`'s order."""
    if among is None:
        return nodes.items()
    return [(name, nodes[name]) for name in dict.fromkeys(among) if name in nodes]


def final_status(statuses: Iterable[str]) -> RunState:
    """How a run whose nodes are all final ended."""
    statuses = list(statuses)
    if any(s == NodeState.CANCELED for s in statuses):
        return RunState.CANCELED
    if all(s in NODE_SUCCEEDED for s in statuses):
        return RunState.COMPLETED
    return RunState.FAILED


def has_stopped(view: RunView) -> bool:
    """Whether a failed node stops the run: it does unless continue_on_failure is on."""
    if view.stopped is not None:
        return view.stopped
    return not view.continue_on_failure and any(
        node.status == NodeState.FAILED for node in view.nodes.values()
    )


def reuse_blocker(
    *,
    deterministic: bool,
    reuse_allowed: bool,
    force_rerun: bool,
    chosen: bool,
    supporting: bool,
) -> str | None:
    """Why a node must not take an earlier result, or None if it may.

    `chosen` is the node a partial run was asked to run again; `supporting` a node a
    partial run only leans on, which must never be recomputed when a result exists.
    """
    if supporting:
        return None
    if not deterministic:
        return "not_deterministic"
    if not reuse_allowed:
        return "disabled"
    if force_rerun:
        return "force_rerun"
    if chosen:
        return "selected"
    return None


class Cause(StrEnum):
    FAILED = "failed"  # the step ran and failed (an error, a timeout, a crash of its own)
    LOST = "lost"  # the worker running it stopped heartbeating


@dataclass(frozen=True)
class RetryPolicy:
    """When an attempt that did not succeed is tried again, and after how long.

    Every attempt counts, however it ended. A step that failed is tried again while its
    attempts stay within `max_retries`; a step whose worker was lost (a killed or
    restarted process, a dead machine) gets `lost_allowance` more attempts, so infra
    trouble does not fail a run but a step that kills its worker cannot loop forever.
    """

    base_backoff_ms: int = 1000
    max_backoff_ms: int = 60_000
    lost_allowance: int = 2

    def retry_in(self, cause: Cause, attempts: int, max_retries: int) -> int | None:
        """Milliseconds to wait before the next attempt, or None to give up."""
        allowed = max_retries + (self.lost_allowance if cause == Cause.LOST else 0)
        if attempts > allowed:
            return None
        if cause == Cause.LOST:
            return 0  # the step did nothing wrong: run it again at once
        return min(self.base_backoff_ms * 2 ** max(attempts - 1, 0), self.max_backoff_ms)

    def give_up_message(self, cause: Cause, attempts: int) -> str:
        if cause == Cause.LOST:
            return (
                f"The worker running this step stopped responding {attempts} time(s); "
                "giving up. The step may be using more memory or CPU than its worker can give."
            )
        return f"Failed after {attempts} attempt(s)."
