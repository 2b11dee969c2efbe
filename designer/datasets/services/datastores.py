"""Datastores: register, change and remove them, list a folder's files, preview a file.

The credentials go in sealed and come out only in `location_of`, for the client that reads
this datastore's files; no answer carries them (serializers show `has_credentials`).
"""

import io
import re
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from designer.accounts.acting import SYSTEM, user_of, workspace_for_new
from designer.errors import Conflict, InvalidInput, NotFound
from designer.kernel.names import name_problem

from .. import credentials as sealed
from .. import tables
from ..choices import DatastoreKind
from ..locations import (
    Entry,
    Location,
    check_local_folder,
    check_size,
    clean_path,
    fetch,
    open_location,
)
from ..models import Datastore
from . import access

# The fields that say where each kind of datastore reads from; the others must stay empty.
PLACE_FIELDS = {
    DatastoreKind.LOCAL: ("path",),
    DatastoreKind.S3: ("bucket", "prefix", "endpoint_url"),
    DatastoreKind.HTTP: ("url",),
}
ALL_PLACE_FIELDS = ("path", "bucket", "prefix", "endpoint_url", "url")
BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")
BROWSE_PAGE = 500
# A preview of a CSV, TSV or JSON Lines file reads no more than this from its start.
PREVIEW_BYTES = 1024 * 1024


def list_datastores(actor) -> QuerySet[Datastore]:
    rows = Datastore.objects.select_related("created_by", "workspace")
    return access.visible(actor, rows).order_by("-id")


def get_datastore(actor, name: str, workspace_id: int | None = None) -> Datastore:
    """The datastore `actor` may read; with `workspace_id`, also one a pipeline of that
    workspace may use (its own or a built-in one). Anything else answers as a missing name."""
    datastore = (
        Datastore.objects.select_related("created_by", "workspace").filter(name=name).first()
    )
    missing = f"No datastore named '{name}'."
    if datastore is None or not access.usable_from(datastore, workspace_id):
        raise NotFound(missing)
    access.check_read(actor, datastore, missing)
    return datastore


def create_datastore(
    actor, name: Any, kind: Any, credentials: Any = None, workspace: Any = None, **values: Any
):
    """A datastore of the workspace named `workspace` (else the request's, else the actor's
    default), which the actor must be a contributor of."""
    where = workspace_for_new(actor, workspace)
    problem = name_problem(name)
    if problem:
        raise InvalidInput(f"Datastore {problem}.", code="bad_name")
    if kind not in DatastoreKind.values:
        raise InvalidInput(
            f"kind must be one of {', '.join(DatastoreKind.values)}.", code="bad_kind"
        )
    datastore = Datastore(name=name, kind=kind, workspace=where, created_by=user_of(actor))
    _apply(datastore, values)
    if credentials is not None:
        _set_credentials(datastore, credentials)
    try:
        with transaction.atomic():
            datastore.save()
    except IntegrityError as exc:
        raise Conflict(
            f"A datastore named '{name}' already exists; pick another name.", code="name_taken"
        ) from exc
    return datastore


def update_datastore(actor, name: str, **values: Any) -> Datastore:
    """Change where it reads, its description, or (key `credentials`: an object, or null to
    remove them) its credentials. Its name and kind stay."""
    datastore = get_datastore(actor, name)
    access.check_edit(actor, datastore, f"No datastore named '{name}'.")
    fixed = {"name", "kind"} & set(values)
    if fixed:
        raise InvalidInput(
            f"A datastore's {' and '.join(sorted(fixed))} cannot change; register a new one.",
            code="immutable",
        )
    if "credentials" in values:
        _set_credentials(datastore, values.pop("credentials"))
    _apply(datastore, values)
    datastore.save()
    return datastore


def delete_datastore(actor, name: str) -> None:
    datastore = get_datastore(actor, name)
    access.check_edit(actor, datastore, f"No datastore named '{name}'.")
    datastore.delete()


def _apply(datastore: Datastore, values: dict[str, Any]) -> None:
    """Check `values` against the datastore's kind and set them."""
    unknown = set(values) - set(ALL_PLACE_FIELDS) - {"description"}
    if unknown:
        raise InvalidInput(f"Unknown field(s): {', '.join(sorted(unknown))}.", code="invalid")
    kind = datastore.kind
    for field in ALL_PLACE_FIELDS:
        if field in values and values[field] not in (None, "") and field not in PLACE_FIELDS[kind]:
            raise InvalidInput(
                f"{field} does not apply to a {kind} datastore.", code="invalid", field=field
            )
    if "description" in values:
        datastore.description = str(values["description"] or "")
    checks = {
        "path": check_local_folder,
        "bucket": _check_bucket,
        "prefix": _check_prefix,
        "endpoint_url": lambda v: _check_url(v, "endpoint_url", optional=True),
        "url": lambda v: _check_url(v, "url"),
    }
    for field in PLACE_FIELDS[kind]:
        if field in values or datastore.pk is None:
            setattr(datastore, field, checks[field](values.get(field)))


def _set_credentials(datastore: Datastore, credentials: Any) -> None:
    """Seal new credentials; None removes them."""
    datastore.credentials_encrypted = (
        ""
        if credentials is None
        else sealed.seal(sealed.check_credentials(datastore.kind, credentials))
    )


