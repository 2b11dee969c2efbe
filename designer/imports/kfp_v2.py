"""Kubeflow Pipelines v2 compiled pipeline YAML (a PipelineSpec) → components and a pipeline.

Every component with a container executor becomes a `command` component: parameters from
`inputDefinitions.parameters`, ports from the artifacts and from output parameters, its command
from the executor's `command` + `args` with `{{$.inputs.parameters['x']}}`-style placeholders.
Each task of the root DAG becomes a node; `componentInputParameter` binds a pipeline parameter,
`runtimeValue.constant` sets a value, `taskOutputArtifact` is an edge and `componentInputArtifact`
an edge from an Import File node. Lightweight Python components (which need Kubeflow's own
executor, `{{$}}`), control flow and nested DAGs are refused. Plain Python: no Django.
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
from designer.imports.drafts import (
    CATEGORY,
    ComponentDraft,
    ImportPlan,
    PipelineDraft,
    with_marker_output,
)
from designer.imports.graphs import edge, lay_out, node, source_node

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
TASK_KEYS = (
    "componentRef",
    "inputs",
    "dependentTasks",
    "cachingOptions",
    "taskInfo",
    "retryPolicy",
)
VERSION = "1.0.0"


def is_kfp_pipeline(data: Mapping[str, Any]) -> bool:
    return "pipelineInfo" in data and "root" in data


def read_pipeline(data: Mapping[str, Any], source: str, plan: ImportPlan) -> PipelineDraft:
    problems = Problems(source)
    executors = _mapping(
        _mapping(data.get("deploymentSpec"), "deploymentSpec", problems).get("executors"),
        "deploymentSpec.executors",
        problems,
    )
    components = _mapping(data.get("components"), "components", problems)
    refs = {}
    for key, body in components.items():
        draft = _component(str(key), body, executors, source, problems)
        if draft is not None:
            plan.add_component(draft)
            refs[key] = draft
    root = _mapping(data.get("root"), "root", problems)
    parameters, nodes, sources = _root_inputs(root.get("inputDefinitions"), problems)
    dag = _mapping(root.get("dag"), "root.dag", problems)
    edges = []
    for name, task in _mapping(dag.get("tasks"), "root.dag.tasks", problems).items():
        task_node, task_edges = _task(str(name), task, refs, parameters, sources, problems, plan)
        if task_node is not None:
            nodes.append(task_node)
            edges += task_edges
    problems.raise_if_any()
    lay_out(nodes, edges)
    info = _mapping(data.get("pipelineInfo"), "pipelineInfo", problems)
    return PipelineDraft(
        source=source,
        name=str(info.get("displayName") or info.get("name") or "Imported pipeline"),
        description=str(info.get("description") or ""),
        default_compute="default",
        parameters=parameters,
        graph={"nodes": nodes, "edges": edges},
    )


# --- components -----------------------------------------------------------------------------


def _component(
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
    inputs = _mapping(body.get("inputDefinitions"), f"{field}.inputDefinitions", problems)
    outputs = _mapping(body.get("outputDefinitions"), f"{field}.outputDefinitions", problems)
    params, ports, out_ports, types = {}, {}, {}, {}
    for name, spec in _mapping(inputs.get("parameters"), "", problems).items():
        kind = _param_type(spec)
        types[to_name(name)] = kind
        params[to_name(name)] = _param(
            spec, kind, f"{field}.inputDefinitions.parameters.{name}", problems
        )
    for name, spec in _mapping(inputs.get("artifacts"), "", problems).items():
        types[to_name(name)] = _artifact_type(spec)
        port: dict[str, Any] = {"type": "file"}
        if _flag(spec, "isOptional"):
            port["optional"] = True
        ports[to_name(name)] = port
    for name, spec in _mapping(outputs.get("parameters"), "", problems).items():
        kind = _param_type(spec)
        types.setdefault(to_name(name), kind)
        out_ports[to_name(name)] = {"type": "json" if kind in JSON_OUTPUTS else "file"}
    for name, spec in _mapping(outputs.get("artifacts"), "", problems).items():
        types.setdefault(to_name(name), _artifact_type(spec))
        out_ports[to_name(name)] = {"type": "file"}
    return params, ports, out_ports, types


def _param_type(spec: Any) -> str:
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


def _param(spec: Any, kind: str, field: str, problems: Problems) -> dict[str, Any]:
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
    if _flag(spec, "isOptional"):
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
            words.append(_word(str(item), params, ports, outputs))
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


def _word(text: str, params: dict, ports: dict, outputs: dict) -> str:
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
        return "".join(_word(str(part), params, ports, outputs) for part in value["Concat"])
    body = value["IfPresent"]
    if body.get("Else"):
        raise ValueError(
            "an IfPresent with Else has no counterpart here (a block is kept or dropped)"
        )
    then = body.get("Then") or []
    words = " ".join(
        _word(str(part), params, ports, outputs)
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


# --- the root DAG ---------------------------------------------------------------------------


def _root_inputs(definitions: Any, problems: Problems) -> tuple[dict, list, dict]:
    definitions = _mapping(definitions, "root.inputDefinitions", problems)
    parameters: dict[str, Any] = {}
    for name, spec in _mapping(definitions.get("parameters"), "", problems).items():
        param = _param(
            spec, _param_type(spec), f"root.inputDefinitions.parameters.{name}", problems
        )
        kind = param["type"]
        parameters[name] = {"type": kind, "description": param["description"]}
        if "default" in param:
            parameters[name]["default"] = param["default"]
    nodes, sources = [], {}
    for name in _mapping(definitions.get("artifacts"), "", problems):
        parameters[name] = {
            "type": "string",
            "description": "Path of the file inside the server's data roots",
        }
        nodes.append(source_node(name, "file", name))
        sources[name] = name
    return parameters, nodes, sources


def _task(
    name: str,
    task: Any,
    refs: Mapping[str, ComponentDraft],
    parameters: Mapping[str, Any],
    sources: Mapping[str, str],
    problems: Problems,
    plan: ImportPlan,
) -> tuple[dict | None, list[dict]]:
    field = f"root.dag.tasks.{name}"
    if not isinstance(task, Mapping):
        problems.add(field, "a task must be a mapping")
        return None, []
    for key in task:
        if key not in TASK_KEYS:
            problems.add(f"{field}.{key}", f"'{key}' (control flow) cannot be imported")
    draft = refs.get(str((task.get("componentRef") or {}).get("name")))
    if draft is None:
        return None, []
    task_node = node(name, draft.ref)
    try:
        reuse = coerce((task.get("cachingOptions") or {}).get("enableCache"), "boolean")
        retries = coerce((task.get("retryPolicy") or {}).get("maxRetryCount"), "integer")
    except CoerceError as error:
        problems.add(field, str(error))
        reuse, retries = None, None
    task_node["reuse"] = reuse is not False
    if retries:
        task_node["max_retries"] = retries
    inputs = task.get("inputs") or {}
    edges = []
    for param, value in (inputs.get("parameters") or {}).items():
        _bind_parameter(
            task_node,
            draft,
            to_name(param),
            value,
            parameters,
            f"{field}.inputs.parameters.{param}",
            problems,
        )
    for port, value in (inputs.get("artifacts") or {}).items():
        link = _artifact_edge(
            name, to_name(port), value, sources, f"{field}.inputs.artifacts.{port}", problems
        )
        if link is not None:
            edges.append(link)
    fed = {link["source"] for link in edges}
    for upstream in task.get("dependentTasks") or []:
        if upstream not in fed:
            plan.note(
                problems.file,
                f"{field}.dependentTasks",
                f"{name} waited for {upstream} without taking data from it; here it may run first",
            )
    return task_node, edges


def _bind_parameter(
    task_node: dict,
    draft: ComponentDraft,
    param: str,
    value: Any,
    parameters: Mapping[str, Any],
    field: str,
    problems: Problems,
) -> None:
    declared = draft.spec["parameters"].get(param)
    if declared is None or not isinstance(value, Mapping):
        problems.add(field, f"{draft.ref} has no parameter '{param}'")
        return
    if "componentInputParameter" in value:
        task_node["params"][param] = {"$param": str(value["componentInputParameter"])}
    elif "runtimeValue" in value:
        constant = (value["runtimeValue"] or {}).get("constant")
        if isinstance(constant, (Mapping, list)):
            constant = json.dumps(constant)
        try:
            task_node["params"][param] = coerce(constant, declared["type"])
        except CoerceError as error:
            problems.add(field, str(error))
    else:
        problems.add(
            field,
            f"{next(iter(value), 'this')} cannot set a parameter here: a parameter takes a "
            "pipeline parameter or a constant (another task's output parameter would need a port)",
        )


def _artifact_edge(
    name: str, port: str, value: Any, sources: Mapping[str, str], field: str, problems: Problems
) -> dict | None:
    if isinstance(value, Mapping) and isinstance(value.get("taskOutputArtifact"), Mapping):
        link = value["taskOutputArtifact"]
        return edge(
            str(link.get("producerTask")), to_name(str(link.get("outputArtifactKey"))), name, port
        )
    if isinstance(value, Mapping) and value.get("componentInputArtifact") in sources:
        return edge(sources[value["componentInputArtifact"]], "data", name, port)
    problems.add(field, "an artifact input must take another task's output or a pipeline artifact")
    return None


def _flag(spec: Any, key: str) -> bool:
    try:
        return bool(isinstance(spec, Mapping) and coerce(spec.get(key), "boolean"))
    except CoerceError:
        return False


def _mapping(value: Any, field: str, problems: Problems) -> Mapping[str, Any]:
    if is_null(value):
        return {}
    if not isinstance(value, Mapping):
        if field:
            problems.add(field, "must be a mapping")
        return {}
    return value
