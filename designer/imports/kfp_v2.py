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
from collections.abc import Mapping
from typing import Any

from designer.imports.coerce import CoerceError, coerce, to_name
from designer.imports.documents import Problems
from designer.imports.drafts import ComponentDraft, ImportPlan, PipelineDraft
from designer.imports.graphs import edge, lay_out, node, source_node
from designer.imports.kfp_v2_components import mapping, param_type, read_component, read_param

TASK_KEYS = (
    "componentRef",
    "inputs",
    "dependentTasks",
    "cachingOptions",
    "taskInfo",
    "retryPolicy",
)


def is_kfp_pipeline(data: Mapping[str, Any]) -> bool:
    return "pipelineInfo" in data and "root" in data


def read_pipeline(data: Mapping[str, Any], source: str, plan: ImportPlan) -> PipelineDraft:
    problems = Problems(source)
    executors = mapping(
        mapping(data.get("deploymentSpec"), "deploymentSpec", problems).get("executors"),
        "deploymentSpec.executors",
        problems,
    )
    components = mapping(data.get("components"), "components", problems)
    refs = {}
    for key, body in components.items():
        draft = read_component(str(key), body, executors, source, problems)
        if draft is not None:
            plan.add_component(draft)
            refs[key] = draft
    root = mapping(data.get("root"), "root", problems)
    parameters, nodes, sources = _root_inputs(root.get("inputDefinitions"), problems)
    dag = mapping(root.get("dag"), "root.dag", problems)
    edges = []
    for name, task in mapping(dag.get("tasks"), "root.dag.tasks", problems).items():
        task_node, task_edges = _task(str(name), task, refs, parameters, sources, problems, plan)
        if task_node is not None:
            nodes.append(task_node)
            edges += task_edges
    problems.raise_if_any()
    lay_out(nodes, edges)
    info = mapping(data.get("pipelineInfo"), "pipelineInfo", problems)
    return PipelineDraft(
        source=source,
        name=str(info.get("displayName") or info.get("name") or "Imported pipeline"),
        description=str(info.get("description") or ""),
        default_compute="default",
        parameters=parameters,
        graph={"nodes": nodes, "edges": edges},
    )


# --- the root DAG ---------------------------------------------------------------------------


def _root_inputs(definitions: Any, problems: Problems) -> tuple[dict, list, dict]:
    definitions = mapping(definitions, "root.inputDefinitions", problems)
    parameters: dict[str, Any] = {}
    for name, spec in mapping(definitions.get("parameters"), "", problems).items():
        param = read_param(
            spec, param_type(spec), f"root.inputDefinitions.parameters.{name}", problems
        )
        kind = param["type"]
        parameters[name] = {"type": kind, "description": param["description"]}
        if "default" in param:
            parameters[name]["default"] = param["default"]
    nodes, sources = [], {}
    for name in mapping(definitions.get("artifacts"), "", problems):
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
