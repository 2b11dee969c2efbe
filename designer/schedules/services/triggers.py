"""Create, list, change and delete data triggers.

A trigger watches a folder inside the data roots and calls an endpoint with the files that
changed. Its snapshot (the cursor) is taken when it is created, resumed or re-pointed, so it
never fires for files that were there before.
"""

from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from designer.accounts.acting import Action, check, scoped, user_of
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem

from .. import watching
from ..models import Trigger
from .calls import check_parameters, find_endpoint, find_version

WATCH = ("path", "glob", "recursive")
EDITABLE = (
    *WATCH,
    "name",
    "endpoint",
    "version",
    "datastore",
    "debounce_seconds",
    "paths_parameter",
    "parameters",
    "experiment",
    "paused",
)


def list_triggers(actor, endpoint: str | None = None) -> QuerySet[Trigger]:
    """The triggers of the actor's workspaces (their endpoints'), or of the chosen one."""
    triggers = scoped(
        actor, Trigger.objects.select_related("endpoint__workspace"), "endpoint__workspace"
    )
    return triggers.filter(endpoint__name=endpoint) if endpoint else triggers


def get_trigger(actor, pk: int) -> Trigger:
    """Trigger `pk`; outside its endpoint's workspace, the same 404 as for an id never used."""
    trigger = Trigger.objects.select_related("endpoint__workspace").filter(pk=pk).first()
    missing = NotFound(f"No trigger {pk}.")
    if trigger is None:
        raise missing
    try:
        check(actor, Action.VIEW, trigger)
    except NotFound:
        raise missing from None
    return trigger


def create_trigger(
    actor, *, name: str, endpoint: str, path: str, paths_parameter: str, **values: Any
) -> Trigger:
    """A new trigger; files already in the folder are its starting snapshot, not changes."""
    check(actor, Action.EDIT)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Unknown trigger field(s): {', '.join(sorted(unknown))}.")
    trigger = Trigger(created_by=user_of(actor))
    fields = {"name": name, "endpoint": endpoint, "path": path, "paths_parameter": paths_parameter}
    _apply(actor, trigger, {"glob": "*", "recursive": False, **fields, **values})
    try:
        trigger.save()
    except IntegrityError as exc:
        raise Conflict(f"A trigger named '{name}' exists already.", field="name") from exc
    return trigger


def update_trigger(actor, pk: int, **values: Any) -> Trigger:
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise InvalidInput(f"Cannot change {', '.join(sorted(unknown))} of a trigger.")
    with transaction.atomic():
        trigger = get_trigger(actor, pk)
        check(actor, Action.EDIT, trigger)
        trigger = Trigger.objects.select_for_update().select_related("endpoint").get(pk=pk)
        _apply(actor, trigger, values)
        try:
            with transaction.atomic():
                trigger.save()
        except IntegrityError as exc:
            raise Conflict("Another trigger has that name.", field="name") from exc
    return trigger


def delete_trigger(actor, pk: int) -> None:
    """Remove the trigger and its firings; the runs it started stay."""
    trigger = get_trigger(actor, pk)
    check(actor, Action.EDIT, trigger)
    trigger.delete()


def _apply(actor: Any, trigger: Trigger, values: dict[str, Any]) -> None:
    if "name" in values:
        problem = name_problem(values["name"])
        if problem:
            raise InvalidInput(f"name: trigger {problem}.", code="bad_name", field="name")
        trigger.name = values["name"]
    if values.get("datastore") is not None:
        raise InvalidInput(
            "datastore: datastores are not available yet; leave it null and give a path.",
            field="datastore",
        )
    if "debounce_seconds" in values:
        trigger.debounce_seconds = _seconds(values["debounce_seconds"])
    if "experiment" in values:
        trigger.experiment = values["experiment"] or ""
    _apply_call(actor, trigger, values)
    resumed = "paused" in values and trigger.paused and not values["paused"]
    if "paused" in values:
        trigger.paused = bool(values["paused"])
    if set(WATCH) & set(values) or resumed:
        _apply_watch(trigger, values)


def _apply_call(actor: Any, trigger: Trigger, values: dict[str, Any]) -> None:
    if "endpoint" in values:
        trigger.endpoint = find_endpoint(actor, values["endpoint"])
    for key in ("version", "paths_parameter"):
        if key in values:
            setattr(trigger, key, values[key])
    if "parameters" in values:
        trigger.parameters = values["parameters"] if values["parameters"] is not None else {}
    if {"endpoint", "version", "parameters", "paths_parameter"} & set(values):
        version = find_version(trigger.endpoint, trigger.version)
        definition = (version.pipeline_version.parameters or {}).get(trigger.paths_parameter)
        if definition is None or definition.get("type", "string") != "string":
            raise InvalidInput(
                f"paths_parameter: the pipeline has no string parameter "
                f"'{trigger.paths_parameter}' to receive the changed paths.",
                field="paths_parameter",
            )
        if trigger.paths_parameter in trigger.parameters:
            raise InvalidInput(
                f"parameters: '{trigger.paths_parameter}' is filled with the changed paths; "
                f"leave it out.",
                field="parameters",
            )
        check_parameters(version, {**trigger.parameters, trigger.paths_parameter: "[]"})


def _apply_watch(trigger: Trigger, values: dict[str, Any]) -> None:
    """Check where to look, and take the snapshot later changes are measured from."""
    roots = settings.DESIGNER_DATA_ROOTS
    try:
        if "path" in values:
            trigger.path = str(watching.resolve_folder(values["path"], roots))
        if "glob" in values:
            trigger.glob = watching.check_glob(values["glob"])
    except ValueError as exc:
        raise InvalidInput(str(exc), code="bad_path", field=str(exc).split(":")[0]) from None
    if "recursive" in values:
        trigger.recursive = bool(values["recursive"])
    trigger.snapshot = watching.list_files(trigger.path, trigger.glob, trigger.recursive, roots)
    trigger.pending, trigger.pending_since = {}, None


def _seconds(value: Any) -> int:
    if type(value) is not int or value < 0:
        raise InvalidInput(
            "debounce_seconds: a whole number of seconds ≥ 0.", field="debounce_seconds"
        )
    return value
