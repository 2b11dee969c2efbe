"""Register a model version: from a node output of a run, or from an uploaded file.

A model is created by its first version, in the workspace the request names (else the chosen
or the actor's default one); later versions need a contributor of the model's workspace.
Version numbers count up per model under a lock on the model's row, so two registrations at
once get two numbers. What a version was made from is
copied onto it here (see `origin.py`); afterwards only its description and tags change.
"""

import tempfile
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from designer.accounts.acting import Action, can, check, user_of, workspace_for_new
from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem
from designer.runs.choices import NODE_SUCCEEDED
from designer.runs.queries import get_run

from ..choices import VersionSource
from ..models import ModelVersion, RegisteredModel
from . import origin, upload
from .registry import clean_tags


def register_from_run(
    actor,
    name: str,
    run_id: int,
    node: str,
    port: str = "model",
    description: str = "",
    tags: Any = None,
    workspace: str | None = None,
) -> ModelVersion:
    """Add the model output `port` of `node` in run `run_id` (a run `actor` may see) as the
    next version of `name`."""
    _check_name(name)
    _check_may_add(actor, name, workspace)
    run = get_run(actor, run_id)
    node_run = run.node_runs.filter(node_id=node).first()
    if node_run is None:
        raise NotFound(f"Run {run_id} has no node '{node}'.")
    if node_run.status not in NODE_SUCCEEDED:
        raise InvalidInput(
            f"Node '{node}' of run {run_id} is {node_run.status}; only a finished node's "
            "output can be registered.",
            code="no_output",
        )
    artifact = _model_output(node_run.outputs or {}, node, port)
    facts = origin.run_facts(run, node_run, artifact)
    return add_version(
        actor,
        name,
        artifact,
        description=description,
        tags=tags,
        source=VersionSource.RUN,
        workspace=workspace,
        port=port,
        **facts,
    )


def register_upload(
    actor, name: str, file, description: str = "", tags: Any = None, workspace: str | None = None
) -> ModelVersion:
    """Add an uploaded pickle as the next version of `name` (it is loaded in a child only)."""
    _check_name(name)
    _check_may_add(actor, name, workspace)
    upload.check_upload(file)
    tags = clean_tags(tags or [])
    with tempfile.TemporaryDirectory(prefix="model-upload-") as folder:
        path = upload.save_upload(file, Path(folder))
        summary = upload.probe(path)
        artifact = ingest(path, "model", summary=summary)
    return add_version(
        actor,
        name,
        artifact,
        description=description,
        tags=tags,
        source=VersionSource.UPLOAD,
        workspace=workspace,
        input_schema=origin.input_schema(summary, {}),
        **origin.summary_facts(summary),
    )


def add_version(
    actor,
    name: str,
    artifact: Artifact,
    *,
    description: str,
    tags: Any,
    workspace: str | None = None,
    **fields: Any,
) -> ModelVersion:
    """The next version of `name`; a first one makes the model in `workspace` (a name; by
    default the request's choice or the actor's default workspace)."""
    check(actor, Action.EDIT)
    tags = clean_tags(tags or [])
    try:
        with transaction.atomic():
            model = RegisteredModel.objects.select_for_update().filter(name=name).first()
            if model is None:
                model = RegisteredModel.objects.create(
                    name=name,
                    workspace=workspace_for_new(actor, workspace),
                    description=description,
                    created_by=user_of(actor),
                )
            else:
                _check_may_add_to(actor, model, workspace)
            last = model.versions.aggregate(n=Max("number"))["n"] or 0
            version = ModelVersion.objects.create(
                model=model,
                number=last + 1,
                artifact=artifact,
                description=description,
                tags=tags,
                created_by=user_of(actor),
                **fields,
            )
            model.save(update_fields=["updated_at"])
    except IntegrityError as exc:  # two first registrations of one name at once
        raise Conflict(f"Model '{name}' was just registered by someone else; try again.") from exc
    return version


def _check_name(name: str) -> None:
    problem = name_problem(name)
    if problem:
        raise InvalidInput(f"Model {problem}.", code="bad_name")


def _check_may_add(actor, name: str, workspace: str | None) -> None:
    """Refuse early, before a run is read or a file probed; `add_version` asks again."""
    check(actor, Action.EDIT)
    model = RegisteredModel.objects.select_related("workspace").filter(name=name).first()
    if model is None:
        workspace_for_new(actor, workspace)
    else:
        _check_may_add_to(actor, model, workspace)


def _check_may_add_to(actor, model: RegisteredModel, workspace: str | None) -> None:
    """Names are unique over the instance: one taken in a workspace the actor is not a
    member of is a conflict, as it is for a model the actor sees."""
    if not can(actor, Action.VIEW, model):
        raise Conflict(
            f"The name '{model.name}' is taken by a model of another workspace; pick another.",
            code="name_taken",
        )
    check(actor, Action.EDIT, model)
    if workspace and model.workspace.name != workspace:
        raise Conflict(
            f"Model '{model.name}' belongs to workspace '{model.workspace.name}', not to "
            f"'{workspace}'; pick another name for a model of that workspace.",
            code="other_workspace",
        )


def _model_output(outputs: dict[str, Any], node: str, port: str) -> Artifact:
    artifact_id = outputs.get(port)
    if artifact_id is None:
        ports = ", ".join(sorted(outputs)) or "none"
        raise InvalidInput(
            f"Node '{node}' has no output '{port}'; its outputs are: {ports}.", code="no_output"
        )
    artifact = Artifact.objects.filter(pk=artifact_id).first()
    if artifact is None:
        raise NotFound(f"The output '{port}' of node '{node}' is no longer stored.")
    if artifact.kind != "model":
        raise InvalidInput(
            f"Output '{port}' of node '{node}' is a {artifact.kind}, not a model.",
            code="not_a_model",
        )
    return artifact
