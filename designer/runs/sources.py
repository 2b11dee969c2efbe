"""Source nodes: nodes whose output is an existing artifact, bound when a run starts.

A registered dataset or a registered model enters a pipeline as a node of its own (the
`dataset` and `registered_model` components). Nothing executes for it: when a run is
created, the app that owns the name resolves the node's parameters (`"latest"` or an alias
becomes a version number) and answers with the artifact to use. The node run is created
already `completed`, its outputs are that artifact, and what it was bound to is kept on the
node run. The version used is therefore recorded on the run, and the downstream cache keys
see the artifact's content digest, so step reuse stays exact.

Apps above `runs` (datasets, models) register a binder per component name at start-up;
this module only keeps the table, so `runs` never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from designer.errors import DomainError, GraphInvalid


@dataclass(frozen=True)
class Bound:
    """What a source node resolved to."""

    # The node's parameters as run: "latest" or an alias replaced by the version used.
    params: dict[str, Any]
    # Output port -> artifact id.
    outputs: dict[str, int]
    # What it was bound to, for people and lineage: {"kind", "name", "version", "digest"}.
    source: dict[str, Any]


# (acting user, resolved parameters, the pipeline's workspace id) -> Bound; raises a
# DomainError for a name or version that does not exist, that the user may not read, or that
# belongs to another workspace than the pipeline's.
Binder = Callable[[Any, dict[str, Any], int | None], Bound]

_binders: dict[str, Binder] = {}


def register(component_name: str, binder: Binder) -> None:
    _binders[component_name] = binder


def is_source(component_ref: str) -> bool:
    return component_ref.partition("@")[0] in _binders


def bind(
    actor,
    node_id: str,
    component_ref: str,
    params: dict[str, Any],
    workspace_id: int | None = None,
) -> Bound:
    """Resolve one source node for a pipeline of workspace `workspace_id`, or refuse the run
    naming the node and what is wrong."""
    binder = _binders[component_ref.partition("@")[0]]
    try:
        return binder(actor, params, workspace_id)
    except DomainError as exc:
        raise GraphInvalid(
            [
                {
                    "node": node_id,
                    "port": None,
                    "param": "name",
                    "code": exc.code,
                    "message": f"Node {node_id}: {exc.message}",
                }
            ]
        ) from exc
