"""Artifact services: record a produced output, describe it, preview and profile it.

Stored content is reached only through the store interface (`stores.get_store()`) and, for
a path on this machine, the cache (`materialize`, which the executor takes from here too);
never through a path of its own.
"""

import io
import math
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, Q, QuerySet

from designer.accounts.acting import SYSTEM, Action, check, roles_of
from designer.errors import InvalidInput, NotFound
from designer.prepared import Prepared

from . import profiles
from .cache import materialize
from .models import Artifact
from .stores import get_store

PREVIEW_ROWS = 100


# An output whose content has a row already is looked up by that content (`_row_for`):
# prepared once (`designer.prepared`).
_BY_CONTENT = Prepared(lambda digest, kind: Artifact.objects.filter(digest=digest, kind=kind))


def ingest(path: Path, kind: str, summary: dict[str, Any] | None = None) -> Artifact:
    """Store an output file and return its (possibly pre-existing) row.

    `summary` is what the executor child reported about a model output (class, params, label
    and feature columns, task); the web process never unpickles a model to find it out.
    """
    store = get_store()
    digest, uri, size = store.put(path)
    # The produced file is still here and has the same bytes: describe it without a fetch.
    schema, rows = _describe(path, kind)
    summary = summary if isinstance(summary, dict) else None
    fields = {"uri": uri, "size": size, "schema": schema, "row_count": rows}
    artifact, created = _row_for(digest, kind, summary, fields)
    changed = []
    if not created and not store.exists(artifact.uri):
        # The stored copy was deleted; point the row at the one just written.
        artifact.uri = uri
        changed.append("uri")
    if not created and summary is not None and artifact.summary is None:
        # Same bytes, so the same model: a row made before summaries existed gains one.
        artifact.summary = summary
        changed.append("summary")
    if changed:
        artifact.save(update_fields=changed)
    return artifact


def _row_for(
    digest: str, kind: str, summary: dict[str, Any] | None, fields: dict[str, Any]
) -> tuple[Artifact, bool]:
    """The row of this content, and whether it was made now. Outside a transaction (a worker
    storing a step's outputs, most of them new content) it is made first and looked up only
    when the same content has one: one statement for a new output, not a lookup and an
    INSERT. Inside one a conflict costs a savepoint's two statements more, so it is looked up
    first."""
    if connection.in_atomic_block:
        found = _BY_CONTENT.first(digest, kind)
        if found is not None:
            return found, False
    for _ in range(3):  # a row deleted between the conflict and the lookup: make it again
        made = _create(digest=digest, kind=kind, summary=summary, **fields)
        if made is not None:
            return made, True
        found = _BY_CONTENT.first(digest, kind)  # stored by another worker already
        if found is not None:
            return found, False
    raise RuntimeError(f"could neither make nor find the artifact row of {kind} {digest}")


def _create(**fields: Any) -> Artifact | None:
    """A new row; None when the same content has one already (made since it was looked up).

    Inside the caller's transaction, in a savepoint, so that the conflict does not end it;
    outside one (a worker storing a step's outputs), the INSERT alone, which is its own
    transaction: no BEGIN and COMMIT around it, two round trips fewer on PostgreSQL."""
    try:
        if connection.in_atomic_block:
            with transaction.atomic():
                return Artifact.objects.create(**fields)
        return Artifact.objects.create(**fields)
    except IntegrityError:
        return None


def _describe(path: Path, kind: str) -> tuple[list[dict] | None, int | None]:
    if kind != "dataframe":
        return None, None
    meta = pq.ParquetFile(path)
    schema = [
        {"name": field.name, "dtype": str(field.type)}
        for field in meta.schema_arrow
        if not field.name.startswith("__index_level_")
    ]
    return schema, meta.metadata.num_rows


# What refers to an artifact from inside a workspace: (artifact id, workspace ids) → the
# referring rows. Apps above this one register theirs at start-up (node runs, dataset
# versions, model versions), as they register retention keepers.
Holder = Callable[[int, list[int]], QuerySet]

_holders: dict[str, Holder] = {}


def register_holder(name: str, holder: Holder) -> None:
    _holders[name] = holder


def get_artifact(actor, artifact_id: int) -> Artifact:
    """An artifact the actor may see: one that a node run, dataset version or model version
    of one of their workspaces refers to.

    Artifacts are shared by content, so they belong to no workspace of their own; to anyone
    else one is missing (404). The holders' EXISTS subqueries go in a single query."""
    check(actor, Action.VIEW)
    found = Artifact.objects.filter(pk=artifact_id)
    if actor is not SYSTEM:
        mine = list(roles_of(actor))
        seen = Q(pk__in=[])
        for holder in _holders.values():
            seen |= Q(Exists(holder(artifact_id, mine)))
        found = found.filter(seen)
    artifact = found.first()
    if artifact is None:
        raise NotFound(f"No artifact {artifact_id}.")
    return artifact


def _open(artifact: Artifact) -> BinaryIO:
    """The stored bytes of a file artifact, as a seekable stream."""
    try:
        return get_store().open(artifact.uri)
    except FileNotFoundError as exc:
        raise NotFound(f"The content of artifact {artifact.pk} is no longer in the store.") from exc


def preview(artifact: Artifact, limit: int = PREVIEW_ROWS) -> dict[str, Any]:
    if artifact.kind != "dataframe":
        raise InvalidInput(f"Only dataframes have a preview; this artifact is a {artifact.kind}.")
    limit = max(1, min(limit, 1000))
    columns = [c["name"] for c in artifact.schema or []]
    with _open(artifact) as stream:
        parquet = pq.ParquetFile(stream)
        batch = next(parquet.iter_batches(batch_size=limit, columns=columns or None), None)
    rows: list[list[Any]] = []
    if batch is not None:
        data = batch.to_pydict()
        rows = [[_json_safe(data[c][i]) for c in columns] for i in range(batch.num_rows)]
    return {"columns": columns, "rows": rows, "row_count": parquet.metadata.num_rows}


def _json_safe(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


def profile(artifact: Artifact) -> dict[str, Any]:
    """The column profile of a dataframe artifact, computed once and then read from its row."""
    if artifact.kind != "dataframe":
        raise InvalidInput(
            f"Only dataframes have a profile; this artifact is a {artifact.kind}.",
            code="not_a_dataframe",
        )
    cached = artifact.profile
    if isinstance(cached, dict) and cached.get("version") == profiles.PROFILE_VERSION:
        return cached["data"]
    try:
        with _open(artifact) as stream:
            data = profiles.compute_profile(stream, max_rows=profiles.MAX_ROWS)
    except (pa.ArrowException, OSError) as exc:
        raise InvalidInput(
            f"The stored data of artifact {artifact.pk} cannot be read as Parquet: {exc}",
            code="unreadable",
        ) from exc
    # Two requests may compute it at once; both write the same value, so neither is lost.
    stored = {"version": profiles.PROFILE_VERSION, "data": data}
    Artifact.objects.filter(pk=artifact.pk).update(profile=stored)
    artifact.profile = stored
    return data


def download(artifact: Artifact) -> tuple[BinaryIO, str]:
    """The artifact's bytes to send and a file name for them; a folder goes as a zip."""
    store = get_store()
    if not store.is_folder(artifact.uri):
        return _open(artifact), PurePosixPath(artifact.uri).name
    # A folder is zipped from a local copy: the store's own, or the cache's.
    path = materialize(artifact, store)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in sorted(p for p in path.rglob("*") if p.is_file()):
            archive.write(item, item.relative_to(path).as_posix())
    buffer.seek(0)
    return buffer, f"{path.name}.zip"
