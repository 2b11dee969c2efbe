"""The files of a datastore: a local folder, an S3 bucket, or an HTTP(S) base URL.

A `Location` lists a folder, opens a file for reading, (for a folder on this machine) hands
out a file's own path, and writes a whole file in place of what was at a path (only the
server writes, for Register Dataset; an HTTP datastore is read-only). Paths are always
relative to the datastore: `..`, absolute paths and anything a symlink leads out to are
refused with 400 `bad_path`, and a local datastore must stay under DESIGNER_DATA_ROOTS,
checked again at every use. Credentials reach only the client of this datastore's files.
"""

import os
import shutil
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, Protocol
from urllib.parse import quote

from django.conf import settings

from designer.errors import InvalidInput, NotFound

from .choices import DatastoreKind
from .errors import TooLarge, Unreachable, bytes_text

HTTP_TIMEOUT = 30
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Entry:
    name: str
    path: str  # relative to the datastore
    kind: str  # "file" or "folder"
    size: int | None
    modified: datetime | None


class Readable(Protocol):
    """What a write reads its bytes from: a file, or a wrapper around one."""

    def read(self, size: int = -1, /) -> bytes: ...


class Location(Protocol):
    def entries(self, path: str) -> list[Entry]: ...

    def open(self, path: str) -> Any:
        """A context manager giving a binary stream of the file at `path`."""
        ...

    def local_path(self, path: str) -> Path | None: ...

    def write(self, path: str, source: Readable) -> None:
        """Put the bytes of `source` at `path`, replacing what was there."""
        ...


def clean_path(text: Any) -> str:
    """`text` as a path relative to a datastore ("" for its top), or 400 `bad_path`."""
    if text is None:
        return ""
    if not isinstance(text, str) or "\0" in text or "\\" in text:
        raise InvalidInput(
            "path must be a relative path such as 'sales/2024.csv'.", code="bad_path"
        )
    pure = PurePosixPath(text)
    if pure.is_absolute() or text.startswith("~"):
        raise InvalidInput(
            f"path '{text[:200]}' is absolute; give a path inside the datastore, such as "
            "'sales/2024.csv'.",
            code="bad_path",
        )
    if ".." in pure.parts:
        raise InvalidInput(
            f"path '{text[:200]}' may not contain '..'; give a path inside the datastore.",
            code="bad_path",
        )
    return "/".join(part for part in pure.parts if part != ".")


def data_root_of(folder: Path) -> Path | None:
    """The data root (DESIGNER_DATA_ROOTS) holding `folder`, symlinks resolved, if any."""
    real = folder.resolve()
    for root in settings.DESIGNER_DATA_ROOTS:
        root_real = Path(root).resolve()
        if real.is_relative_to(root_real):
            return root_real
    return None


def check_local_folder(text: Any) -> str:
    """The real absolute folder a local datastore may use, or 400 `bad_path`."""
    if not isinstance(text, str) or not text.strip() or "\0" in text:
        raise InvalidInput(
            "path: give the datastore's folder as an absolute path.", code="bad_path"
        )
    folder = Path(text.strip())
    roots = ", ".join(settings.DESIGNER_DATA_ROOTS) or "(none configured)"
    if not folder.is_absolute():
        raise InvalidInput(
            f"path '{text[:200]}' must be absolute, inside one of the data roots: {roots}.",
            code="bad_path",
        )
    if data_root_of(folder) is None:
        raise InvalidInput(
            f"path '{text[:200]}' is outside the folders this server may read ({roots}); "
            "a symlink that leads out of them counts as outside.",
            code="bad_path",
        )
    real = folder.resolve()
    if not real.is_dir():
        raise InvalidInput(f"path '{text[:200]}' is not an existing folder.", code="bad_path")
    return str(real)


def open_location(datastore, credentials: dict[str, Any]) -> Location:
    if datastore.kind == DatastoreKind.LOCAL:
        return LocalLocation(datastore.path)
    if datastore.kind == DatastoreKind.S3:
        return S3Location(datastore, credentials)
    return HttpLocation(datastore.url, credentials.get("headers") or {})


