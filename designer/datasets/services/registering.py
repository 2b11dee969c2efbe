"""Adding dataset versions: from an uploaded file, a datastore file, a run's output, or a
built-in sample.

Every way ends the same: the rows are stored as a Parquet dataframe artifact (content
addressed), and `add_version` numbers a new version under the dataset's row lock, unless the
newest version already holds the same content, which is then returned as it is.
"""

import tempfile
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction

from designer.accounts.acting import SYSTEM, Action, check, user_of, workspace_for_new
from designer.accounts.models import Workspace
from designer.artifacts.models import Artifact
from designer.artifacts.services import ingest
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem
from designer.runs.choices import NODE_SUCCEEDED
from designer.runs.queries import get_run
from designer.runtime.io import write_dataframe

from .. import samples, tables
from ..choices import SourceKind
from ..errors import TooLarge, bytes_text
from ..models import Dataset, DatasetVersion
from . import access
from .datasets import check_tags
from .datastores import get_datastore, local_copy, location_of, require_file_path

# Two first registrations of one name at once: the loser retries and finds the row.
ATTEMPTS = 2


def register_upload(actor, name: Any, upload, description=None, tags=None, workspace=None):
    """A version from an uploaded file (a Django `UploadedFile`)."""
    check_may_add(actor, name, workspace)
    filename = PurePosixPath(str(upload.name or "upload")).name
    fmt = tables.format_of(filename)
    limit = settings.DESIGNER_DATASET_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise TooLarge(
            f"'{filename}' is {bytes_text(upload.size)}, larger than this server's dataset limit "
            f"of {bytes_text(limit)} (DESIGNER_DATASET_MAX_BYTES)."
        )
    with tempfile.TemporaryDirectory(prefix="dataset-upload-") as folder:
        source = Path(folder) / f"upload{PurePosixPath(filename).suffix.lower()}"
        with source.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        artifact = store_table(source, fmt, filename, Path(folder))
    origin = {"kind": SourceKind.UPLOAD.value, "file": filename}
    return add_version(actor, name, artifact, origin, description, tags, workspace)


def register_from_datastore(
    actor, name: Any, datastore: str, path: Any, description=None, tags=None, workspace=None
):
    """A version from a file of a datastore, read now: registering the same path again after
    its content changed makes a new version."""
    check_may_add(actor, name, workspace)
    store = get_datastore(actor, datastore)
    path = require_file_path(path)
    fmt = tables.format_of(path)
    with tempfile.TemporaryDirectory(prefix="dataset-read-") as folder:
        local = local_copy(location_of(store), path, Path(folder))
        artifact = store_table(local, fmt, path, Path(folder))
    origin = {"kind": SourceKind.DATASTORE.value, "datastore": store.name, "path": path}
    return add_version(actor, name, artifact, origin, description, tags, workspace)


def register_from_run(
    actor, name: Any, run: int, node: str, port: str, description=None, tags=None, workspace=None
):
    """A version from a dataframe output of a finished node run (one `actor` may see); the
    version records which run, node and port produced it."""
    check_may_add(actor, name, workspace)
    found = get_run(actor, run)
    node_run = found.node_runs.filter(node_id=node).first()
    if node_run is None:
        raise NotFound(f"Run {found.pk} has no node '{node}'.")
    if node_run.status not in NODE_SUCCEEDED:
        raise InvalidInput(
            f"Node '{node}' of run {found.pk} is {node_run.status}; only a finished node has "
            "outputs to register.",
            code="no_output",
        )
    artifact_id = (node_run.outputs or {}).get(port)
    if artifact_id is None:
        ports = ", ".join(sorted(node_run.outputs or {})) or "none"
        raise InvalidInput(
            f"Node '{node}' of run {found.pk} has no output '{port}'; its outputs: {ports}.",
            code="no_output",
        )
    artifact = Artifact.objects.get(pk=artifact_id)
    if artifact.kind != "dataframe":
        raise InvalidInput(
            f"Output '{port}' of node '{node}' is a {artifact.kind}; only a dataframe can be "
            "registered as a dataset.",
            code="not_a_dataframe",
        )
    origin = {
        "kind": SourceKind.RUN.value,
        "run": found.pk,
        "pipeline": found.pipeline_id,
        "node": node,
        "port": port,
    }
    return add_version(actor, name, artifact, origin, description, tags, workspace)


def check_may_add(actor, name: Any, workspace: Any = None) -> None:
    """Refuse early, before any file is read, a name that is not one, or a dataset the
    actor may not add to or create (in `workspace`: a Workspace, or a workspace's name).
    `add_version` asks again under the lock."""
    check(actor, Action.EDIT)
    problem = name_problem(name)
    if problem:
        raise InvalidInput(f"Dataset {problem}.", code="bad_name")
    existing = Dataset.objects.select_related("workspace").filter(name=name).first()
    if existing is None:
        _workspace_for(actor, workspace)
    else:
        _check_may_add_to(actor, existing, workspace)


