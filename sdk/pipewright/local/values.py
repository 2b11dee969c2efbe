"""Port values on disk, written and read exactly as the server's executor does, and the content
digests the server's artifact store gives them.

Same forms as the executor child: a dataframe is Parquet with `df.attrs` as JSON under the schema
metadata key `pipewright.attrs`; a model is a pickle; json is indented JSON; a file or folder is
copied. Equal values therefore give the server's bytes and digests, which is what makes a local
cache key equal to the server's. pandas and pyarrow are imported only for dataframes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import math
import os
import pickle
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pipewright.errors import PipewrightError

ATTRS_KEY = b"pipewright.attrs"
SUFFIXES = {"dataframe": ".parquet", "model": ".pkl", "json": ".json", "folder": ""}
CHUNK = 1024 * 1024


def read_value(port_type: str, path: Path) -> Any:
    if port_type == "dataframe":
        return read_dataframe(path)
    if port_type == "model":
        with path.open("rb") as handle:
            return pickle.load(handle)
    if port_type == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    if port_type in ("file", "folder"):
        return path
    raise PipewrightError(f"unknown port type {port_type!r}")


def write_value(port_type: str, value: Any, out_dir: Path, port: str) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    if port_type == "dataframe":
        return write_dataframe(value, out_dir / f"{port}.parquet", port)
    if port_type == "model":
        target = out_dir / f"{port}.pkl"
        with target.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return target
    if port_type == "json":
        target = out_dir / f"{port}.json"
        text = json.dumps(to_jsonable(value, f"output {port!r}"), allow_nan=False, indent=2)
        target.write_text(text + "\n", encoding="utf-8")
        return target
    if port_type == "file":
        return _write_file(value, out_dir, port)
    if port_type == "folder":
        return _write_folder(value, out_dir / port, port)
    raise PipewrightError(f"unknown port type {port_type!r}")


def read_dataframe(path: Path) -> Any:
    import pyarrow.parquet as pq

    table = pq.read_table(path)
    frame = table.to_pandas()
    metadata = table.schema.metadata or {}
    frame.attrs = json.loads(metadata[ATTRS_KEY]) if ATTRS_KEY in metadata else {}
    return frame


def write_dataframe(frame: Any, target: Path, port: str) -> Path:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"output {port!r} must be a pandas DataFrame, not {type(frame).__name__}")
    attrs = json.dumps(to_jsonable(dict(frame.attrs), f"{port}.attrs"), allow_nan=False)
    names = [str(column) for column in frame.columns]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise ValueError(f"output {port!r} has duplicate column names: {', '.join(duplicates)}")
    renamed = frame.set_axis(names, axis="columns")
    renamed.attrs = {}
    table = pa.Table.from_pandas(renamed)
    metadata = {**(table.schema.metadata or {}), ATTRS_KEY: attrs.encode("utf-8")}
    pq.write_table(
        table.replace_schema_metadata(metadata), target, use_dictionary=_repeating(table)
    )
    return target


def _repeating(table: Any) -> list[str]:
    """Columns written with a dictionary, as the server writes them: text, bytes and
    categories only (the same bytes as a step's output make the same cache keys)."""
    import pyarrow as pa

    kinds = (
        pa.types.is_string,
        pa.types.is_large_string,
        pa.types.is_binary,
        pa.types.is_large_binary,
        pa.types.is_dictionary,
    )
    return [field.name for field in table.schema if any(kind(field.type) for kind in kinds)]


def _write_file(value: Any, out_dir: Path, port: str) -> Path:
    if isinstance(value, os.PathLike):
        source = Path(value)
        if not source.is_file():
            raise FileNotFoundError(f"output {port!r} names {source}, which is not a file")
        target = out_dir / f"{port}{source.suffix}"
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)
        return target
    if isinstance(value, bytes | bytearray):
        target = out_dir / port
        target.write_bytes(bytes(value))
        return target
    if isinstance(value, str):
        target = out_dir / f"{port}.txt"
        target.write_text(value, encoding="utf-8")
        return target
    raise TypeError(
        f"output {port!r} (file) must be a Path, bytes or str, not {type(value).__name__}"
    )


def _write_folder(value: Any, target: Path, port: str) -> Path:
    if not isinstance(value, os.PathLike) or not Path(value).is_dir():
        raise TypeError(f"output {port!r} (folder) must be the Path of a directory, got {value!r}")
    if Path(value).resolve() != target.resolve():
        shutil.copytree(value, target, dirs_exist_ok=True)
    return target


def to_jsonable(value: Any, where: str = "value") -> Any:
    """Strict JSON data: numpy to Python, paths to text, non-finite floats to None."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v, f"{where}[{k!r}]") for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    tolist = getattr(value, "tolist", None)
    if callable(tolist) and type(value).__module__.startswith("numpy"):
        return to_jsonable(tolist(), where)
    raise TypeError(f"{where} is a {type(value).__name__}, which cannot be stored as JSON")


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def content_digest(path: Path) -> str:
    """The artifact store's digest: of a file's bytes, or of a folder's names and contents."""
    if not path.is_dir():
        return file_digest(path)
    digest = hashlib.sha256()
    for item in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f"{item.relative_to(path).as_posix()}\0{file_digest(item)}\n".encode())
    return digest.hexdigest()
