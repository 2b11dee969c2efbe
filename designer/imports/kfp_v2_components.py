"""Kubeflow Pipelines v2 compiled components → `command` components of ours.

A component with a container executor becomes a command component: parameters from
`inputDefinitions.parameters`, ports from the artifacts and from output parameters, its command
from the executor's `command` + `args`, whose `{{$.inputs.parameters['x']}}`-style placeholders,
`Concat` and `IfPresent` become ours. `{{$}}` (a lightweight Python component's executor input)
is refused. Plain Python: no Django.
"""

from __future__ import annotations

import json
import re
import shlex
from collections.abc import Mapping
from pathlib import PurePosixPath
from typing import Any

from designer.imports.coerce import CoerceError, coerce, to_name
from designer.imports.documents import Problems, is_null
from designer.imports.drafts import CATEGORY, ComponentDraft, with_marker_output

PARAM_TYPES = {
    "STRING": "string",
    "NUMBER_INTEGER": "integer",
    "INT": "integer",
    "NUMBER_DOUBLE": "number",
    "DOUBLE": "number",
    "BOOLEAN": "boolean",
    "STRUCT": "string",
    "LIST": "string",
}
JSON_OUTPUTS = ("NUMBER_INTEGER", "INT", "NUMBER_DOUBLE", "DOUBLE", "STRUCT", "LIST")
PLACEHOLDER = re.compile(
    r"\{\{\$(?:\.(inputs|outputs)\.(parameters|artifacts)\['([^']+)'\](?:\.(path|output_file|uri|metadata))?)?\}\}"
)
VERSION = "1.0.0"


def read_component(
    key: str, body: Any, executors: Mapping[str, Any], source: str, problems: Problems
) -> ComponentDraft | None:
    field = f"components.{key}"
    if not isinstance(body, Mapping):
        problems.add(field, "a component must be a mapping")
        return None
    if "dag" in body:
        problems.add(
            f"{field}.dag", "nested DAGs (sub-pipelines, loops, conditions) cannot be imported"
        )
        return None
    executor = executors.get(str(body.get("executorLabel")), {})
    container = executor.get("container") if isinstance(executor, Mapping) else None
    if not isinstance(container, Mapping):
        kind = (
            next(iter(executor), "none") if isinstance(executor, Mapping) and executor else "none"
        )
        problems.add(
            f"{field}.executorLabel", f"only container executors can be imported, not {kind}"
        )
        return None
    params, ports, outputs, types = _definitions(body, field, problems)
    command = _command(
        container,
        params,
        ports,
        outputs,
        f"deploymentSpec.executors.{body.get('executorLabel')}.container",
        problems,
    )
    name = to_name(key.removeprefix("comp-"))
    spec = {
        "name": name,
        "version": VERSION,
        "display_name": key.removeprefix("comp-"),
        "category": CATEGORY,
        "description": "",
        "inputs": ports,
        "outputs": with_marker_output(outputs),
        "parameters": params,
        "command": command,
        "image": str(container.get("image") or "") or None,
        "origin": {
            "format": "kfp",
            "file": PurePosixPath(source).name,
            "name": key,
            "types": types,
        },
    }
    return ComponentDraft(source=source, spec=spec)


def _definitions(
    body: Mapping[str, Any], field: str, problems: Problems
) -> tuple[dict, dict, dict, dict]:
    inputs = mapping(body.get("inputDefinitions"), f"{field}.inputDefinitions", problems)
    outputs = mapping(body.get("outputDefinitions"), f"{field}.outputDefinitions", problems)
    params, ports, out_ports, types = {}, {}, {}, {}
    for name, spec in mapping(inputs.get("parameters"), "", problems).items():
        kind = param_type(spec)
        types[to_name(name)] = kind
        params[to_name(name)] = read_param(
            spec, kind, f"{field}.inputDefinitions.parameters.{name}", problems
        )
    for name, spec in mapping(inputs.get("artifacts"), "", problems).items():
        types[to_name(name)] = _artifact_type(spec)
        port: dict[str, Any] = {"type": "file"}
        if flag(spec, "isOptional"):
            port["optional"] = True
        ports[to_name(name)] = port
    for name, spec in mapping(outputs.get("parameters"), "", problems).items():
        kind = param_type(spec)
        types.setdefault(to_name(name), kind)
        out_ports[to_name(name)] = {"type": "json" if kind in JSON_OUTPUTS else "file"}
    for name, spec in mapping(outputs.get("artifacts"), "", problems).items():
        types.setdefault(to_name(name), _artifact_type(spec))
        out_ports[to_name(name)] = {"type": "file"}
    return params, ports, out_ports, types


def param_type(spec: Any) -> str:
    if not isinstance(spec, Mapping):
        return "STRING"
    return str(spec.get("parameterType") or spec.get("type") or "STRING").upper()


