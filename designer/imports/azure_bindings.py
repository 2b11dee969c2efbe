"""Binding an Azure ML pipeline's job inputs and outputs: values, parameters and edges.

A job input bound to `${{parent.inputs.x}}` becomes a parameter binding (a value input) or an edge
from the source node of `x` (a data input); `${{parent.jobs.j.outputs.o}}` an edge, checked once
every job is read; a literal a value coerced by the component's declared type, or, for data, a
source node of its own. Job outputs bound to pipeline outputs are named in the node's comment.
Plain Python: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from designer.imports import azure
from designer.imports.coerce import CoerceError, coerce, to_name
from designer.imports.documents import Problems, is_null
from designer.imports.graphs import edge, unique_id

PARENT_INPUT = re.compile(r"\$\{\{\s*parent\.inputs\.([A-Za-z0-9_]+)\s*\}\}")
JOB_OUTPUT = re.compile(r"\$\{\{\s*parent\.jobs\.([A-Za-z0-9_]+)\.outputs\.([A-Za-z0-9_]+)\s*\}\}")
PARENT_OUTPUT = re.compile(r"\$\{\{\s*parent\.outputs\.([A-Za-z0-9_]+)\s*\}\}")
EXPRESSION = re.compile(r"\$\{\{.*?\}\}")
OUTPUT_KEYS = ("type", "mode", "path", "description")


@dataclass
class PipelineInput:
    """A pipeline input: a parameter (kind = integer…string, or "" until a binding tells) or data
    (kind = the Azure data type) read by a source node."""

    name: str
    kind: str
    data: bool
    raw: Any = None
    description: str = ""


@dataclass
class JobNode:
    node: dict[str, Any]
    spec: dict[str, Any]
    pending: list[tuple[str, str, str, str]] = field(default_factory=list)


class JobBindings:
    """The binding half of the pipeline reader (azure_pipeline._PipelineReader)."""

    problems: Problems
    inputs: dict[str, PipelineInput]
    jobs: dict[str, JobNode]
    sources: dict[str, str]

    def _source(self, name: str, kind: str, path: Any, field: str, description: str = "") -> str:
        raise NotImplementedError

    def _bind_inputs(self, job: JobNode, bindings: Any, field: str) -> None:
        if is_null(bindings):
            return
        if not isinstance(bindings, Mapping):
            self.problems.add(f"{field}.inputs", "inputs must map each input to its value")
            return
        for theirs, value in bindings.items():
            self._bind_input(job, str(theirs), value, f"{field}.inputs.{theirs}")

    def _bind_input(self, job: JobNode, theirs: str, value: Any, field: str) -> None:
        ours = to_name(theirs)
        if ours in job.spec["inputs"]:
            self._bind_port(job, ours, value, field)
        elif ours in job.spec["parameters"]:
            self._bind_param(job, ours, value, field)
        else:
            self.problems.add(field, f"{job.node['component']} has no input '{theirs}'")

    def _bind_port(self, job: JobNode, port: str, value: Any, field: str) -> None:
        target = value.get("path") if isinstance(value, Mapping) else value
        text = str(target).strip() if not is_null(target) else ""
        node_id = job.node["id"]
        if match := JOB_OUTPUT.fullmatch(text):
            job.pending.append((match.group(1), to_name(match.group(2)), port, field))
        elif match := PARENT_INPUT.fullmatch(text):
            item = self.inputs.get(match.group(1))
            if item is None or not item.data:
                self.problems.add(field, f"{text} is not a data input of the pipeline")
                return
            job.pending.append((self.sources[item.name], "data", port, ""))
        elif isinstance(value, Mapping) and text:
            kind = str(value.get("type") or "uri_folder")
            if kind not in azure.PORT_TYPES:
                self.problems.add(f"{field}.type", azure._type_message(kind, inputs=False))
                return
            name = unique_id(f"{node_id}_{port}", self.inputs)
            job.pending.append((self._source(name, kind, target, field), "data", port, ""))
        elif text:
            self.problems.add(field, f"{text} cannot feed a data input; use a path or an output")

    def _bind_param(self, job: JobNode, param: str, value: Any, field: str) -> None:
        declared = job.spec["parameters"][param]
        kind = "string" if declared["type"] == "enum" else declared["type"]
        text = str(value).strip() if isinstance(value, str) else ""
        if match := PARENT_INPUT.fullmatch(text):
            item = self.inputs.get(match.group(1))
            if item is None or item.data:
                self.problems.add(field, f"{text} is not a value input of the pipeline")
                return
            item.kind = item.kind or kind
            item.description = item.description or declared.get("description", "")
            job.node["params"][param] = {"$param": item.name}
        elif EXPRESSION.search(text):
            self.problems.add(
                field,
                f"{text} cannot set a parameter here; only ${{{{parent.inputs.NAME}}}} or a value",
            )
        elif isinstance(value, (Mapping, list)):
            self.problems.add(field, f"a {declared['type']} parameter needs a single value")
        elif not is_null(value):
            try:
                job.node["params"][param] = coerce(value, kind)
            except CoerceError as error:
                self.problems.add(field, f"does not fit type {declared['type']}: {error}")

    def _bind_outputs(self, job: JobNode, bindings: Any, field: str) -> None:
        if is_null(bindings):
            return
        if not isinstance(bindings, Mapping):
            self.problems.add(f"{field}.outputs", "outputs must map each output to its binding")
            return
        comments = []
        for theirs, value in bindings.items():
            where = f"{field}.outputs.{theirs}"
            if to_name(str(theirs)) not in job.spec["outputs"]:
                self.problems.add(where, f"{job.node['component']} has no output '{theirs}'")
                continue
            for key in value if isinstance(value, Mapping) else ():
                if key not in OUTPUT_KEYS:
                    self.problems.add(f"{where}.{key}", f"'{key}' has no counterpart here")
            target = value.get("path") if isinstance(value, Mapping) else value
            text = "" if is_null(target) else str(target).strip()
            if match := PARENT_OUTPUT.fullmatch(text):
                comments.append(f"{to_name(str(theirs))} is the pipeline output {match.group(1)}")
            elif text:
                self.problems.add(
                    where,
                    f"outputs cannot be sent to {text}; every output goes to the artifact store",
                )
        job.node["comment"] = "; ".join(comments)

    def _edges(self) -> list[dict[str, Any]]:
        edges = []
        for job in self.jobs.values():
            for source, port, target_port, where in job.pending:
                if where and source not in self.jobs:
                    self.problems.add(where, f"there is no job '{source}' in this pipeline")
                elif where and port not in self.jobs[source].spec["outputs"]:
                    self.problems.add(where, f"job '{source}' has no output '{port}'")
                else:
                    edges.append(edge(source, port, job.node["id"], target_port))
        return edges
