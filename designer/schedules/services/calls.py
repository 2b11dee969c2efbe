"""What a schedule or trigger calls: its endpoint, the version, the parameter values, and the
run it starts through the endpoint's own `run_endpoint`, as its creator (or the system).

Schedules and triggers belong to their endpoint's workspace: whoever edits the endpoint may
make, change and delete them, and its readers see them.
"""

from typing import Any

from designer.accounts.acting import SYSTEM, Action, can, check
from designer.endpoints.models import Endpoint, EndpointVersion
from designer.endpoints.services import run_endpoint, version_of
from designer.errors import GraphInvalid, InvalidInput, NotFound
from designer.runs.models import Run
from designer.runs.parameters import resolve_run_parameters


def find_endpoint(actor: Any, name: Any) -> Endpoint:
    """The endpoint to call, which `actor` must be able to edit; outside its workspace it is
    missing, as a name nobody took."""
    if not isinstance(name, str) or not name:
        raise InvalidInput("endpoint: give the name of a published endpoint.", field="endpoint")
    endpoint = Endpoint.objects.select_related("default_version").filter(name=name).first()
    if endpoint is None or not can(actor, Action.VIEW, endpoint):
        raise NotFound(f"No endpoint named '{name}'.", field="endpoint")
    check(actor, Action.EDIT, endpoint)
    return endpoint


def find_version(endpoint: Endpoint, number: int | None) -> EndpointVersion:
    """The numbered version, or the default one when `number` is None (400 when missing)."""
    if number is None:
        if endpoint.default_version_id is None:
            raise InvalidInput(
                f"version: endpoint '{endpoint.name}' has no default version; give one.",
                field="version",
            )
        number = endpoint.default_version.number
    try:
        return version_of(endpoint, number)
    except NotFound as exc:
        raise InvalidInput(f"version: {exc.message}", field="version") from exc


def check_parameters(version: EndpointVersion, parameters: Any) -> dict[str, Any]:
    """The values, if the version's pipeline takes them; a 400 naming the unknown or wrong one."""
    if not isinstance(parameters, dict):
        raise InvalidInput("parameters: must be an object of name → value.", field="parameters")
    try:
        resolve_run_parameters(version.pipeline_version.parameters or {}, parameters)
    except GraphInvalid as exc:
        raise InvalidInput(
            f"parameters: {exc.message}",
            code="bad_parameters",
            field="parameters",
            errors=exc.extra.get("errors", []),
        ) from exc
    return parameters


def acting_as(owner: Any) -> Any:
    """Who a firing of a schedule or trigger acts as: its creator, or the system once they are
    gone, deleted or no longer a contributor of the endpoint's workspace. The schedule is the
    workspace's, not theirs: it keeps firing after they leave, its runs then submitted by no one.
    """
    creator = owner.created_by if owner.created_by_id is not None else None
    if creator is not None and can(creator, Action.RUN, owner.endpoint):
        return creator
    return SYSTEM


def start_call(
    actor: Any,
    endpoint: Endpoint,
    number: int | None,
    *,
    parameters: dict[str, Any],
    experiment: str,
    trigger: dict[str, Any],
) -> Run:
    """Run the endpoint version (the default when `number` is None); refusals raise DomainError.
    The run's trigger names the version that really ran (`run_endpoint` fills it in)."""
    return run_endpoint(
        actor,
        endpoint.name,
        number,
        experiment=experiment or None,
        parameters=parameters,
        trigger=trigger,
    )
