"""Real-time endpoints: create, change, list and delete them, and their deployments.

A deployment is a pipeline version (one with Web Service Input and Output, as derived from a
run) or a registered model version, turned into a scoring spec at deploy time (`plans`), as
the deploying user, who must be able to read what it serves. Traffic is a whole percentage
per deployment; an endpoint's add up to 100 (a deployment at 0 answers only requests that
name it). Every change of deployments or traffic counts up the endpoint's `revision`, which
serving processes poll.

An endpoint belongs to a workspace and serves only pipelines and registered models of that
workspace: one of any other, like one that does not exist, is a 404. Its name is unique across
the instance; outside its workspace every lookup answers as for a name nobody took.

Where this process serves (DESIGNER_INFERENCE_WARM, the embedded default), a change starts
the scoring processes of new deployments *before* it is saved (a deployment that does not
load refuses the change, and nothing changes), then switches this process's routes before it
answers. Other serving processes switch within their poll interval, the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from designer.accounts.acting import Action, check, scoped, user_of, workspace_for_new
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem
from designer.models.models import RegisteredModel
from designer.models.services.registry import resolve_version
from designer.pipelines.models import Pipeline
from designer.pipelines.services import ensure_valid, freeze_version, get_pipeline, get_version

from .models import Deployment, InferenceEndpoint
from .plans import Built, model_plan, pipeline_plan
from .serving.hub import get_hub

MAX_DEPLOYMENTS = 10


@dataclass
class Planned:
    """One deployment as it will be saved."""

    name: str
    traffic: int | None
    built: Built | None = None  # None: keep the existing deployment's plan
    target: dict[str, Any] | None = None
    pipeline_version: Any = None
    model_version: Any = None


def list_endpoints(actor) -> QuerySet[InferenceEndpoint]:
    """The endpoints of the actor's workspaces (or of the one the request chose)."""
    endpoints = InferenceEndpoint.objects.select_related("workspace")
    return scoped(actor, endpoints.prefetch_related("deployments"))


def get_endpoint(actor, name: str) -> InferenceEndpoint:
    endpoint = (
        InferenceEndpoint.objects.select_related("workspace")
        .prefetch_related("deployments")
        .filter(name=name)
        .first()
    )
    missing = NotFound(f"No real-time endpoint named '{name}'.")
    if endpoint is None:
        raise missing
    try:
        check(actor, Action.VIEW, endpoint)
    except NotFound:
        raise missing from None
    return endpoint


def create_endpoint(
    actor,
    name: str,
    description: str = "",
    deployments: list[dict] | None = None,
    workspace: str | None = None,
) -> InferenceEndpoint:
    """A new endpoint serving `deployments` (possibly none yet), in `workspace` (a name) or
    the request's."""
    home = workspace_for_new(actor, workspace)
    problem = name_problem(name)
    if problem:
        raise InvalidInput(f"Endpoint {problem}.", code="bad_name", field="name")
    if InferenceEndpoint.objects.filter(name=name).exists():
        raise Conflict(
            f"A real-time endpoint named '{name}' exists already.", code="duplicate_name"
        )
    planned = [_planned(actor, home, item) for item in deployments or []]
    _settle_traffic(planned)
    with _prepared(planned):
        try:
            with transaction.atomic():
                endpoint = InferenceEndpoint.objects.create(
                    workspace=home, name=name, description=description, created_by=user_of(actor)
                )
                _save(actor, endpoint, planned, {})
        except IntegrityError as exc:
            raise Conflict(f"A real-time endpoint named '{name}' was just created.") from exc
        _switch(name)
    return get_endpoint(actor, name)