def _artifact_type(spec: Any) -> str:
    kind = spec.get("artifactType", {}) if isinstance(spec, Mapping) else {}
    return (
        str(kind.get("schemaTitle") or "system.Artifact")
        if isinstance(kind, Mapping)
        else "system.Artifact"
    )


def read_param(spec: Any, kind: str, field: str, problems: Problems) -> dict[str, Any]:
    ours = PARAM_TYPES.get(kind)
    if ours is None:
        problems.add(field, f"parameter type {kind} cannot be imported")
        return {"type": "string"}
    param: dict[str, Any] = {"type": ours, "description": str(spec.get("description") or "")}
    default = spec.get("defaultValue")
    if isinstance(default, (Mapping, list)):
        default = json.dumps(default)
    try:
        if not is_null(default):
            param["default"] = coerce(default, ours)
    except CoerceError as error:
        problems.add(f"{field}.defaultValue", f"does not fit type {kind}: {error}")
    if flag(spec, "isOptional"):
        param["optional"] = True
    return param


def _command(
    container: Mapping[str, Any],
    params: dict,
    ports: dict,
    outputs: dict,
    field: str,
    problems: Problems,
) -> str:
    items = [*(container.get("command") or []), *(container.get("args") or [])]
    for key in container:
        if key not in ("image", "command", "args", "env", "resources"):
            problems.add(f"{field}.{key}", f"'{key}' has no counterpart here")
    words = []
    count = len(container.get("command") or [])
    for index, item in enumerate(items):
        try:
            words.append(word(str(item), params, ports, outputs))
        except ValueError as error:
            where = f"command[{index}]" if index < count else f"args[{index - count}]"
            problems.add(f"{field}.{where}", str(error))
    env = container.get("env")
    prefix = []
    if isinstance(env, list):
        prefix = [
            "env",
            *(
                shlex.quote(f"{e.get('name')}={e.get('value')}")
                for e in env
                if isinstance(e, Mapping)
            ),
        ]
    return " ".join([*prefix, *words])


def word(text: str, params: dict, ports: dict, outputs: dict) -> str:
    """One argument as one word of ours: literal parts quoted, placeholders as ours."""
    structured = _structured(text)
    if structured is not None:
        return _structured_word(structured, params, ports, outputs)
    parts: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > last:
            parts.append(shlex.quote(text[last : match.start()]))
        parts.append(_placeholder(match, params, ports, outputs))
        last = match.end()
    if last < len(text) or not parts:
        parts.append(shlex.quote(text[last:]))
    return "".join(parts)


def _structured(text: str) -> Any:
    if not text.startswith('{"'):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, Mapping) and set(value) & {"IfPresent", "Concat"} else None


def _structured_word(value: Mapping[str, Any], params: dict, ports: dict, outputs: dict) -> str:
    if "Concat" in value:
        return "".join(word(str(part), params, ports, outputs) for part in value["Concat"])
    body = value["IfPresent"]
    if body.get("Else"):
        raise ValueError(
            "an IfPresent with Else has no counterpart here (a block is kept or dropped)"
        )
    then = body.get("Then") or []
    words = " ".join(
        word(str(part), params, ports, outputs)
        for part in (then if isinstance(then, list) else [then])
    )
    name = to_name(str(body.get("InputName")))
    if f".{name}}}}}" not in words:
        raise ValueError(
            f"the IfPresent branch for {body.get('InputName')!r} does not use that input"
        )
    return f"$[[{words}]]"


def _placeholder(match: re.Match[str], params: dict, ports: dict, outputs: dict) -> str:
    direction, kind, name, attribute = match.groups()
    if direction is None:
        raise ValueError(
            "{{$}} hands Kubeflow's executor input to a lightweight Python component, which needs "
            "Kubeflow's own executor; rebuild the component as a container component (or import "
            "its v1 YAML)"
        )
    ours = to_name(name)
    if direction == "inputs" and kind == "parameters" and attribute is None and ours in params:
        return "${{params." + ours + "}}"
    if direction == "inputs" and kind == "artifacts" and attribute == "path" and ours in ports:
        return "${{inputs." + ours + "}}"
    if direction == "outputs" and attribute in ("path", "output_file") and ours in outputs:
        return "${{outputs." + ours + "}}"
    raise ValueError(f"{match.group(0)} has no counterpart here (only values and paths do)")


def flag(spec: Any, key: str) -> bool:
    try:
        return bool(isinstance(spec, Mapping) and coerce(spec.get(key), "boolean"))
    except CoerceError:
        return False


def mapping(value: Any, field: str, problems: Problems) -> Mapping[str, Any]:
    if is_null(value):
        return {}
    if not isinstance(value, Mapping):
        if field:
            problems.add(field, "must be a mapping")
        return {}
    return value
