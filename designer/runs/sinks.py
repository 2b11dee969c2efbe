"""Sink nodes: nodes whose output the server records somewhere once their step has run.

The mirror of `sources.py`. A step reaches neither the database nor a datastore's
credentials, so a component whose point is to record its rows (Register Dataset) executes
like any other step, and the app that owns what it records is called by the worker after the
step's outputs are stored and before its node run is recorded completed
(`execution.lifecycle.finish_node_run`):

- the handler runs outside any transaction, since it may write a large file to a datastore,
  and acts as the run's creator (the system for a run nobody started by hand);
- a refusal fails the node run with the handler's message, so a completed sink node always
  means its rows were recorded, and a failed one that they were not (or not all of it: a
  datastore file may have been written before the registration was refused);
- a worker lost between the handler and the completion runs the step again and the handler
  sees the same content once more, so a handler must be idempotent (a dataset does not get a
  second version of the content its newest version holds); however long a handler takes,
  the worker keeps the node run's lease meanwhile (`execution.lifecycle.kept_alive`);
- a node run canceled while its output is being recorded stays canceled, though the record
  may have been made.

Apps above `runs` (datasets) register a handler per component name at start-up; this module
only keeps the table, so `runs` never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from designer.accounts.acting import SYSTEM

from .models import NodeRun


@dataclass(frozen=True)
class Completed:
    """A sink node whose step ran: where it ran and what it stored."""

    run: int
    pipeline: int
    node: str
    # The node's parameters as the run resolved them.
    params: dict[str, Any]
    # Output port -> artifact id, as stored from the step.
    outputs: dict[str, int]


# (acting user, what completed) -> a line for the node's log saying what was recorded; raises
# a DomainError (whose message the node run fails with) to refuse.
Handler = Callable[[Any, Completed], str]

_handlers: dict[str, Handler] = {}


def register(component_name: str, handler: Handler) -> None:
    _handlers[component_name] = handler


def is_sink(component_ref: str) -> bool:
    return component_ref.partition("@")[0] in _handlers


def complete(node_run: NodeRun, outputs: dict[str, int]) -> str:
    """Have a sink node's stored outputs recorded by the app that owns them; returns what was
    recorded, for the node's log."""
    handler = _handlers[node_run.component.name]
    run = node_run.run
    actor = run.created_by if run.created_by_id is not None else SYSTEM
    completed = Completed(
        run=run.pk,
        pipeline=run.pipeline_id,
        node=node_run.node_id,
        params=dict(node_run.params or {}),
        outputs={port: int(artifact) for port, artifact in outputs.items()},
    )
    return handler(actor, completed)
