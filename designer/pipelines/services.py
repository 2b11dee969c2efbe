"""Pipeline services: create, update with optimistic locking, validate, freeze.

Validation itself is the kernel's (`designer.kernel.graph`); this module feeds it the
registry and turns its findings into domain errors.
"""

from typing import Any

from django.db import transaction
from django.db.models import F, Max

from designer.errors import Conflict, GraphInvalid, InvalidInput, NotFound
from designer.kernel.graph import validate_graph
from designer.registry.services import resolver

from .models import Pipeline, PipelineVersion, empty_graph

EDITABLE = ("name", "description", "graph", "parameters", "default_compute")
MAX_NODES = 5000


def get_pipeline(pipeline_id: int) -> Pipeline:
    pipeline = Pipeline.objects.filter(pk=pipeline_id).first()
    if pipeline is None:
        raise NotFound(f"No pipeline {pipeline_id}.")
    return pipeline


def _check_shape(values: dict[str, Any]) -> None:
    graph = values.get("graph")
    if graph is not None:
        if not isinstance(graph, dict):
            raise InvalidInput(
                "graph must be an object with 'nodes' and 'edges'.", code="malformed"
            )
        if len(graph.get("nodes") or []) > MAX_NODES:
            raise InvalidInput(f"A pipeline may have at most {MAX_NODES} nodes.")
    if "parameters" in values and not isinstance(values["parameters"], dict):
        raise InvalidInput("parameters must be an object of name → definition.", code="malformed")
    if "name" in values and not str(values["name"]).strip():
        raise InvalidInput("A pipeline needs a name.", code="blank_name")


def create_pipeline(owner, **values: Any) -> Pipeline:
    values = {k: v for k, v in values.items() if k in EDITABLE and v is not None}
    values.setdefault("graph", empty_graph())
    _check_shape(values)
    return Pipeline.objects.create(owner=owner, **values)


def update_pipeline(pipeline_id: int, revision: int | None, **values: Any) -> Pipeline:
    """Apply an edit made from `revision`; a stale revision is a conflict, nothing is lost."""
    if revision is None:
        raise InvalidInput(
            "Send the 'revision' you edited from, so concurrent edits are not overwritten.",
            code="revision_required",
        )
    values = {k: v for k, v in values.items() if k in EDITABLE}
    _check_shape(values)
    with transaction.atomic():
        updated = Pipeline.objects.filter(pk=pipeline_id, revision=revision).update(
            revision=F("revision") + 1, **values
        )
        pipeline = get_pipeline(pipeline_id)
        if not updated:
            raise Conflict(
                f"This pipeline was changed elsewhere (now at revision {pipeline.revision}, "
                f"you edited revision {revision}). Reload it, or save your draft as a copy.",
                code="stale_revision",
                revision=pipeline.revision,
            )
        # .update() skips auto_now; keep updated_at honest.
        pipeline.save(update_fields=["updated_at"])
    return pipeline


def delete_pipeline(pipeline_id: int) -> None:
    get_pipeline(pipeline_id).delete()


def check_graph(graph: Any, parameters: Any) -> list[dict[str, Any]]:
    """Every problem of a graph as `{node, port, param, code, message}` dicts."""
    issues = validate_graph(graph, resolver(), parameters if parameters is not None else {})
    return [issue.to_dict() for issue in issues]


def ensure_valid(graph: Any, parameters: Any) -> None:
    errors = check_graph(graph, parameters)
    if errors:
        raise GraphInvalid(errors)
    if not graph.get("nodes"):
        raise GraphInvalid(
            [
                {
                    "node": None,
                    "port": None,
                    "param": None,
                    "code": "empty",
                    "message": "The pipeline has no nodes; add a component first.",
                }
            ]
        )


def freeze_version(pipeline: Pipeline) -> PipelineVersion:
    """Snapshot the pipeline as it is now. Call inside the submitting transaction."""
    last = pipeline.versions.aggregate(n=Max("number"))["n"] or 0
    return PipelineVersion.objects.create(
        pipeline=pipeline,
        number=last + 1,
        graph=pipeline.graph,
        parameters=pipeline.parameters,
        default_compute=pipeline.default_compute,
    )