def _check_bucket(value: Any) -> str:
    if not isinstance(value, str) or not BUCKET.fullmatch(value):
        raise InvalidInput(
            "bucket: give the S3 bucket's name (3 to 63 lower-case letters, digits, '.' or '-').",
            code="invalid",
            field="bucket",
        )
    return value


def _check_prefix(value: Any) -> str:
    return clean_path(value or "")


def _check_url(value: Any, field: str, optional: bool = False) -> str:
    if optional and value in (None, ""):
        return ""
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            f"{field}: give an http:// or https:// URL.", code="invalid", field=field
        )
    if parts.username or parts.password or parts.query or parts.fragment:
        raise InvalidInput(
            f"{field}: the URL may not hold a user name, password, query or fragment "
            "(put credentials in `credentials`).",
            code="invalid",
            field=field,
        )
    return value.rstrip("/")


def location_of(datastore: Datastore) -> Location:
    """The reader of the datastore's files, holding its credentials (and nothing else does)."""
    return open_location(datastore, sealed.unseal(datastore.credentials_encrypted, datastore.name))


def browse(actor, name: str, path: Any = "", cursor: str | None = None) -> dict[str, Any]:
    """One page of a folder's entries, folders first, then by name."""
    datastore = get_datastore(actor, name)
    folder = clean_path(path)
    start = _offset(cursor)
    entries = sorted(location_of(datastore).entries(folder), key=_order)
    page = entries[start : start + BROWSE_PAGE]
    more = start + BROWSE_PAGE < len(entries)
    return {
        "path": folder,
        "entries": [_entry_dict(e) for e in page],
        "next": str(start + BROWSE_PAGE) if more else None,
    }


def _offset(cursor: str | None) -> int:
    if cursor in (None, ""):
        return 0
    if not (cursor.isascii() and cursor.isdigit()):
        raise InvalidInput(
            "That cursor is not one this list gave out; start again without it.",
            code="bad_cursor",
        )
    return int(cursor)


def _order(entry: Entry) -> tuple[bool, str]:
    return (entry.kind != "folder", entry.name.lower())


def _entry_dict(entry: Entry) -> dict[str, Any]:
    return {
        "name": entry.name,
        "path": entry.path,
        "kind": entry.kind,
        "size": entry.size,
        "modified": entry.modified,
    }


def preview_file(actor, name: str, path: Any) -> dict[str, Any]:
    """The first rows of a data file in the datastore, its columns and (when known) its size
    in rows, without registering anything."""
    datastore = get_datastore(actor, name)
    path = require_file_path(path)
    fmt = tables.format_of(path)
    location = location_of(datastore)
    if fmt in tables.STREAMED:
        return _preview_head(location, path, fmt)
    with tempfile.TemporaryDirectory(prefix="datastore-preview-") as folder:
        local = local_copy(location, path, Path(folder))
        if fmt == "parquet":
            return tables.parquet_preview(local)
        frame = tables.read_frame(local, fmt, path)
        return tables.preview_of(frame, len(frame))


def _preview_head(location: Location, path: str, fmt: str) -> dict[str, Any]:
    """Rows from the start of a line-based file; `row_count` only when the whole file fit."""
    with location.open(path) as stream:
        head = stream.read(PREVIEW_BYTES + 1)
    whole = len(head) <= PREVIEW_BYTES
    if not whole:
        head = head[: head.rfind(b"\n", 0, PREVIEW_BYTES) + 1]
    frame = tables.read_frame(io.BytesIO(head), fmt, path)
    return tables.preview_of(frame, len(frame) if whole else None)


def require_file_path(path: Any) -> str:
    cleaned = clean_path(path)
    if not cleaned:
        raise InvalidInput("path: give the path of a file in the datastore.", code="bad_path")
    return cleaned


def local_copy(location: Location, path: str, folder: Path) -> Path:
    """The file at `path` as a local file: its own path when the datastore is a folder on
    this machine, else a copy in `folder`; either way no larger than the dataset limit."""
    limit = settings.DESIGNER_DATASET_MAX_BYTES
    own = location.local_path(path)
    if own is not None:
        check_size(path, own.stat().st_size, limit)
        return own
    return fetch(location, path, folder / f"source{Path(path).suffix.lower()}", limit)


def ensure_data_datastores() -> list[str]:
    """A built-in local datastore per data root: `data`, then `data-2`, `data-3`...

    Made or pointed at the root again on every start, so it follows DESIGNER_DATA_ROOTS; a
    name a workspace already took is left to it. Returns the names made or moved."""
    changed = []
    for index, root in enumerate(settings.DESIGNER_DATA_ROOTS):
        name = "data" if index == 0 else f"data-{index + 1}"
        folder = Path(root)
        folder.mkdir(parents=True, exist_ok=True)
        path = str(folder.resolve())
        existing = Datastore.objects.filter(name=name).first()
        if existing is not None and (existing.workspace_id is not None or existing.path == path):
            continue
        Datastore.objects.update_or_create(
            name=name,
            defaults={
                "workspace": None,
                "kind": DatastoreKind.LOCAL,
                "path": path,
                "description": f"The server's data folder {path}",
                "created_by": user_of(SYSTEM),
            },
        )
        changed.append(name)
    return changed