def fetch(location: Location, path: str, dest: Path, limit: int) -> Path:
    """Copy the file at `path` to `dest`, refusing it (413) once it passes `limit` bytes."""
    copied = 0
    with location.open(path) as source, dest.open("wb") as target:
        check_size(path, content_length(source), limit)
        while chunk := source.read(CHUNK):
            copied += len(chunk)
            if copied > limit:
                raise TooLarge(_too_large(path, limit))
            target.write(chunk)
    return dest


def _too_large(path: str, limit: int) -> str:
    return (
        f"'{path}' is larger than this server's dataset limit of {bytes_text(limit)} "
        "(DESIGNER_DATASET_MAX_BYTES)."
    )


def check_size(path: str, size: int | None, limit: int) -> None:
    if size is not None and size > limit:
        raise TooLarge(_too_large(path, limit))


class LocalLocation:
    def __init__(self, folder: str) -> None:
        self.folder = folder

    def _root(self) -> Path:
        root = Path(self.folder)
        if data_root_of(root) is None:
            raise InvalidInput(
                f"This datastore's folder {self.folder} is no longer inside the data roots "
                "(DESIGNER_DATA_ROOTS); an administrator must move it or the roots.",
                code="bad_path",
            )
        return root.resolve()

    def _target(self, path: str) -> Path:
        root = self._root()
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            raise InvalidInput(
                f"path '{path}' leads out of the datastore (through a symlink).", code="bad_path"
            )
        return target

    def entries(self, path: str) -> list[Entry]:
        folder = self._target(path)
        if not folder.is_dir():
            raise NotFound(f"No folder '{path}' in this datastore.")
        root = self._root()
        found = []
        for item in folder.iterdir():
            real = item.resolve()
            if not real.is_relative_to(root) or not real.exists():
                continue  # a symlink out of the datastore (or a dangling one) is not shown
            found.append(_local_entry(item, real, f"{path}/{item.name}" if path else item.name))
        return found

    @contextmanager
    def open(self, path: str) -> Iterator[BinaryIO]:
        with self.local_path(path).open("rb") as stream:
            yield stream

    def local_path(self, path: str) -> Path:
        target = self._target(path)
        if not target.is_file():
            raise NotFound(f"No file '{path}' in this datastore.")
        return target

    def write(self, path: str, source: Readable) -> None:
        """Copied under a temporary name beside the target, then renamed over it: a reader
        sees the old file or the new one, never half of one."""
        target = self._target(path)
        if target.is_dir():
            raise InvalidInput(f"path '{path}' is a folder; give a file's path.", code="bad_path")
        # `target` is resolved and inside the datastore, so the folders made are too.
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.partial")
        try:
            with partial.open("wb") as out:
                shutil.copyfileobj(source, out, CHUNK)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


def _local_entry(item: Path, real: Path, rel: str) -> Entry:
    stat = real.stat()
    folder = real.is_dir()
    return Entry(
        name=item.name,
        path=rel,
        kind="folder" if folder else "file",
        size=None if folder else stat.st_size,
        modified=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
    )


