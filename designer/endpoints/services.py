"""Publish pipelines as endpoints, manage them, and run them.

Publishing freezes the pipeline's draft (or finds the identical version) and adds it to
the named endpoint as its next version; the first version becomes the default. A call runs
the default version, or a numbered one, with values for that version's pipeline
parameters only.

An endpoint belongs to the workspace of the pipeline first published to it, and takes new
versions only from pipelines of that workspace. Endpoint names are unique across the instance:
to someone outside the endpoint's workspace a taken name is a neutral 409 (`name_taken`), as
creating it would be, and every lookup answers exactly as for a name that does not exist.
"""

from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, QuerySet

from designer.accounts.acting import SYSTEM, Action, check, roles_of, scoped, user_of
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem
from designer.pipelines.services import ensure_valid, freeze_version, get_pipeline
from designer.runs import orchestrator
from designer.runs.models import Run

from .models import Endpoint, EndpointVersion

EDITABLE = ("description", "enabled", "default_version")


def publish(actor, pipeline_id: int, name: str, description: str = "") -> EndpointVersion:
    """Add the pipeline as it is now to endpoint `name` (created on first publish)."""
    problem = name_problem(name)
    if problem:
        raise InvalidInput(f"Endpoint {problem}.", code="bad_name")
    pipeline = get_pipeline(actor, pipeline_id, Action.EDIT)
    ensure_valid(pipeline.graph, pipeline.parameters)
    try:
        with transaction.atomic():
            return _publish(actor, pipeline, name, description)
    except IntegrityError as exc:  # two first publishes of one name at once
        raise Conflict(f"Endpoint '{name}' was just created; publish again.") from exc


def _publish(actor, pipeline, name: str, description: str) -> EndpointVersion:
    endpoint, created = Endpoint.objects.select_for_update().get_or_create(
        name=name,
        defaults={
            "workspace_id": pipeline.workspace_id,
            "description": description,
            "created_by": user_of(actor),
        },
    )
    if not created:
        _may_add_to(actor, endpoint, pipeline)
    last = endpoint.versions.aggregate(n=Max("number"))["n"] or 0
    version = EndpointVersion.objects.create(
        endpoint=endpoint,
        number=last + 1,
        pipeline_version=freeze_version(pipeline, created_by=user_of(actor)),
        description=description,
        created_by=user_of(actor),
    )
    if endpoint.default_version_id is None:
        endpoint.default_version = version
        endpoint.save(update_fields=["default_version", "updated_at"])
    return version


def _may_add_to(actor, endpoint: Endpoint, pipeline) -> None:
    """A new version of an existing endpoint: the publisher edits it, from its own workspace."""
    if actor is not SYSTEM and endpoint.workspace_id not in roles_of(actor):
        raise Conflict(
            f"The endpoint name '{endpoint.name}' is taken; publish under another name.",
            code="name_taken",
            field="endpoint",
        )
    check(actor, Action.EDIT, endpoint)
    if endpoint.workspace_id != pipeline.workspace_id:
        raise Conflict(
            f"Endpoint '{endpoint.name}' belongs to workspace '{endpoint.workspace.name}' and "
            f"takes versions of its pipelines only; this pipeline is in "
            f"'{pipeline.workspace.name}'. Publish it under another name.",
            code="other_workspace",
            field="endpoint",
        )


def list_endpoints(actor) -> QuerySet[Endpoint]:
    """The endpoints of the actor's workspaces (or of the one the request chose)."""
    return scoped(actor, Endpoint.objects.select_related("default_version", "workspace"))


def get_endpoint(actor, name: str) -> Endpoint:
    """Endpoint `name`; outside its workspace, the same 404 as for a name nobody took."""
    endpoint = (
        Endpoint.objects.select_related("default_version", "workspace").filter(name=name).first()
    )
    missing = NotFound(f"No endpoint named '{name}'.")
    if endpoint is None:
        raise missing
    try:
        check(actor, Action.VIEW, endpoint)
    except NotFound:
        raise missing from None
    return endpoint


def update_endpoint(actor, name: str, **values: Any) -> Endpoint:
    """Change the description, enable or disable, or switch the default version."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))} of an endpoint.")
    with transaction.atomic():
        endpoint = get_endpoint(actor, name)
        check(actor, Action.EDIT, endpoint)
        endpoint = Endpoint.objects.select_for_update().get(pk=endpoint.pk)
        if "default_version" in values:
            endpoint.default_version = version_of(endpoint, values.pop("default_version"))
        for key, value in values.items():
            setattr(endpoint, key, value)
        endpoint.save()
    return endpoint


def get_version(actor, name: str, number: int) -> EndpointVersion:
    return version_of(get_endpoint(actor, name), number)


def version_of(endpoint: Endpoint, number: Any) -> EndpointVersion:
    """Version `number` of the endpoint (404 naming the versions it has)."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise InvalidInput("A version is a whole number, such as 1 or 2.", code="bad_version")
    version = endpoint.versions.select_related("pipeline_version").filter(number=number).first()
    if version is None:
        known = ", ".join(str(n) for n in endpoint.versions.values_list("number", flat=True))
        raise NotFound(
            f"Endpoint '{endpoint.name}' has no version {number}; it has {known or 'none'}."
        )
    return version


def run_endpoint(
    actor,
    name: str,
    number: int | None = None,
    *,
    experiment: str | None = None,
    parameters: dict[str, Any] | None = None,
    force_rerun: bool = False,
    trigger: dict[str, Any] | None = None,
) -> Run:
    """Run an endpoint's default version (or version `number`)."""
    endpoint = get_endpoint(actor, name)
    check(actor, Action.RUN, endpoint)
    if not endpoint.enabled:
        raise Conflict(
            f"Endpoint '{name}' is disabled; enable it (PATCH enabled: true) to run it.",
            code="endpoint_disabled",
        )
    if number is None:
        version = endpoint.default_version
        if version is None:
            raise Conflict(f"Endpoint '{name}' has no default version.", code="no_default")
    else:
        version = version_of(endpoint, number)
    return orchestrator.start_run(
        actor,
        version.pipeline_version,
        experiment=experiment or endpoint.name,
        parameters=parameters,
        force_rerun=force_rerun,
        # Whatever started the call, the run names the endpoint version that really ran.
        trigger={
            "kind": "endpoint",
            **(trigger or {}),
            "endpoint": endpoint.name,
            "version": version.number,
        },
    )