def update_endpoint(
    actor,
    name: str,
    description: str | None = None,
    deployments: list[dict] | None = None,
    traffic: dict[str, int] | None = None,
) -> InferenceEndpoint:
    """Change the description, replace the deployments, or move traffic between them."""
    endpoint = get_endpoint(actor, name)
    check(actor, Action.EDIT, endpoint)
    existing = {d.name: d for d in endpoint.deployments.all()}
    if deployments is not None:
        planned = [_planned(actor, endpoint.workspace, item, existing) for item in deployments]
    else:
        planned = [Planned(d.name, d.traffic) for d in existing.values()]
    if traffic is not None:
        _apply_traffic(planned, traffic)
    _settle_traffic(planned)
    changes = deployments is not None or traffic is not None
    with _prepared(planned):
        with transaction.atomic():
            locked = InferenceEndpoint.objects.select_for_update().get(pk=endpoint.pk)
            if description is not None:
                locked.description = description
            if changes:
                locked.revision += 1
                # Read again under the lock: a change saved meanwhile is what we build on.
                current = {d.name: d for d in Deployment.objects.filter(endpoint=locked)}
                Deployment.objects.filter(endpoint=locked).delete()
                _save(actor, locked, planned, current)
            locked.save()
        if changes:
            _switch(name)
    return get_endpoint(actor, name)


def delete_endpoint(actor, name: str) -> None:
    endpoint = get_endpoint(actor, name)
    check(actor, Action.EDIT, endpoint)
    endpoint.delete()
    _switch(name)


def primary(endpoint: InferenceEndpoint) -> Deployment | None:
    """The deployment with the most traffic (the first on a tie): whose schema is shown."""
    deployments = list(endpoint.deployments.all())
    if not deployments:
        return None
    return max(deployments, key=lambda d: (d.traffic, -d.position))


def _planned(
    actor, workspace, item: dict, existing: dict[str, Deployment] | None = None
) -> Planned:
    name = item["name"]
    problem = name_problem(name)
    if problem:
        raise InvalidInput(f"Deployment {problem}.", code="bad_name", deployment=name)
    pipeline, model = item.get("pipeline"), item.get("model")
    if pipeline is not None and model is not None:
        raise InvalidInput(
            f"Deployment '{name}' names both a pipeline and a model; give one.",
            code="bad_deployment",
            deployment=name,
        )
    if pipeline is not None:
        return _pipeline_deployment(actor, workspace, name, item)
    if model is not None:
        return _model_deployment(actor, workspace, name, item)
    if existing and name in existing:
        return Planned(name, item.get("traffic", existing[name].traffic))
    raise InvalidInput(
        f"Deployment '{name}' needs a pipeline (and pipeline_version) or a model to serve.",
        code="bad_deployment",
        deployment=name,
    )


def _pipeline_deployment(actor, workspace, name: str, item: dict) -> Planned:
    if not Pipeline.objects.filter(pk=item["pipeline"], workspace=workspace).exists():
        raise NotFound(
            f"Deployment '{name}': no pipeline {item['pipeline']} in workspace "
            f"'{workspace.name}', the endpoint's.",
            deployment=name,
        )
    pipeline = get_pipeline(actor, item["pipeline"])
    number = item.get("pipeline_version")
    if number is None:
        ensure_valid(pipeline.graph, pipeline.parameters)
        with transaction.atomic():
            version = freeze_version(pipeline, created_by=user_of(actor))
    else:
        version = get_version(actor, pipeline.pk, number)
    built = _named(name, lambda: pipeline_plan(actor, version))
    target = {
        "kind": "pipeline",
        "pipeline": pipeline.pk,
        "pipeline_name": pipeline.name,
        "version": version.number,
    }
    return Planned(name, item.get("traffic"), built, target, pipeline_version=version)


def _model_deployment(actor, workspace, name: str, item: dict) -> Planned:
    model = item["model"]
    if not RegisteredModel.objects.filter(name=model["name"], workspace=workspace).exists():
        raise NotFound(
            f"Deployment '{name}': no registered model named '{model['name']}' in workspace "
            f"'{workspace.name}', the endpoint's.",
            deployment=name,
        )
    version = resolve_version(actor, model["name"], str(model.get("version") or "latest"))
    built = _named(name, lambda: model_plan(actor, version))
    target = {"kind": "model", "name": version.model.name, "version": version.number}
    return Planned(name, item.get("traffic"), built, target, model_version=version)


