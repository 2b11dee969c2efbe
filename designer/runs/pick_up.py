"""Picking up from a run: open its frozen version as a new pipeline, or compare it with the
pipeline's current draft.

Both read the run's version, which never changes, so they answer the same for a run still going
as for one long finished. Neither changes the run or its pipeline.
"""

from __future__ import annotations

from typing import Any

from designer.accounts.acting import chosen_workspace
from designer.kernel.graph_diff import compare_graphs
from designer.pipelines.models import Pipeline
from designer.pipelines.services import NAME_LENGTH, create_pipeline

from .queries import get_run


def open_as_pipeline(actor, run_id: int, name: str = "", workspace: str | None = None) -> Pipeline:
    """A new pipeline with the graph the run ran and, as its parameters' defaults, the values
    the run was given: submitting it unchanged runs what that run ran.

    It goes to `workspace` (a name) or the request's chosen one, else the run's own."""
    run = get_run(actor, run_id)
    version = run.version
    title = name.strip() or f"{run.pipeline.name} (run #{run.pk})"
    if not workspace and chosen_workspace(actor) is None:
        workspace = run.pipeline.workspace.name
    return create_pipeline(
        actor,
        workspace,
        name=title[:NAME_LENGTH],
        description=(
            f"Opened from run #{run.pk} of “{run.pipeline.name}” (version {version.number}), "
            "with that run's parameter values as defaults."
        ),
        graph=version.graph,
        parameters=_with_run_values(version.parameters, run.parameters),
        default_compute=version.default_compute,
    )


def _with_run_values(definitions: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The version's parameter definitions, each defaulting to the run's value when it had one."""
    return {
        name: {**definition, "default": values[name]} if name in values else dict(definition)
        for name, definition in definitions.items()
    }


def compare_with_draft(actor, run_id: int) -> dict[str, Any]:
    """How the pipeline's draft differs from the version the run ran: nodes and edges added
    (in the draft only) and removed (in the run only), nodes changed, and pipeline parameters
    whose definition changed. The draft graph comes along, to draw the differences on."""
    run = get_run(actor, run_id)
    version, draft = run.version, run.pipeline
    return {
        "run": run.pk,
        "pipeline": draft.pk,
        "pipeline_name": draft.name,
        "version": version.number,
        "revision": draft.revision,
        "graph": draft.graph,
        **compare_graphs(version.graph, draft.graph, version.parameters, draft.parameters),
    }