class S3Location:
    """A bucket (and key prefix) of AWS S3 or any S3-compatible service, through s3fs.

    Without credentials the bucket is read anonymously: the server's own cloud identity
    (environment, instance role) is never lent to a datastore a user registered."""

    def __init__(self, datastore, credentials: dict[str, Any]) -> None:
        self.name = datastore.name
        self.base = "/".join(p for p in (datastore.bucket, datastore.prefix.strip("/")) if p)
        self.endpoint_url = datastore.endpoint_url or None
        self.credentials = credentials

    def _filesystem(self):
        import s3fs

        options: dict[str, Any] = {
            "anon": not self.credentials,
            "skip_instance_cache": True,
            "endpoint_url": self.endpoint_url,
            "config_kwargs": {
                "connect_timeout": 5,
                "read_timeout": 60,
                "retries": {"max_attempts": 2},
            },
        }
        if self.credentials:
            options["key"] = self.credentials["access_key"]
            options["secret"] = self.credentials["secret_key"]
        return s3fs.S3FileSystem(**options)

    def _key(self, path: str) -> str:
        return f"{self.base}/{path}" if path else self.base

    def entries(self, path: str) -> list[Entry]:
        with self._errors(path):
            listed = self._filesystem().ls(self._key(path), detail=True, refresh=True)
        prefix = self._key(path).rstrip("/") + "/"
        found = []
        for item in listed:
            key = item["name"]
            if not key.startswith(prefix):
                continue  # the folder's own marker object
            name = key[len(prefix) :].strip("/")
            folder = item.get("type") == "directory"
            found.append(
                Entry(
                    name=name,
                    path=f"{path}/{name}" if path else name,
                    kind="folder" if folder else "file",
                    size=None if folder else item.get("size"),
                    modified=item.get("LastModified"),
                )
            )
        return found

    @contextmanager
    def open(self, path: str) -> Iterator[BinaryIO]:
        with self._errors(path):
            stream = self._filesystem().open(self._key(path), "rb")
        with stream:
            yield stream

    def local_path(self, path: str) -> None:
        return None

    def write(self, path: str, source: Readable) -> None:
        """An upload S3 shows only once it is complete."""
        with self._errors(path, "written to"):
            with self._filesystem().open(self._key(path), "wb") as target:
                shutil.copyfileobj(source, target, CHUNK)

    @contextmanager
    def _errors(self, path: str, doing: str = "read") -> Iterator[None]:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            yield
        except FileNotFoundError as exc:
            raise NotFound(f"Nothing at '{path or '/'}' in datastore '{self.name}'.") from exc
        except PermissionError as exc:
            raise Unreachable(
                f"Datastore '{self.name}': the S3 service refused access to '{path or '/'}'; "
                "check the credentials and the bucket's policy."
            ) from exc
        except (OSError, ValueError, BotoCoreError, ClientError) as exc:
            raise Unreachable(
                f"Datastore '{self.name}': the S3 service could not be {doing} "
                f"({type(exc).__name__})."
            ) from exc


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects between http and https only (urllib would also follow to ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not newurl.lower().startswith(("http://", "https://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-HTTP URL", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_opener = urllib.request.build_opener(_HttpOnlyRedirects)


class HttpLocation:
    """Files under a base URL, fetched with a plain GET. HTTP has no folder listing."""

    def __init__(self, base_url: str, headers: dict[str, str]) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = headers

    def entries(self, path: str) -> list[Entry]:
        raise InvalidInput(
            "An HTTP datastore cannot list its files; preview or register a path you know.",
            code="not_browsable",
        )

    def url_of(self, path: str) -> str:
        return f"{self.base_url}/{quote(path)}"

    @contextmanager
    def open(self, path: str) -> Iterator[BinaryIO]:
        request = urllib.request.Request(self.url_of(path), method="GET")
        for name, value in self.headers.items():
            # Unredirected: a redirect to another host does not take the credentials along.
            request.add_unredirected_header(name, value)
        try:
            response = _opener.open(request, timeout=HTTP_TIMEOUT)
        except urllib.error.HTTPError as exc:
            exc.close()
            if exc.code == 404:
                raise NotFound(f"No file at '{path}' (the server answered 404).") from exc
            raise Unreachable(f"Reading '{path}': the server answered {exc.code}.") from exc
        except (urllib.error.URLError, OSError, ValueError) as exc:
            raise Unreachable(f"Reading '{path}': the server could not be reached.") from exc
        with response:
            yield response

    def local_path(self, path: str) -> None:
        return None

    def write(self, path: str, source: Readable) -> None:
        raise InvalidInput(
            "An HTTP datastore is read-only; write to a local or S3 datastore.", code="read_only"
        )


def content_length(stream: Any) -> int | None:
    """The size a stream announces before it is read: an HTTP response's Content-Length, an
    S3 object's size; None when it does not say."""
    size = getattr(stream, "size", None)
    if isinstance(size, int):
        return size
    headers = getattr(stream, "headers", None)
    value = headers.get("Content-Length") if headers is not None else None
    return int(value) if value and value.isdigit() else None
