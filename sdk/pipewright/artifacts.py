"""A node output stored on the server, and how to read it: a DataFrame, JSON, or a file.

`Artifact` fetches lazily: nothing is downloaded until a value is asked for. pandas (and pyarrow)
are needed only for `to_pandas`; the SDK itself does not depend on them.
"""

from __future__ import annotations

import io
import json
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipewright.errors import PipewrightError

if TYPE_CHECKING:
    from pipewright.models import ArtifactInfo, Preview
    from pipewright.transport import Transport


def require_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise PipewrightError(
            "reading a dataframe needs pandas and pyarrow: pip install 'pipewright[pandas]'"
        ) from exc
    return pandas


class Artifact:
    """One stored output (by artifact id)."""

    def __init__(self, transport: Transport, artifact_id: int) -> None:
        self._transport = transport
        self.id = artifact_id
        self._info: ArtifactInfo | None = None

    def __repr__(self) -> str:
        return f"<Artifact {self.id}>"

    @property
    def info(self) -> ArtifactInfo:
        """Kind, digest, size, and for a dataframe its schema and row count."""
        if self._info is None:
            self._info = self._transport.one("artifacts.get", {"id": self.id})
        return self._info

    @property
    def digest(self) -> str:
        return self.info.digest

    def preview(self) -> Preview:
        """The first rows of a dataframe, without downloading it."""
        return self._transport.one("artifacts.preview", {"id": self.id})

    def read_bytes(self) -> bytes:
        return self._transport.send("artifacts.download", {"id": self.id}).content

    def download(self, target: str | Path | None = None) -> Path:
        """Save the bytes to `target` (a file path), or to a new temporary file."""
        if target is None:
            target = Path(tempfile.mkdtemp(prefix="pipewright-")) / f"artifact-{self.id}"
        return self._transport.download("artifacts.download", Path(target), {"id": self.id})

    def to_pandas(self) -> Any:
        """A dataframe output as a pandas DataFrame."""
        pandas = require_pandas()
        if self.info.kind != "dataframe":
            raise PipewrightError(f"artifact {self.id} is a {self.info.kind}, not a dataframe")
        return pandas.read_parquet(io.BytesIO(self.read_bytes()))

    def json(self) -> Any:
        """A json output as Python data."""
        if self.info.kind != "json":
            raise PipewrightError(f"artifact {self.id} is a {self.info.kind}, not json")
        return json.loads(self.read_bytes())
