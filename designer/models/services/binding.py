"""The binder of Registered Model nodes: a node's name and version become a stored model.

Registered with `designer.runs.sources` at start-up (`apps.py`), so the engine binds a node
`{"component": "registered_model@...", "params": {"name", "version"}}` when a run starts,
as the user who started it, without `runs` knowing this app. Only a model of the pipeline's
workspace binds: one of another workspace answers as a missing name.
"""

from typing import Any

from designer.errors import InvalidInput
from designer.runs.sources import Bound

from .registry import LATEST, resolve_version

COMPONENT = "registered_model"


def bind_registered_model(actor, params: dict[str, Any], workspace_id: int | None = None) -> Bound:
    """`latest`, a number or `@alias` resolved to the version the run will use; of a model
    of workspace `workspace_id` (the pipeline's), when given."""
    name = str(params.get("name") or "").strip()
    if not name:
        raise InvalidInput("Choose the registered model this node brings in.", code="no_model")
    version = resolve_version(actor, name, str(params.get("version") or LATEST), workspace_id)
    return Bound(
        params={"name": name, "version": str(version.number)},
        outputs={"model": version.artifact_id},
        source={
            "kind": "model",
            "name": name,
            "version": version.number,
            "digest": version.artifact.digest,
        },
    )
