"""Artifact services: record a produced output, describe it, preview it."""

import math
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from designer.errors import InvalidInput, NotFound

from . import store
from .models import Artifact

PREVIEW_ROWS = 100


def ingest(path: Path, kind: str) -> Artifact:
    """Store an output file and return its (possibly pre-existing) row."""
    digest, uri, size = store.put(path)
    schema, rows = _describe(store.path_of(uri), kind)
    artifact, created = Artifact.objects.get_or_create(
        digest=digest,
        kind=kind,
        defaults={"uri": uri, "size": size, "schema": schema, "row_count": rows},
    )
    if not created and not store.exists(artifact.uri):
        # The stored copy was deleted; point the row at the one just written.
        artifact.uri = uri
        artifact.save(update_fields=["uri"])
    return artifact


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


def get_artifact(artifact_id: int) -> Artifact:
    artifact = Artifact.objects.filter(pk=artifact_id).first()
    if artifact is None:
        raise NotFound(f"No artifact {artifact_id}.")
    return artifact


def local_path(artifact: Artifact) -> Path:
    path = store.path_of(artifact.uri)
    if not path.exists():
        raise NotFound(f"The content of artifact {artifact.pk} is no longer in the store.")
    return path


def preview(artifact: Artifact, limit: int = PREVIEW_ROWS) -> dict[str, Any]:
    if artifact.kind != "dataframe":
        raise InvalidInput(f"Only dataframes have a preview; this artifact is a {artifact.kind}.")
    limit = max(1, min(limit, 1000))
    parquet = pq.ParquetFile(local_path(artifact))
    columns = [c["name"] for c in artifact.schema or []]
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