def _workspace_for(actor, workspace: Any) -> Workspace:
    """Where a dataset's first version makes it: `workspace`, else the request's choice or
    the actor's default; the actor must be a contributor there."""
    if isinstance(workspace, Workspace):
        check(actor, Action.EDIT, workspace)
        return workspace
    return workspace_for_new(actor, workspace)


def _check_may_add_to(actor, dataset: Dataset, workspace: Any = None) -> None:
    """Names are unique over the instance: one taken in a workspace the actor is not a
    member of is a conflict, as it would be for a dataset the actor may see."""
    if not access.may_read(actor, dataset):
        raise Conflict(
            f"The name '{dataset.name}' is taken by another person's dataset, in a workspace "
            "you are not a member of; pick another.",
            code="name_taken",
        )
    access.check_edit(actor, dataset, f"No dataset named '{dataset.name}'.")
    wanted = workspace.name if isinstance(workspace, Workspace) else workspace
    if wanted and (dataset.workspace is None or dataset.workspace.name != wanted):
        where = f"workspace '{dataset.workspace}'" if dataset.workspace else "the instance"
        raise Conflict(
            f"Dataset '{dataset.name}' belongs to {where}, not to '{wanted}'; its versions "
            "stay there. Pick another name for a dataset of that workspace.",
            code="other_workspace",
        )


def store_table(source: Path, fmt: str, label: str, folder: Path) -> Artifact:
    """Parse the file and store its rows as a Parquet dataframe artifact."""
    frame = tables.read_frame(source, fmt, label)
    try:
        parquet = write_dataframe(frame, folder / "data.parquet")
    except (ValueError, TypeError) as exc:  # includes pyarrow's type errors
        raise InvalidInput(
            f"'{label}' could not be stored as a table: {str(exc).splitlines()[0][:300]}",
            code="unreadable",
            file=label,
        ) from exc
    return ingest(parquet, "dataframe")


def add_version(
    actor,
    name: str,
    artifact: Artifact,
    source: dict,
    description=None,
    tags=None,
    workspace: Any = None,
    built_in: bool = False,
) -> tuple[DatasetVersion, bool]:
    """The dataset's new version holding `artifact`, and True; or, when the newest version
    already holds that content, that version and False. The dataset is created on its first
    version, in `workspace` (see `check_may_add`) or, `built_in`, in none: a sample of the
    whole instance. A given description or tags replace the dataset's."""
    tags = None if tags is None else check_tags(tags)
    for attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                return _add_version(
                    actor, name, artifact, source, description, tags, workspace, built_in
                )
        except IntegrityError as exc:
            if attempt == ATTEMPTS - 1:
                raise Conflict(
                    f"Dataset '{name}' was changed at the same moment; register again.",
                    code="busy",
                ) from exc
    raise AssertionError("unreachable")


def _add_version(actor, name, artifact, source, description, tags, workspace, built_in):
    # The row lock numbers concurrent registrations one after the other (on SQLite, writers
    # are serialized by BEGIN IMMEDIATE already); a first registration's insert is guarded
    # by the unique name instead, and the caller retries once.
    dataset = Dataset.objects.select_for_update().filter(name=name).first()
    if dataset is None:
        where = None if built_in else _workspace_for(actor, workspace)
        dataset = Dataset.objects.create(name=name, workspace=where, created_by=user_of(actor))
    else:
        _check_may_add_to(actor, dataset, workspace)
    described = _describe(dataset, description, tags)
    newest = dataset.versions.order_by("-version").first()
    if newest is not None and newest.digest == artifact.digest:
        if described:
            dataset.save(update_fields=["description", "tags", "updated_at"])
        return newest, False
    version = DatasetVersion.objects.create(
        dataset=dataset,
        version=(newest.version if newest else 0) + 1,
        artifact=artifact,
        digest=artifact.digest,
        source=source,
        created_by=user_of(actor),
    )
    dataset.latest = version
    dataset.save(update_fields=["latest", "description", "tags", "updated_at"])
    return version, True


def _describe(dataset: Dataset, description, tags) -> bool:
    """Set the description and tags given; whether any was."""
    if description is not None:
        dataset.description = str(description)
    if tags is not None:
        dataset.tags = tags
    return description is not None or tags is not None


def ensure_sample_datasets() -> list[str]:
    """Register the built-in samples (no workspace: readable by everyone, changed by
    administrators) that are not there yet; a name a workspace already took is left to it.
    Returns the names registered."""
    made = []
    for sample in samples.SAMPLES:
        if Dataset.objects.filter(name=sample.name).exists():
            continue
        with tempfile.TemporaryDirectory(prefix="dataset-sample-") as folder:
            parquet = write_dataframe(sample.load(), Path(folder) / "data.parquet")
            artifact = ingest(parquet, "dataframe")
        origin = {"kind": SourceKind.SAMPLE.value, "loader": sample.loader}
        add_version(
            SYSTEM, sample.name, artifact, origin, sample.description, sample.tags, built_in=True
        )
        made.append(sample.name)
    return made
