"""From Python type hints to component ports and parameters.

`pd.DataFrame` is a dataframe port, `Path` (or `File`) a file, `Folder` a folder, `dict`/`list`
(or `Json`) a json port, anything else (an estimator, `Model`) a model; `int`, `float`, `str`,
`bool` and `Literal[...]` are parameters, and `Annotated[str, Column("data")]` picks a column of
the dataframe input `data`. `X | None` makes a port or parameter optional. Hints written as
strings (`from __future__ import annotations`) are understood without importing pandas.
This module must not import pandas or anything of the server.
"""

from __future__ import annotations

import ast
import pathlib
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union

from pipewright.errors import ComponentDefinitionError


@dataclass(frozen=True)
class PortKind:
    """Annotated metadata naming a port type: `Annotated[Path, PortKind("folder")]`."""

    type: str


@dataclass(frozen=True)
class Column:
    """Annotated metadata: a `column` parameter choosing one column of dataframe input `input`."""

    input: str


@dataclass(frozen=True)
class Columns:
    """Annotated metadata: a `columns` parameter choosing columns of dataframe input `input`."""

    input: str


File = Annotated[pathlib.Path, PortKind("file")]
Folder = Annotated[pathlib.Path, PortKind("folder")]
Model = Annotated[Any, PortKind("model")]
Json = Annotated[Any, PortKind("json")]

SCALARS = {bool: "boolean", int: "integer", float: "number", str: "string"}
# Hints still written as text because they could not be evaluated (pandas not importable here).
TEXT_PORTS = {
    "pd.DataFrame": "dataframe",
    "pandas.DataFrame": "dataframe",
    "DataFrame": "dataframe",
    "Path": "file",
    "pathlib.Path": "file",
    "File": "file",
    "Folder": "folder",
    "Model": "model",
    "Json": "json",
    "dict": "json",
    "list": "json",
}
TEXT_SCALARS = {"bool": "boolean", "int": "integer", "float": "number", "str": "string"}


@dataclass(frozen=True)
class Kind:
    """What a hint makes: a port (`port` set) or a parameter (`param` set), optional or not."""

    port: str | None = None
    param: dict[str, Any] | None = None
    optional: bool = False


def classify(hint: Any, where: str) -> Kind:
    """The port or parameter a hint declares; `where` names it in errors."""
    hint, optional = _strip_optional(hint)
    if isinstance(hint, str):
        return _classify_text(hint.strip(), optional, where)
    if typing.get_origin(hint) is Annotated:
        base, *extras = typing.get_args(hint)
        for extra in extras:
            if isinstance(extra, PortKind):
                return Kind(port=extra.type, optional=optional)
            if isinstance(extra, Column | Columns):
                kind = "column" if isinstance(extra, Column) else "columns"
                return Kind(param={"type": kind, "input": extra.input}, optional=optional)
        inner = classify(base, where)
        return Kind(inner.port, inner.param, inner.optional or optional)
    if typing.get_origin(hint) is Literal:
        values = list(typing.get_args(hint))
        if not all(isinstance(v, str) for v in values):
            raise ComponentDefinitionError(
                f"{where}: Literal choices must be strings, got {values}"
            )
        return Kind(param={"type": "enum", "values": values}, optional=optional)
    if hint in SCALARS:
        return Kind(param={"type": SCALARS[hint]}, optional=optional)
    return Kind(port=_port_type(hint), optional=optional)


def output_port(hint: Any, where: str) -> Kind:
    """An output's port: as for inputs, except that a returned scalar travels as json."""
    kind = classify(hint, where)
    if kind.param is not None:
        if kind.param["type"] in ("column", "columns"):
            raise ComponentDefinitionError(f"{where}: an output cannot be a column choice")
        return Kind(port="json", optional=kind.optional)
    return kind


def _port_type(hint: Any) -> str:
    origin = typing.get_origin(hint) or hint
    if _is_dataframe(origin):
        return "dataframe"
    if isinstance(origin, type) and issubclass(origin, pathlib.PurePath):
        return "file"
    if origin in (dict, list, tuple) or origin in (Mapping, Sequence):
        return "json"
    return "model"


def _is_dataframe(value: Any) -> bool:
    return (
        isinstance(value, type)
        and value.__name__ == "DataFrame"
        and value.__module__.split(".")[0] == "pandas"
    )


def _classify_text(text: str, optional: bool, where: str) -> Kind:
    if text.startswith("Optional[") and text.endswith("]"):
        return _classify_text(text[len("Optional[") : -1].strip(), True, where)
    members = [part.strip() for part in text.split("|")]
    if len(members) == 2 and "None" in members:
        return _classify_text(next(m for m in members if m != "None"), True, where)
    base = text.split("[", 1)[0].strip()
    if base in ("Literal", "typing.Literal") and text.endswith("]"):
        values = ast.literal_eval("[" + text.split("[", 1)[1][:-1] + "]")
        if not values or not all(isinstance(v, str) for v in values):
            return _unreadable(text, where)
        return Kind(param={"type": "enum", "values": values}, optional=optional)
    if base in TEXT_SCALARS:
        return Kind(param={"type": TEXT_SCALARS[base]}, optional=optional)
    if base in TEXT_PORTS:
        return Kind(port=TEXT_PORTS[base], optional=optional)
    return _unreadable(text, where)


def _unreadable(text: str, where: str) -> Kind:
    raise ComponentDefinitionError(
        f"{where}: cannot read the type hint {text!r}; import what it names at the top of the "
        "module, or use pipewright's File, Folder, Model or Json"
    )


def _strip_optional(hint: Any) -> tuple[Any, bool]:
    """`X | None` and `Optional[X]` are X, optional."""
    if typing.get_origin(hint) in (Union, types.UnionType):
        members = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(members) == 1:
            return members[0], True
    return hint, False
