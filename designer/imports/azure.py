"""Azure ML v2 command component YAML → a `command` component of ours.

Azure declares data and values alike under `inputs:`; here a literal input (number, integer,
boolean, string) becomes a parameter and its `${{inputs.x}}` becomes `${{params.x}}`, while a data
input becomes an input port: uri_file → file; uri_folder, mltable, mlflow_model, custom_model,
triton_model → folder. Values (defaults, min, max, enum) are coerced by the declared type. The
environment is recorded (an image in an inline environment becomes the component's `image`), and
the `code` folder's files, when uploaded with the YAML, become the component's folder.
Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from designer.imports.coerce import CoerceError, coerce, to_name, to_version
from designer.imports.commands import CommandRefused, from_azure
from designer.imports.documents import Bundle, Problems, is_null
from designer.imports.drafts import CATEGORY, ComponentDraft, ImportPlan, with_marker_output

TOP_KEYS = (
    "$schema",
    "type",
    "name",
    "version",
    "display_name",
    "description",
    "tags",
    "is_deterministic",
    "inputs",
    "outputs",
    "code",
    "environment",
    "command",
)
INPUT_KEYS = ("type", "default", "optional", "min", "max", "enum", "description", "mode", "path")
PARAM_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean", "string": "string"}
PORT_TYPES = {
    "uri_file": "file",
    "uri_folder": "folder",
    "mltable": "folder",
    "mlflow_model": "folder",
    "custom_model": "folder",
    "triton_model": "folder",
}
DEFAULT_VERSION = "1.0.0"


def is_command_component(data: Mapping[str, Any]) -> bool:
    return data.get("type") == "command" or (
        "command" in data and "jobs" not in data and "trigger" not in data
    )


def read_component(
    data: Mapping[str, Any], source: str, bundle: Bundle, plan: ImportPlan, name_hint: str = ""
) -> ComponentDraft:
    """The draft of one command component (a file, or a pipeline's inline step when `name_hint`
    names it); notes for the plan say what was recorded rather than used."""
    problems = Problems(source)
    for key in data:
        if key not in TOP_KEYS:
            problems.add(key, f"'{key}' has no counterpart here; remove it to import the component")
    params, inputs, types = _inputs(data.get("inputs"), problems)
    outputs = _outputs(data.get("outputs"), types, problems)
    command = _command(data.get("command"), params, inputs, outputs, problems)
    spec = {
        "name": _name(data, name_hint, problems),
        "version": _version(data, problems),
        "display_name": _text(data.get("display_name")) or _text(data.get("name")) or name_hint,
        "category": CATEGORY,
        "description": _text(data.get("description")),
        "inputs": {ours: port for ours, (_, port) in inputs.items()},
        "outputs": with_marker_output({ours: port for ours, (_, port) in outputs.items()}),
        "parameters": {ours: param for ours, (_, param) in params.items()},
        "command": command,
        "deterministic": _deterministic(data, problems),
        "tags": _tags(data.get("tags")),
    }
    image, environment = _environment(data.get("environment"), problems)
    if image:
        spec["image"] = image
    spec["origin"] = _origin(data, source, environment, types)
    problems.raise_if_any()
    return ComponentDraft(source=source, spec=spec, code=_code(data, source, bundle, plan))


Declared = dict[str, tuple[str, dict[str, Any]]]  # our name -> (Azure's name, our declaration)


def _inputs(section: Any, problems: Problems) -> tuple[Declared, Declared, dict[str, str]]:
    params: Declared = {}
    ports: Declared = {}
    types: dict[str, str] = {}
    for theirs, body in _mapping(section, "inputs", problems).items():
        field = f"inputs.{theirs}"
        ours = _port_name(theirs, field, {**params, **ports}, problems)
        body = _declaration(body, field, problems)
        kind = str(body.get("type") or "")
        types[ours] = kind
        for key in body:
            if key not in INPUT_KEYS:
                problems.add(f"{field}.{key}", f"'{key}' has no counterpart here; remove it")
        if kind in PARAM_TYPES:
            params[ours] = (theirs, _param(body, kind, field, problems))
        elif kind in PORT_TYPES:
            ports[ours] = (theirs, _port(body, kind, field, problems))
        else:
            problems.add(f"{field}.type", _type_message(kind, inputs=True))
    return params, ports, types


def _outputs(section: Any, types: dict[str, str], problems: Problems) -> Declared:
    outputs: Declared = {}
    for theirs, body in _mapping(section, "outputs", problems).items():
        field = f"outputs.{theirs}"
        ours = _port_name(theirs, field, outputs, problems)
        body = _declaration(body, field, problems)
        kind = str(body.get("type") or "uri_folder")
        if kind not in PORT_TYPES:
            problems.add(f"{field}.type", _type_message(kind, inputs=False))
            continue
        types.setdefault(ours, kind)
        port = {"type": PORT_TYPES[kind], "description": _text(body.get("description"))}
        outputs[ours] = (theirs, port)
    return outputs


def _type_message(kind: str, inputs: bool) -> str:
    allowed = [*PARAM_TYPES, *PORT_TYPES] if inputs else list(PORT_TYPES)
    return f"type {kind or '(none)'!r} cannot be imported; use one of {', '.join(allowed)}"


def _param(body: Mapping[str, Any], kind: str, field: str, problems: Problems) -> dict[str, Any]:
    ours = PARAM_TYPES[kind]
    param: dict[str, Any] = {"type": ours, "description": _text(body.get("description"))}
    for key in ("default", "min", "max", "optional"):
        if is_null(body.get(key)):
            continue
        target = "boolean" if key == "optional" else ("number" if key in ("min", "max") else ours)
        try:
            param[key] = coerce(body[key], target)
        except CoerceError as error:
            problems.add(f"{field}.{key}", f"does not fit type {kind}: {error}")
    if not is_null(body.get("enum")):
        _enum(param, body["enum"], kind, field, problems)
    return param


def _enum(param: dict[str, Any], values: Any, kind: str, field: str, problems: Problems) -> None:
    if kind != "string" or not isinstance(values, list):
        problems.add(f"{field}.enum", "only a string input can list enum values here")
        return
    param["type"] = "enum"
    param["values"] = [str(value) for value in values]
    if "default" in param and param["default"] not in param["values"]:
        problems.add(
            f"{field}.default",
            f"default {param['default']!r} is not one of the enum values {param['values']}",
        )


def _port(body: Mapping[str, Any], kind: str, field: str, problems: Problems) -> dict[str, Any]:
    if not is_null(body.get("default")) or not is_null(body.get("path")):
        problems.add(
            field,
            "a data input of a component cannot carry data of its own here; give the data in "
            "the pipeline that uses the component",
        )
    port: dict[str, Any] = {"type": PORT_TYPES[kind], "description": _text(body.get("description"))}
    try:
        if coerce(body.get("optional"), "boolean"):
            port["optional"] = True
    except CoerceError as error:
        problems.add(f"{field}.optional", str(error))
    return port


def _command(
    command: Any, params: Declared, inputs: Declared, outputs: Declared, problems: Problems
) -> str:
    if not isinstance(command, str) or not command.strip():
        problems.add("command", "a command component needs a command line")
        return ""
    theirs = (
        {("inputs", name): f"${{{{params.{ours}}}}}" for ours, (name, _) in params.items()}
        | {("inputs", name): f"${{{{inputs.{ours}}}}}" for ours, (name, _) in inputs.items()}
        | {("outputs", name): f"${{{{outputs.{ours}}}}}" for ours, (name, _) in outputs.items()}
    )
    try:
        return from_azure(command, lambda section, name: theirs.get((section, name)))
    except CommandRefused as error:
        problems.add("command", str(error))
        return ""


def _environment(environment: Any, problems: Problems) -> tuple[str | None, str]:
    """(image to record as the spec's `image`, the environment as text for `origin`)."""
    if is_null(environment):
        return None, ""
    if isinstance(environment, str):
        return None, environment.strip()
    if isinstance(environment, Mapping):
        image = environment.get("image")
        text = ", ".join(f"{key}: {value}" for key, value in environment.items())
        return (str(image).strip() if not is_null(image) else None), text
    problems.add("environment", "environment must be a reference or a mapping with an image")
    return None, ""


def _code(
    data: Mapping[str, Any], source: str, bundle: Bundle, plan: ImportPlan
) -> dict[str, bytes]:
    code = data.get("code")
    if is_null(code):
        return {}
    code = str(code).strip()
    files = {} if ":" in code else bundle.folder(source, code)
    files = {path: body for path, body in files.items() if path != "component.yaml"}
    if not files:
        plan.note(
            source,
            "code",
            f"the code folder {code} was not among the uploaded files, so the component was "
            "registered without it; upload the folder with the YAML (a zip, or files with "
            "their paths) for its command to find its files",
        )
    return files


def _origin(
    data: Mapping[str, Any], source: str, environment: str, types: dict[str, str]
) -> dict[str, Any]:
    origin: dict[str, Any] = {
        "format": "azureml",
        "file": PurePosixPath(source).name,
        "types": types,
    }
    for key in ("name", "version", "code"):
        if not is_null(data.get(key)):
            origin[key] = str(data[key]).strip()
    if environment:
        origin["environment"] = environment
    return origin


def _name(data: Mapping[str, Any], hint: str, problems: Problems) -> str:
    try:
        return to_name(str(data.get("name") or hint))
    except CoerceError as error:
        problems.add("name", f"the component needs a name: {error}")
        return ""


def _version(data: Mapping[str, Any], problems: Problems) -> str:
    if is_null(data.get("version")):
        return DEFAULT_VERSION
    try:
        return to_version(data["version"])
    except CoerceError as error:
        problems.add("version", str(error))
        return DEFAULT_VERSION


def _deterministic(data: Mapping[str, Any], problems: Problems) -> bool:
    try:
        value = coerce(data.get("is_deterministic"), "boolean")
    except CoerceError as error:
        problems.add("is_deterministic", str(error))
        return True
    return True if value is None else value


def _tags(tags: Any) -> list[str]:
    if isinstance(tags, Mapping):
        return [
            f"{key}: {value}" if not is_null(value) else str(key) for key, value in tags.items()
        ]
    if isinstance(tags, list):
        return [str(tag) for tag in tags if str(tag).strip()]
    return []


def _port_name(theirs: str, field: str, taken: Mapping[str, Any], problems: Problems) -> str:
    try:
        ours = to_name(theirs)
    except CoerceError as error:
        problems.add(field, str(error))
        return theirs
    if ours in taken:
        problems.add(field, f"'{theirs}' and another name both become '{ours}' here; rename one")
    return ours


def _declaration(body: Any, field: str, problems: Problems) -> Mapping[str, Any]:
    if is_null(body):
        return {}
    if isinstance(body, Mapping):
        return body
    problems.add(field, "must be a mapping like {type: uri_folder}")
    return {}


def _mapping(section: Any, field: str, problems: Problems) -> Mapping[str, Any]:
    if is_null(section):
        return {}
    if not isinstance(section, Mapping):
        problems.add(field, f"{field} must be a mapping of name to declaration")
        return {}
    return section


def _text(value: Any) -> str:
    return "" if is_null(value) else str(value).strip()
