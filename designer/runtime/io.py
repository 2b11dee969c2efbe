"""Reading input port values from files and writing output port values to files, by port type.

Responsible for the on-disk form of every port type: dataframe = Parquet with ``df.attrs`` kept as
JSON under the schema metadata key ``pipewright.attrs``; model = pickle; json = JSON; file and
folder = paths copied as they are. It must not know where files live (the artifact store, the
worker and the executor decide paths) and must not import Django. pandas and pyarrow are
imported by the functions that need them: a step that passes no dataframe never loads them (its
process may come from a zygote without them, see `designer.execution.launcher`).
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from designer.kernel.ports import PORT_TYPES
from designer.runtime.jsonable import to_jsonable

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

ATTRS_KEY = b"pipewright.attrs"
SUFFIXES = {"dataframe": ".parquet", "model": ".pkl", "json": ".json", "folder": ""}


def read_value(port_type: str, path: str | os.PathLike[str]) -> Any:
    """The Python value a component receives for an input of ``port_type`` stored at ``path``."""
    location = Path(path)
    if port_type == "dataframe":
        return read_dataframe(location)
    if port_type == "model":
        return read_model(location)
    if port_type == "json":
        return json.loads(location.read_text(encoding="utf-8"))
    if port_type in ("file", "folder"):
        return location
    raise ValueError(f"unknown port type {port_type!r}; expected one of {', '.join(PORT_TYPES)}")


def read_model(location: Path) -> Any:
    """A pickled model; a model that needs a package this environment lacks says which."""
    with location.open("rb") as handle:
        try:
            return pickle.load(handle)
        except ModuleNotFoundError as exc:
            raise ModuleNotFoundError(
                f"this model needs the Python module '{exc.name}', which this step's "
                "environment does not have; give it to a component whose environment installs "
                "it (a model from Train XGBoost Model goes to Score XGBoost Model)",
                name=exc.name,
            ) from exc


def output_path(port_type: str, out_dir: Path, port: str, suffix: str = "") -> Path:
    """Where an output named ``port`` goes: ``<port>.parquet``, ``.pkl``, ``.json``, ``<port>/``."""
    if port_type == "file":
        return out_dir / f"{port}{suffix}"
    if port_type not in SUFFIXES:
        raise ValueError(
            f"unknown port type {port_type!r}; expected one of {', '.join(PORT_TYPES)}"
        )
    return out_dir / f"{port}{SUFFIXES[port_type]}"


def write_value(port_type: str, value: Any, out_dir: Path, port: str) -> Path:
    """Store ``value`` as output ``port`` of type ``port_type`` in ``out_dir``; return its path."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if port_type == "dataframe":
        return write_dataframe(value, output_path(port_type, out_dir, port), port)
    if port_type == "model":
        target = output_path(port_type, out_dir, port)
        with target.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return target
    if port_type == "json":
        target = output_path(port_type, out_dir, port)
        text = json.dumps(to_jsonable(value, f"output {port!r}"), allow_nan=False, indent=2)
        target.write_text(text + "\n", encoding="utf-8")
        return target
    if port_type == "file":
        return _write_file(value, out_dir, port)
    if port_type == "folder":
        return _write_folder(value, output_path(port_type, out_dir, port), port)
    raise ValueError(f"unknown port type {port_type!r}; expected one of {', '.join(PORT_TYPES)}")


def read_dataframe(path: Path) -> pd.DataFrame:
    """A Parquet file (or a folder of them) as a DataFrame, with the ``attrs`` it was written
    with."""
    import pyarrow.parquet as pq

    # One file is read as it is: `read_table` goes through pyarrow's dataset layer, which
    # costs a fresh step's process about 2 ms more for the same table.
    if path.is_file():
        with pq.ParquetFile(path) as parquet:
            table = parquet.read()
    else:
        table = pq.read_table(path)
    frame = table.to_pandas()
    metadata = table.schema.metadata or {}
    frame.attrs = json.loads(metadata[ATTRS_KEY]) if ATTRS_KEY in metadata else {}
    return frame


def write_dataframe(frame: Any, target: Path, port: str = "data") -> Path:
    """Write ``frame`` as Parquet at ``target``, keeping ``frame.attrs`` in the schema metadata."""
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
    # Parquet needs string column names; set_axis returns a (copy-on-write) renamed copy.
    renamed = frame.set_axis(names, axis="columns")
    # pyarrow would also try to store attrs, in pandas' metadata and with a warning when it cannot;
    # ours under ATTRS_KEY is the one source, so it gets an attrs-free copy.
    renamed.attrs = {}
    table = pa.Table.from_pandas(renamed)
    metadata = {**(table.schema.metadata or {}), ATTRS_KEY: attrs.encode("utf-8")}
    pq.write_table(
        table.replace_schema_metadata(metadata), target, use_dictionary=_worth_a_dictionary(table)
    )
    return target


def _worth_a_dictionary(table: pa.Table) -> list[str]:
    """The columns to dictionary-encode: text, bytes and categories, which repeat values.
    Numbers are written plainly: a column of distinct floats only fills a dictionary to throw
    it away, which made writing a 200,000-row frame take four times as long."""
    import pyarrow as pa

    return [
        field.name
        for field in table.schema
        if pa.types.is_string(field.type)
        or pa.types.is_large_string(field.type)
        or pa.types.is_binary(field.type)
        or pa.types.is_large_binary(field.type)
        or pa.types.is_dictionary(field.type)
    ]


def _write_file(value: Any, out_dir: Path, port: str) -> Path:
    """A path is copied (keeping its suffix); bytes are written as ``<port>``, str as ``.txt``."""
    if isinstance(value, os.PathLike):
        source = Path(value)
        if not source.is_file():
            raise FileNotFoundError(f"output {port!r} names {source}, which is not a file")
        target = output_path("file", out_dir, port, source.suffix)
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)
        return target
    if isinstance(value, (bytes, bytearray)):
        target = output_path("file", out_dir, port)
        target.write_bytes(bytes(value))
        return target
    if isinstance(value, str):
        # A str is the file's text, not a path: return a pathlib.Path to have a file copied.
        target = output_path("file", out_dir, port, ".txt")
        target.write_text(value, encoding="utf-8")
        return target
    raise TypeError(
        f"output {port!r} (file) must be a Path, bytes or str, not {type(value).__name__}"
    )


def _write_folder(value: Any, target: Path, port: str) -> Path:
    if not isinstance(value, os.PathLike) or not Path(value).is_dir():
        raise TypeError(f"output {port!r} (folder) must be the Path of a directory, got {value!r}")
    source = Path(value)
    if source.resolve() != target.resolve():
        shutil.copytree(source, target, dirs_exist_ok=True)
    return target
