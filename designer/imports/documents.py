"""Uploaded files, read as YAML that keeps every scalar as its text, and the refusals they earn.

Azure ML and Kubeflow files are read with PyYAML, whose YAML 1.1 rules turn `1e-3` into a string,
`version: 01` into the integer 1 and `True` into a boolean, whatever the file declared. So every
scalar is kept here as the text written (a quoted one as `Quoted`), and `coerce.py` turns it into
a value by the type the file declares for it. Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, NoReturn

import yaml

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_DEPTH = 64
NULLS = ("", "~", "null", "Null", "NULL")


class Quoted(str):
    """A scalar written in quotes: always text, never a number, boolean or null."""


@dataclass(frozen=True)
class Refusal:
    """One reason a file cannot be imported: the file, the field (dotted) and what to do."""

    file: str
    field: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "field": self.field, "message": self.message}

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{where}: {self.message}"


class ImportRefused(Exception):
    """The import was refused; `refusals` says why, file by file and field by field."""

    def __init__(self, refusals: list[Refusal]) -> None:
        super().__init__("; ".join(str(refusal) for refusal in refusals))
        self.refusals = refusals


@dataclass
class Problems:
    """Refusals gathered while reading one file, so a file reports every problem at once."""

    file: str
    found: list[Refusal] = field(default_factory=list)

    def add(self, field_path: str, message: str) -> None:
        self.found.append(Refusal(self.file, field_path, message))

    def raise_if_any(self) -> None:
        if self.found:
            raise ImportRefused(self.found)

    def refuse(self, field_path: str, message: str) -> NoReturn:
        """Stop reading the file: this problem leaves nothing else worth checking."""
        self.add(field_path, message)
        raise ImportRefused(self.found)


def is_null(value: object) -> bool:
    return value is None or (
        isinstance(value, str) and not isinstance(value, Quoted) and value in NULLS
    )


def load_text(data: bytes, name: str) -> Any:
    """The file's single YAML document, every scalar as text; refused when not readable."""
    problems = Problems(name)
    if len(data) > MAX_FILE_BYTES:
        problems.add("", f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB")
        problems.raise_if_any()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.add("", f"the file is not UTF-8 text (byte {error.start})")
        problems.raise_if_any()
    try:
        documents = [doc for doc in _documents(text) if not is_null(doc)]
    except yaml.YAMLError as error:
        problems.add("", f"not valid YAML: {_describe(error)}")
        problems.raise_if_any()
    if len(documents) > 1:
        problems.add(
            "",
            f"the file holds {len(documents)} YAML documents; only the first (the pipeline or "
            "component) can be imported: platform settings in later documents have no "
            "counterpart here, remove them",
        )
        problems.raise_if_any()
    return documents[0] if documents else None


def _documents(text: str) -> Iterator[Any]:
    _check_events(text)
    yield from yaml.load_all(text, Loader=_TextLoader)  # a BaseLoader: text scalars only


def _check_events(text: str) -> None:
    """Refuse aliases (a few lines could expand to gigabytes) and absurd nesting before loading."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            line = event.start_mark.line + 1 if event.start_mark else "?"
            raise yaml.YAMLError(f"a YAML alias (*name) at line {line}; write the value out")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.YAMLError(f"nesting deeper than {MAX_DEPTH} levels")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _describe(error: yaml.YAMLError) -> str:
    if isinstance(error, yaml.MarkedYAMLError) and error.problem_mark is not None:
        mark = error.problem_mark
        return f"line {mark.line + 1}, column {mark.column + 1}: {error.problem}"
    return str(error)


class _TextLoader(yaml.BaseLoader):
    """Every scalar as its text; quoted ones marked, repeated keys refused."""


def _scalar(loader: _TextLoader, node: yaml.ScalarNode) -> str:
    text = loader.construct_scalar(node)
    return Quoted(text) if node.style in ("'", '"') else text


def _mapping(loader: _TextLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be text", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                "while reading a mapping",
                node.start_mark,
                f"key {key!r} appears twice; keep only one",
                key_node.start_mark,
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


_TextLoader.add_constructor("tag:yaml.org,2002:str", _scalar)
_TextLoader.add_constructor("tag:yaml.org,2002:map", _mapping)


class Bundle:
    """The files of one import, by their relative path (`a/b/c.yml`), found from one another."""

    def __init__(self, files: Mapping[str, bytes]) -> None:
        self.files = {normal_path(name): data for name, data in files.items()}

    def __contains__(self, path: str) -> bool:
        return path in self.files

    def yaml_files(self) -> list[str]:
        return sorted(p for p in self.files if p.lower().endswith((".yml", ".yaml")))

    def relative(self, base: str, target: str) -> str:
        """`target` as written in file `base` (relative to its folder), as a bundle path."""
        folder = PurePosixPath(base).parent
        return normal_path((folder / target.strip()).as_posix())

    def find(self, base: str, target: str) -> str | None:
        """The bundle path `target` names from `base`; also found by its name alone when the
        upload did not keep folders and only one file has that name."""
        exact = self.relative(base, target)
        if exact in self.files:
            return exact
        name = PurePosixPath(exact).name
        same_name = [path for path in self.files if PurePosixPath(path).name == name]
        return same_name[0] if len(same_name) == 1 else None

    def folder(self, base: str, target: str) -> dict[str, bytes]:
        """The files under folder `target` (relative to `base`), by their path inside it."""
        root = self.relative(base, target)
        prefix = "" if root in ("", ".") else root + "/"
        return {
            path[len(prefix) :]: data
            for path, data in self.files.items()
            if path.startswith(prefix)
        }


def normal_path(path: str) -> str:
    """`./a/../b//c.yml` → `b/c.yml`; `..` that would leave the bundle is kept as `..`."""
    parts: list[str] = []
    for part in path.replace("\\", "/").split("/"):
        if part in ("", "."):
            continue
        if part == ".." and parts and parts[-1] != "..":
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)
