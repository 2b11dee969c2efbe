"""Pipeline services: list, create, update with optimistic locking, clone, import, validate, freeze,
and the sample pipelines a new pipeline may start from.

Validation itself is the kernel's (`designer.kernel.graph`); this module feeds it the
registry and turns its findings into domain errors.
"""

from collections import Counter
from typing import Any

from django.db import transaction
from django.db.models import F, Max, ProtectedError, QuerySet
from django.db.models.functions import Lower

from designer.accounts.acting import Action, check, scoped, user_of, workspace_for_new
from designer.errors import Conflict, GraphInvalid, InvalidInput, NotFound
from designer.kernel.caching import version_digest
from designer.kernel.graph import validate_graph
from designer.kernel.planning import bypass_disabled
from designer.keyset import Keyset
from designer.registry.services import refs_of, resolver

from . import samples, yaml_io
from .models import Pipeline, PipelineVersion, empty_graph

EDITABLE = ("name", "description", "graph", "parameters", "default_compute")
MAX_NODES = 5000
ORDERINGS = ("-updated_at", "updated_at", "name", "-name")
NAME_LENGTH = Pipeline._meta.get_field("name").max_length


def list_pipelines(actor, search: str = "", ordering: str = "") -> QuerySet[Pipeline]:
    """Pipelines whose name contains `search`, most recently changed first unless told."""
    check(actor, Action.VIEW)
    order = list_order(ordering)
    qs = scoped(actor, Pipeline.objects.select_related("workspace"))
    if search.strip():
        qs = qs.filter(name__icontains=search.strip())
    keys = [F(k) if isinstance(k, str) else k for k in order.keys]
    return qs.order_by(*[k.desc() if order.descending else k.asc() for k in keys])


def list_order(ordering: str = "") -> Keyset:
    """The paging order of `?ordering=` (one of ORDERINGS): ties broken by id, so paging
    through equal names or times never repeats or skips a row."""
    ordering = ordering or ORDERINGS[0]
    if ordering not in ORDERINGS:
        raise InvalidInput(
            f"Unknown ordering '{ordering}'; use one of {', '.join(ORDERINGS)}.",
            code="invalid_ordering",
        )
    descending, field = ordering.startswith("-"), ordering.lstrip("-")
    # Names sort as people read them (alpha, Beta, gamma), whatever the database's collation.
    key = Lower("name") if field == "name" else field
    return Keyset(f"pipelines:{ordering}", (key, "id"), descending)


def get_pipeline(actor, pipeline_id: int, action: Action = Action.VIEW) -> Pipeline:
    pipeline = Pipeline.objects.select_related("workspace").filter(pk=pipeline_id).first()
    if pipeline is None:
        raise NotFound(f"No pipeline {pipeline_id}.")
    check(actor, action, pipeline)
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


def create_pipeline(actor, workspace: str | None = None, **values: Any) -> Pipeline:
    """A new pipeline in `workspace` (a name; else the request's or the actor's default)."""
    where = workspace_for_new(actor, workspace)
    values = {k: v for k, v in values.items() if k in EDITABLE and v is not None}
    values.setdefault("graph", empty_graph())
    _check_shape(values)
    return Pipeline.objects.create(owner=user_of(actor), workspace=where, **values)


def update_pipeline(actor, pipeline_id: int, revision: int | None, **values: Any) -> Pipeline:
    """Apply an edit made from `revision`; a stale revision is a conflict, nothing is lost."""
    current = get_pipeline(actor, pipeline_id, Action.EDIT)
    moved = values.get("workspace")
    if moved and moved != current.workspace.name:
        raise InvalidInput(
            "A pipeline stays in the workspace it was made in; clone it into the other one.",
            code="workspace_fixed",
        )
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
        pipeline = get_pipeline(actor, pipeline_id)
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


def clone_pipeline(
    actor, pipeline_id: int, name: str | None = None, workspace: str | None = None
) -> Pipeline:
    """A new pipeline (revision 1) with the graph, parameters and settings of another, in
    `workspace` if named, else where new pipelines of the request go."""
    source = get_pipeline(actor, pipeline_id)
    if name is None:
        name = f"Copy of {source.name}"[:NAME_LENGTH]
    return create_pipeline(
        actor,
        workspace,
        name=name,
        description=source.description,
        graph=source.graph,
        parameters=source.parameters,
        default_compute=source.default_compute,
    )


def list_samples(actor) -> list[samples.Sample]:
    """The sample pipelines, in gallery order."""
    check(actor, Action.VIEW)
    return samples.list_samples()


def clone_sample(
    actor, key: str, name: str | None = None, workspace: str | None = None
) -> Pipeline:
    """A new pipeline (revision 1) with a sample's graph, parameters and description."""
    check(actor, Action.VIEW)
    sample = samples.get_sample(key)
    if sample is None:
        known = ", ".join(s.key for s in samples.list_samples())
        raise NotFound(f"No sample pipeline '{key}'; the samples are: {known}.")
    return create_pipeline(
        actor,
        workspace,
        name=name or sample.name,
        description=sample.description,
        graph=sample.graph,
        parameters=sample.parameters,
    )


