"""Register Dataset's rows, recorded by the server when its step completes (see `runs.sinks`).

The step only passes its rows on. Here they become a new version of the dataset the node
names, in the pipeline's workspace, made by the run's creator, with `source: {"kind": "run",
run, pipeline, node, port}`;
and when the node names a datastore and a path, they are also written there, as Parquet (the
stored file itself) or CSV, by the path's ending. The server writes, so the step never holds
the datastore's credentials; using a datastore takes being allowed to read it, and it must be
one of the pipeline's workspace or a built-in one. A dataset of another workspace answers as
a name taken.

The name, the datastore and the path are checked before anything is written, the file is
written before the version is made, and the same content again adds no version: recording a
node's rows twice (a worker lost in between) leaves what recording them once does.
"""

from pathlib import PurePosixPath
from typing import Any

from designer.accounts.models import Workspace
from designer.artifacts.cache import materialize
from designer.artifacts.models import Artifact
from designer.errors import InvalidInput
from designer.pipelines.models import Pipeline
from designer.runs.sinks import Completed

from .. import tables
from ..choices import DatastoreKind, SourceKind
from ..models import Datastore
from .datastores import get_datastore, location_of, require_file_path
from .registering import add_version, check_may_add

# Register Dataset's output port: the rows it passed on.
ROWS = "data"
WRITTEN_FORMATS = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}


def record_rows(actor, completed: Completed) -> str:
    """Register the node's rows (and write them to its datastore path, if any); returns what
    was done, for the node's log. A refusal is a DomainError naming what to change."""
    params = completed.params
    name = params.get("name")
    workspace = _workspace_of(completed)
    check_may_add(actor, name, workspace)
    artifact = _rows_of(completed)
    target = _write_target(actor, params, workspace.pk if workspace else None)
    wrote = ""
    if target is not None:
        datastore, path, fmt = target
        _write(completed, datastore, path, fmt, artifact)
        wrote = f"; written to '{path}' in datastore '{datastore.name}' as {fmt.upper()}"
    origin = {
        "kind": SourceKind.RUN.value,
        "run": completed.run,
        "pipeline": completed.pipeline,
        "node": completed.node,
        "port": ROWS,
    }
    description = params.get("description") or None
    version, added = add_version(actor, name, artifact, origin, description, workspace=workspace)
    rows = "" if artifact.row_count is None else f"{artifact.row_count} rows "
    if added:
        return f"Registered {rows}as dataset '{name}' version {version.version}{wrote}."
    return (
        f"Dataset '{name}' version {version.version} already holds these {rows}"
        f"(same content), so no version was added{wrote}."
    )


def _workspace_of(completed: Completed) -> Workspace | None:
    """The pipeline's workspace; None (the run's creator's default) for rows recorded
    without a pipeline row to ask."""
    found = Pipeline.objects.select_related("workspace").filter(pk=completed.pipeline).first()
    return found.workspace if found else None


def _rows_of(completed: Completed) -> Artifact:
    artifact_id = completed.outputs.get(ROWS)
    artifact = Artifact.objects.filter(pk=artifact_id).first() if artifact_id else None
    if artifact is None or artifact.kind != "dataframe":
        raise InvalidInput(
            f"Node '{completed.node}' stored no rows on its '{ROWS}' output to register.",
            code="no_output",
        )
    return artifact


def _write_target(
    actor, params: dict[str, Any], workspace_id: int | None
) -> tuple[Datastore, str, str] | None:
    """The datastore, path and format to write to; None when the node names none."""
    name, path = params.get("datastore") or "", params.get("path") or ""
    if not name and not path:
        return None
    if not name or not path:
        raise InvalidInput(
            "datastore and path go together: give both to also write the rows to a datastore, "
            "or neither.",
            code="bad_path",
        )
    datastore = get_datastore(actor, name, workspace_id)
    if datastore.kind == DatastoreKind.HTTP:
        raise InvalidInput(
            f"Datastore '{datastore.name}' is an HTTP datastore, which is read-only; write to "
            "a local or S3 datastore.",
            code="read_only",
        )
    path = require_file_path(path)
    fmt = WRITTEN_FORMATS.get(PurePosixPath(path).suffix.lower())
    if fmt is None:
        endings = ", ".join(WRITTEN_FORMATS)
        raise InvalidInput(
            f"path '{path}': rows are written as Parquet or CSV, so the path must end in "
            f"{endings}.",
            code="unsupported_format",
        )
    return datastore, path, fmt


def _write(
    completed: Completed, datastore: Datastore, path: str, fmt: str, artifact: Artifact
) -> None:
    location = location_of(datastore)
    with materialize(artifact).open("rb") as stored:
        if fmt == "parquet":
            location.write(path, stored)
            return
        with tables.parquet_as_csv(stored) as text:
            location.write(path, text)