def _named(deployment: str, build) -> Built:
    """Build a plan; a refusal says which deployment it is about."""
    try:
        return build()
    except InvalidInput as exc:
        exc.message = f"Deployment '{deployment}': {exc.message}"
        exc.extra.setdefault("deployment", deployment)
        raise


def _apply_traffic(planned: list[Planned], traffic: dict[str, int]) -> None:
    names = {p.name for p in planned}
    unknown = sorted(set(traffic) - names)
    if unknown:
        raise InvalidInput(
            f"No deployment '{unknown[0]}' to send traffic to; the deployments are: "
            f"{', '.join(sorted(names)) or 'none'}.",
            code="unknown_deployment",
            deployment=unknown[0],
        )
    for item in planned:
        item.traffic = traffic.get(item.name, 0)


def _settle_traffic(planned: list[Planned]) -> None:
    """Fill in unset traffic (all of it to the first deployment when none is set) and check
    the names, the count and the total."""
    if len(planned) > MAX_DEPLOYMENTS:
        raise InvalidInput(f"An endpoint has at most {MAX_DEPLOYMENTS} deployments.")
    names = [p.name for p in planned]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InvalidInput(
            f"Deployment '{twice[0]}' is named twice.", code="duplicate_name", deployment=twice[0]
        )
    if planned and all(p.traffic is None for p in planned):
        planned[0].traffic = 100
    for item in planned:
        item.traffic = item.traffic or 0
    total = sum(p.traffic or 0 for p in planned)
    if planned and total != 100:
        shares = ", ".join(f"{p.name} {p.traffic}" for p in planned)
        raise InvalidInput(
            f"Traffic must add up to 100 percent; it adds up to {total} ({shares}).",
            code="bad_traffic",
        )


def _save(actor, endpoint, planned: list[Planned], existing: dict[str, Deployment]) -> None:
    for position, item in enumerate(planned):
        if item.built is None:
            kept = existing.get(item.name)
            if kept is None:
                raise Conflict(
                    f"Deployment '{item.name}' was removed meanwhile; send its pipeline or "
                    "model again.",
                    deployment=item.name,
                )
            kept.pk = None  # saved again as a new row of the new revision
            kept.endpoint = endpoint
            kept.position = position
            kept.traffic = item.traffic or 0
            kept.save()
            continue
        Deployment.objects.create(
            endpoint=endpoint,
            name=item.name,
            position=position,
            traffic=item.traffic or 0,
            pipeline_version=item.pipeline_version,
            model_version=item.model_version,
            target=item.target or {},
            spec=item.built.spec,
            key=item.built.key,
            input_schema=item.built.input_schema,
            sources=item.built.sources,
            artifacts=item.built.artifacts,
            created_by=user_of(actor),
        )


class _prepared:
    """Start the scoring processes of new plans before saving, where this process serves."""

    def __init__(self, planned: list[Planned]) -> None:
        self.plans = [(p.built.key, p.built.spec) for p in planned if p.built is not None]
        self.keys: list[str] = []

    def __enter__(self) -> _prepared:
        if settings.DESIGNER_INFERENCE_WARM and self.plans:
            hub = get_hub()
            self.keys = hub.call(hub.prepare(self.plans))
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.keys:
            hub = get_hub()
            hub.call(_release(hub, self.keys))


async def _release(hub, keys: list[str]) -> None:
    hub.release(keys)


def _switch(name: str) -> None:
    """Serve the saved change in this process now (others poll for it)."""
    if settings.DESIGNER_INFERENCE_WARM:
        hub = get_hub()
        hub.call(hub.reload(name))
