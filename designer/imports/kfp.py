"""Kubeflow Pipelines v1 component YAML → a `command` component of ours.

An input becomes a parameter when the command takes its value (`inputValue`) and an input port
when it takes a path (`inputPath`); Kubeflow's type then gives ours (String → string, Integer →
integer, Float → number, Bool → boolean, JSON → string; an artifact type passed by value → string;
ApacheParquet → dataframe, any other artifact → file). Defaults, always written as text in these
files, are coerced by the declared type. Outputs are ports: numbers and JSON → json, ApacheParquet
→ dataframe, the rest → file. The container image is recorded. Plain Python: no Django.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from designer.imports.coerce import CoerceError, coerce, to_name
from designer.imports.commands import CommandRefused, from_kfp
from designer.imports.documents import Problems, is_null
from designer.imports.drafts import CATEGORY, ComponentDraft, with_marker_output

TOP_KEYS = ("name", "description", "inputs", "outputs", "implementation", "metadata")
INPUT_KEYS = ("name", "type", "default", "optional", "description", "annotations")
CONTAINER_KEYS = ("image", "command", "args", "env")
PARAM_TYPES = {
    "string": "string",
    "str": "string",
    "integer": "integer",
    "int": "integer",
    "float": "number",
    "double": "number",
    "bool": "boolean",
    "boolean": "boolean",
    "jsonobject": "string",
    "jsonarray": "string",
    "dict": "string",
    "list": "string",
}
JSON_OUTPUTS = ("integer", "int", "float", "double", "jsonobject", "jsonarray", "dict", "list")
TABLE_TYPES = ("apacheparquet",)
VERSION = "1.0.0"


def is_kfp_component(data: Mapping[str, Any]) -> bool:
    return isinstance(data.get("implementation"), Mapping)


def type_text(kind: Any) -> str:
    """A Kubeflow type as one word: `CSV`, or `GcsPath` for `{GcsPath: {data_type: TSV}}`."""
    if isinstance(kind, Mapping) and len(kind) == 1:
        return str(next(iter(kind)))
    return "" if is_null(kind) else str(kind)


def read_component(data: Mapping[str, Any], source: str) -> ComponentDraft:
    """The component draft of one v1 component file; refused with every problem found."""
    problems = Problems(source)
    for key in data:
        if key not in TOP_KEYS:
            problems.add(key, f"'{key}' is not part of a Kubeflow v1 component; remove it")
    container = _container(data.get("implementation"), problems)
    inputs = _entries(data.get("inputs"), "inputs", problems)
    outputs = _entries(data.get("outputs"), "outputs", problems)
    problems.raise_if_any()
    items = [*_list(container.get("command"), "command", problems)]
    items += _list(container.get("args"), "args", problems)
    usage = _usage(items)
    spec = _spec(data, source, inputs, outputs, usage, container, problems)
    problems.raise_if_any()
    return ComponentDraft(source=source, spec=spec)


def _container(implementation: Any, problems: Problems) -> Mapping[str, Any]:
    if not isinstance(implementation, Mapping) or set(implementation) != {"container"}:
        problems.add(
            "implementation",
            "only container implementations can be imported (a graph implementation is a "
            "pipeline of components: import those components and wire them on the canvas)",
        )
        return {}
    container = implementation["container"]
    if not isinstance(container, Mapping):
        problems.add("implementation.container", "must be a mapping with image and command")
        return {}
    for key in container:
        if key not in CONTAINER_KEYS:
            problems.add(
                f"implementation.container.{key}",
                f"'{key}' has no counterpart here; allowed: {', '.join(CONTAINER_KEYS)}",
            )
    if not container.get("command"):
        problems.add("implementation.container.command", "the container needs a command")
    return container


def _entries(section: Any, kind: str, problems: Problems) -> list[Mapping[str, Any]]:
    if is_null(section):
        return []
    if not isinstance(section, list) or not all(isinstance(e, Mapping) for e in section):
        problems.add(kind, f"{kind} must be a list of {{name: ..., type: ...}} entries")
        return []
    for index, entry in enumerate(section):
        if not isinstance(entry.get("name"), str) or not entry["name"].strip():
            problems.add(f"{kind}[{index}].name", "every entry needs a name")
        for key in entry:
            if key not in INPUT_KEYS:
                problems.add(f"{kind}[{index}].{key}", f"unknown key '{key}'")
    return list(section)


def _list(value: Any, field: str, problems: Problems) -> list[Any]:
    if is_null(value):
        return []
    if not isinstance(value, list):
        problems.add(f"implementation.container.{field}", f"{field} must be a list")
        return []
    return value


def _usage(items: Any) -> dict[str, set[str]]:
    """How the command uses each input: {name: {"inputValue", "inputPath"}}."""
    found: dict[str, set[str]] = {}

    def walk(item: Any) -> None:
        if isinstance(item, Mapping):
            for kind, value in item.items():
                if kind in ("inputValue", "inputPath") and isinstance(value, str):
                    found.setdefault(value, set()).add(kind)
                else:
                    walk(value)
        elif isinstance(item, list):
            for part in item:
                walk(part)

    walk(items)
    return found


def _spec(
    data: Mapping[str, Any],
    source: str,
    inputs: list[Mapping[str, Any]],
    outputs: list[Mapping[str, Any]],
    usage: dict[str, set[str]],
    container: Mapping[str, Any],
    problems: Problems,
) -> dict[str, Any]:
    names = _Names(problems)
    ports, params, types = {}, {}, {}
    for index, entry in enumerate(inputs):
        name = names.ours("inputs", index, entry["name"])
        types[name] = type_text(entry.get("type"))
        as_value = _as_value(entry, usage.get(entry["name"], set()), f"inputs[{index}]", problems)
        if as_value:
            params[name] = _param(entry, f"inputs[{index}]", problems)
        else:
            ports[name] = _input_port(entry, f"inputs[{index}]", problems)
    out_ports = {}
    for index, entry in enumerate(outputs):
        name = names.ours("outputs", index, entry["name"])
        types.setdefault(name, type_text(entry.get("type")))
        out_ports[name] = {"type": _output_type(entry), "description": _text(entry, "description")}
    command = _command(container, names, params, problems)
    return {
        "name": _component_name(data, problems),
        "version": VERSION,
        "display_name": str(data.get("name") or "").strip(),
        "category": CATEGORY,
        "description": _text(data, "description"),
        "inputs": ports,
        "outputs": with_marker_output(out_ports),
        "parameters": params,
        "command": command,
        "image": str(container.get("image") or "") or None,
        "origin": {
            "format": "kfp",
            "file": PurePosixPath(source).name,
            "name": str(data.get("name")),
            "types": types,
        },
    }


class _Names:
    """Our names for Kubeflow's (which may hold spaces and capitals), refusing collisions."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems
        self.by_kind: dict[str, dict[str, str]] = {"inputs": {}, "outputs": {}}

    def ours(self, kind: str, index: int, theirs: str) -> str:
        try:
            name = to_name(theirs)
        except CoerceError as error:
            self.problems.add(f"{kind}[{index}].name", str(error))
            return f"unnamed_{index}"
        taken = self.by_kind[kind]
        if name in taken.values():
            self.problems.add(
                f"{kind}[{index}].name",
                f"'{theirs}' and another {kind[:-1]} both become '{name}' here; rename one",
            )
        taken[theirs] = name
        return name

    def of(self, kind: str, theirs: str) -> str | None:
        return self.by_kind[kind].get(theirs)