def export_pipeline(actor, pipeline_id: int) -> tuple[Pipeline, str]:
    """The pipeline and its YAML document."""
    pipeline = get_pipeline(actor, pipeline_id)
    return pipeline, yaml_io.export_yaml(pipeline)


def import_pipeline(actor, text: str | bytes, workspace: str | None = None) -> Pipeline:
    """A new pipeline from a YAML document; its graph may still need fixing (validate it)."""
    values = yaml_io.import_yaml(text)
    if len(values["name"]) > NAME_LENGTH:
        raise InvalidInput(f"The name is longer than {NAME_LENGTH} characters.", code="too_long")
    return create_pipeline(actor, workspace, **values)


def delete_pipeline(actor, pipeline_id: int) -> None:
    """Delete a pipeline and its versions; 409 while runs or endpoints still use a version.

    Runs keep the version they ran (their history and reuse depend on it), so a pipeline
    with runs stays: refusing is clearer than deleting run history as a side effect."""
    pipeline = get_pipeline(actor, pipeline_id, Action.EDIT)
    try:
        with transaction.atomic():
            pipeline.delete()
    except ProtectedError as exc:
        raise Conflict(
            f"Pipeline '{pipeline.name}' cannot be deleted: it has "
            f"{_count_of(exc.protected_objects)}, which keep its versions and their history. "
            "Keep it, renamed if you want to mark it as retired.",
            code="pipeline_in_use",
        ) from exc


def _count_of(objects: Any) -> str:
    """'3 runs and 1 endpoint version': what protects a pipeline, counted by kind."""
    counts = Counter(type(obj)._meta for obj in objects)
    parts = [
        f"{n} {meta.verbose_name if n == 1 else meta.verbose_name_plural}"
        for meta, n in counts.items()
    ]
    return " and ".join(parts)


def check_graph(graph: Any, parameters: Any, workspace: int | None = None) -> list[dict[str, Any]]:
    """Every problem of a graph as `{node, port, param, code, message}` dicts.

    A graph with disabled nodes is checked again as it will run (disabled nodes bypassed),
    so an input left without data by a bypass is reported too. With `workspace` (the
    pipeline's), another workspace's components are unknown.
    """
    resolve = resolver(workspace=workspace, refs=refs_of(graph))
    parameters = parameters if parameters is not None else {}
    issues = [issue.to_dict() for issue in validate_graph(graph, resolve, parameters)]
    if issues or not any(n.get("disabled") for n in graph.get("nodes", [])):
        return issues
    effective = bypass_disabled(graph, resolve)
    return [
        {**issue.to_dict(), "message": f"{issue.message} (a disabled node passes nothing on here)"}
        for issue in validate_graph(effective, resolve, parameters)
    ]


def ensure_valid(graph: Any, parameters: Any, workspace: int | None = None) -> None:
    errors = check_graph(graph, parameters, workspace)
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


def freeze_version(pipeline: Pipeline, created_by=None) -> PipelineVersion:
    """The version holding the pipeline as it is now: an existing one with the same content,
    or a new one numbered after the last. Call inside the submitting transaction.

    The pipeline's row lock makes concurrent submits look up and number one after the
    other (on SQLite, writers are already serialized by BEGIN IMMEDIATE)."""
    Pipeline.objects.select_for_update().filter(pk=pipeline.pk).values_list("pk").first()
    digest = version_digest(pipeline.graph, pipeline.parameters, pipeline.default_compute)
    existing = pipeline.versions.filter(digest=digest).order_by("-number").first()
    if existing is not None:
        return existing
    last = pipeline.versions.aggregate(n=Max("number"))["n"] or 0
    return PipelineVersion.objects.create(
        pipeline=pipeline,
        number=last + 1,
        digest=digest,
        graph=pipeline.graph,
        parameters=pipeline.parameters,
        default_compute=pipeline.default_compute,
        created_by=created_by,
    )


def list_versions(actor, pipeline_id: int) -> QuerySet[PipelineVersion]:
    """A pipeline's frozen versions, newest first."""
    return (
        get_pipeline(actor, pipeline_id).versions.select_related("created_by").order_by("-number")
    )


def get_version(actor, pipeline_id: int, number: int) -> PipelineVersion:
    version = get_pipeline(actor, pipeline_id).versions.filter(number=number).first()
    if version is None:
        raise NotFound(f"Pipeline {pipeline_id} has no version {number}.")
    return version


def pipelines_using(actor, ref: str) -> list[dict]:
    """`[{id, name, nodes}]`: pipelines `actor` sees whose graph has a node of component `ref`."""
    found = []
    # A cheap text match first, so only candidate graphs are decoded and walked.
    mine = scoped(actor, Pipeline.objects.all())
    candidates = mine.filter(graph__nodes__icontains=ref).only("id", "name", "graph")
    for pipeline in candidates.iterator():
        nodes = [n.get("id") for n in pipeline.graph.get("nodes", []) if n.get("component") == ref]
        if nodes:
            found.append({"id": pipeline.pk, "name": pipeline.name, "nodes": nodes})
    return found
