"""Python source that rebuilds a pipeline: `Pipeline.to_python()`.

The code names components by `Component.from_ref("name@version")`, so it runs without a server,
declares the pipeline parameters, and adds the nodes in dependency order, each with its id and
only the options that differ from the defaults. A position equal to the automatic layout's is
left out, so code for a pipeline pushed from Python reads like the code that built it. Running
the generated code gives a pipeline with the same graph. Pure: no I/O.
"""

from __future__ import annotations

import json
import keyword
import re
from typing import Any

from pipewright.layout import layout

RESERVED = {"Component", "Parameter", "Pipeline", "pipeline"}


class _Names:
    """Python identifiers for graph names, each used once."""

    def __init__(self) -> None:
        self.used = set(RESERVED)

    def take(self, wanted: str) -> str:
        base = re.sub(r"\W", "_", wanted) or "node"
        if base[0].isdigit():
            base = f"n_{base}"
        if keyword.iskeyword(base):
            base = f"{base}_"
        name, number = base, 1
        while name in self.used:
            number += 1
            name = f"{base}_{number}"
        self.used.add(name)
        return name


def pipeline_code(pipeline: Any) -> str:
    names = _Names()
    component_vars = _component_names(pipeline, names)
    param_vars = {p: names.take(p) for p in pipeline.parameters}
    node_vars = {node_id: names.take(node_id) for node_id in _dependency_order(pipeline)}
    auto = layout(_without_positions(pipeline))
    imports = "Component, Parameter, Pipeline" if pipeline.parameters else "Component, Pipeline"
    lines = [f'"""{_docline(pipeline)}"""', "", f"from pipewright import {imports}", ""]
    lines += [f"{var} = Component.from_ref({literal(ref)})" for ref, var in component_vars.items()]
    lines += ["", f"with Pipeline({', '.join(_pipeline_args(pipeline))}) as pipeline:"]
    for name, parameter in pipeline.parameters.items():
        lines.append(f"    {param_vars[name]} = {_parameter_call(parameter)}")
    for node_id, var in node_vars.items():
        node = pipeline.nodes[node_id]
        call = _node_call(node, component_vars, node_vars, param_vars)
        lines.append(f"    {var} = {call}{_node_options(node, auto[node_id])}")
    if not pipeline.nodes and not pipeline.parameters:
        lines.append("    pass")
    return "\n".join(lines) + "\n"


def literal(value: Any) -> str:
    """A Python literal for JSON-like data, strings in double quotes as formatters write them."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple):
        items = [literal(v) for v in value]
        return f"({items[0]},)" if len(items) == 1 else f"({', '.join(items)})"
    if isinstance(value, list):
        return f"[{', '.join(literal(v) for v in value)}]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _docline(pipeline: Any) -> str:
    # Kept free of backslashes and triple quotes, which would end or bend the docstring.
    name = pipeline.name.replace("\\", "/").replace('"""', "'''")
    return f"The pipeline {name!r}, as code."


def _component_names(pipeline: Any, names: _Names) -> dict[str, str]:
    by_name: dict[str, int] = {}
    for component in pipeline.components():
        by_name[component.name] = by_name.get(component.name, 0) + 1
    found = {}
    for component in pipeline.components():
        camel = "".join(part.capitalize() for part in component.name.split("_")) or "Component"
        if by_name[component.name] > 1:
            camel = f"{camel}_{re.sub(r'[^0-9A-Za-z]', '_', component.version)}"
        found[component.ref] = names.take(camel)
    return found


def _pipeline_args(pipeline: Any) -> list[str]:
    args = [literal(pipeline.name)]
    if pipeline.description:
        args.append(f"description={literal(pipeline.description)}")
    if pipeline.default_compute != "default":
        args.append(f"default_compute={literal(pipeline.default_compute)}")
    return args


def _parameter_call(parameter: Any) -> str:
    args = [literal(parameter.name), literal(parameter.default), f"type={literal(parameter.type)}"]
    if parameter.description:
        args.append(f"description={literal(parameter.description)}")
    return f"Parameter({', '.join(args)})"


def _node_call(node: Any, components: dict, nodes: dict, params: dict) -> str:
    pairs = [
        (port, f"{nodes[ref.node.id]}.outputs[{literal(ref.port)}]")
        for port, ref in node.inputs.items()
    ]
    for name, value in node.params.items():
        bound = value.get("$param") if isinstance(value, dict) and len(value) == 1 else None
        pairs.append((name, params[bound] if bound in params else literal(value)))
    function = components[node.component.ref]
    if all(name.isidentifier() and not keyword.iskeyword(name) for name, _ in pairs):
        args = ", ".join(f"{name}={code}" for name, code in pairs)
    else:  # a name Python cannot take as a keyword: pass them all as a mapping
        args = "**{" + ", ".join(f"{literal(name)}: {code}" for name, code in pairs) + "}"
    return f"{function}({args}).named({literal(node.id)})"


def _node_options(node: Any, auto_position: dict[str, int]) -> str:
    options: dict[str, Any] = {}
    if node.compute:
        options["compute"] = node.compute
    if not node.reuse:
        options["reuse"] = False
    if node.comment:
        options["comment"] = node.comment
    if node.position and node.position != auto_position:
        options["position"] = (node.position["x"], node.position["y"])
    if node.disabled:
        options["disabled"] = True
    options.update(node.extra)
    if not options:
        return ""
    return f".set({', '.join(f'{k}={literal(v)}' for k, v in options.items())})"


def _dependency_order(pipeline: Any) -> list[str]:
    """Node ids with every node after the nodes it reads from; otherwise in graph order."""
    placed: list[str] = []
    pending = list(pipeline.nodes)
    while pending:
        ready = [
            n
            for n in pending
            if all(ref.node.id in placed for ref in pipeline.nodes[n].inputs.values())
        ]
        # A cycle cannot be built in Python; place the rest as they come rather than loop.
        step = ready[:1] or pending[:1]
        placed += step
        pending.remove(step[0])
    return placed


class _Unplaced:
    """A view of a pipeline whose nodes have no positions: what the automatic layout gives."""

    def __init__(self, pipeline: Any) -> None:
        self.nodes = {k: _NodeView(v) for k, v in pipeline.nodes.items()}


class _NodeView:
    def __init__(self, node: Any) -> None:
        self.id = node.id
        self.inputs = node.inputs
        self.position = None


def _without_positions(pipeline: Any) -> _Unplaced:
    return _Unplaced(pipeline)