def _as_value(entry: Mapping[str, Any], used: set[str], field: str, problems: Problems) -> bool:
    if used == {"inputValue", "inputPath"}:
        problems.add(field, "the command takes this input both by value and by path; pick one")
    if used:
        return "inputValue" in used
    return type_text(entry.get("type")).lower() in PARAM_TYPES


def _param(entry: Mapping[str, Any], field: str, problems: Problems) -> dict[str, Any]:
    kind = PARAM_TYPES.get(type_text(entry.get("type")).lower(), "string")
    param: dict[str, Any] = {"type": kind, "description": _text(entry, "description")}
    try:
        default = coerce(entry.get("default"), kind)
        optional = coerce(entry.get("optional"), "boolean")
    except CoerceError as error:
        problems.add(
            f"{field}.default", f"does not fit type {type_text(entry.get('type'))}: {error}"
        )
        return param
    if "default" in entry and default is not None:
        param["default"] = default
    if optional:
        param["optional"] = True
    return param


def _input_port(entry: Mapping[str, Any], field: str, problems: Problems) -> dict[str, Any]:
    if not is_null(entry.get("default")):
        problems.add(
            f"{field}.default",
            "an input passed as a file (inputPath) cannot have a default value here; connect it",
        )
    kind = "dataframe" if type_text(entry.get("type")).lower() in TABLE_TYPES else "file"
    port: dict[str, Any] = {"type": kind, "description": _text(entry, "description")}
    try:
        if coerce(entry.get("optional"), "boolean"):
            port["optional"] = True
    except CoerceError as error:
        problems.add(f"{field}.optional", str(error))
    return port


def _output_type(entry: Mapping[str, Any]) -> str:
    kind = type_text(entry.get("type")).lower()
    if kind in JSON_OUTPUTS:
        return "json"
    return "dataframe" if kind in TABLE_TYPES else "file"


def _command(
    container: Mapping[str, Any], names: _Names, params: dict[str, Any], problems: Problems
) -> str:
    def placeholder(kind: str, theirs: str) -> str:
        if kind == "outputPath":
            ours = names.of("outputs", theirs)
            section = "outputs"
        else:
            ours = names.of("inputs", theirs)
            section = "params" if ours in params else "inputs"
        if ours is None:
            raise CommandRefused(f"{kind} {theirs!r} names no declared {section[:-1]}")
        return "${{" + f"{section}.{ours}" + "}}"

    items = list(container.get("command") or []) + list(container.get("args") or [])
    try:
        line = from_kfp(items, placeholder, "implementation.container")
    except CommandRefused as error:
        problems.add("implementation.container", str(error))
        return ""
    return _with_env(container.get("env"), line, problems)


def _with_env(env: Any, line: str, problems: Problems) -> str:
    """Container variables, set with `env NAME=value` in front of the command."""
    if is_null(env):
        return line
    if not isinstance(env, Mapping):
        problems.add("implementation.container.env", "env must map variable names to values")
        return line
    pairs = [shlex.quote(f"{name}={value}") for name, value in env.items()]
    return " ".join(["env", *pairs, line])


def _component_name(data: Mapping[str, Any], problems: Problems) -> str:
    try:
        return to_name(str(data.get("name") or ""))
    except CoerceError as error:
        problems.add("name", f"the component needs a name: {error}")
        return ""


def _text(data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    return "" if is_null(value) else str(value).strip()
