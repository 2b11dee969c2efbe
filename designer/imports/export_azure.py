"""A pipeline of ours → Azure ML v2 pipeline YAML, with command component YAML for its user
components, so the same pipeline can be submitted to Azure ML.

Each node becomes a command job. A user `command` component is written out in full (its command
with `${{params.x}}` as `${{inputs.x}}`, its code folder beside it); any other component (built in,
or a Python component that needs our runtime) is referred to as `azureml:name:version`, listed in
the README as something the Azure workspace must provide. Import Folder/File nodes become pipeline
data inputs, dataset and registered-model nodes Azure data references, pipeline parameters
pipeline inputs. What an import recorded (`origin`) gives back the Azure names, types and
environment. Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from designer.imports.coerce import CoerceError, to_name
from designer.imports.graphs import IMPORT_FILE, IMPORT_FOLDER

COMMAND_SCHEMA = "https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json"
PIPELINE_SCHEMA = "https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json"
DEFAULT_ENVIRONMENT = "azureml://registries/azureml/environments/sklearn-1.5/labels/latest"
PORT_TYPES = {
    "dataframe": "uri_file",
    "model": "custom_model",
    "file": "uri_file",
    "folder": "uri_folder",
    "json": "uri_file",
}
PARAM_TYPES = {"integer": "integer", "number": "number", "boolean": "boolean"}
SOURCES = {IMPORT_FOLDER: "uri_folder", IMPORT_FILE: "uri_file"}
REFERENCES = {"dataset": "uri_file", "registered_model": "custom_model"}


@dataclass
class ExportComponent:
    """What the export needs of one component version."""

    spec: Mapping[str, Any]
    builtin: bool
    files: dict[str, bytes] = field(default_factory=dict)  # its folder, component.yaml aside


def export_pipeline(pipeline: Any, components: Mapping[str, ExportComponent]) -> dict[str, bytes]:
    """`pipeline.yml`, `components/<name>.yml` (+ code folders) and README.md, by path."""
    return _Exporter(pipeline, components).files()


class _Exporter:
    def __init__(self, pipeline: Any, components: Mapping[str, ExportComponent]) -> None:
        self.pipeline = pipeline
        self.components = components
        self.graph = pipeline.graph or {}
        self.jobs = _job_names(self.graph.get("nodes") or [])
        self.inputs: dict[str, Any] = {}
        self.outside: dict[str, str] = {}  # ref -> why the Azure workspace must provide it
        self.written: dict[str, bytes] = {}

    def files(self) -> dict[str, bytes]:
        self._parameters()
        sources = self._sources()
        jobs = {}
        for node in self.graph.get("nodes") or []:
            if node["id"] not in sources:
                jobs[self.jobs[node["id"]]] = self._job(node, sources)
        document = {
            "$schema": PIPELINE_SCHEMA,
            "type": "pipeline",
            "display_name": self.pipeline.name,
            "description": self.pipeline.description or "",
            "settings": {"default_compute": f"azureml:{self.pipeline.default_compute}"},
            "inputs": self.inputs,
            "jobs": jobs,
        }
        self.written["pipeline.yml"] = _dump(document)
        self.written["README.md"] = self._readme().encode()
        return self.written

    # --- pipeline inputs --------------------------------------------------------------------

    def _parameters(self) -> None:
        for name, body in (self.pipeline.parameters or {}).items():
            default = body.get("default")
            kind = PARAM_TYPES.get(body.get("type"), "string")
            self.inputs[name] = default if default is not None else {"type": kind}

    def _sources(self) -> dict[str, str]:
        """Source nodes as pipeline inputs: node id -> the `${{parent.inputs.x}}` it becomes."""
        found = {}
        for node in self.graph.get("nodes") or []:
            name = node["component"].partition("@")[0]
            if node["component"] in SOURCES:
                found[node["id"]] = self._data_input(node, SOURCES[node["component"]])
            elif name in REFERENCES:
                found[node["id"]] = self._reference(node, REFERENCES[name])
        return found

    def _data_input(self, node: Mapping[str, Any], kind: str) -> str:
        path = (node.get("params") or {}).get("path")
        bound = path.get("$param") if isinstance(path, Mapping) else None
        name = bound or self.jobs[node["id"]]
        default = (self.pipeline.parameters or {}).get(bound, {}).get("default") if bound else path
        self.inputs[name] = {"type": kind, **({"path": default} if default else {})}
        return "${{parent.inputs." + name + "}}"

    def _reference(self, node: Mapping[str, Any], kind: str) -> str:
        params = node.get("params") or {}
        version = str(params.get("version") or "latest")
        suffix = "@latest" if version == "latest" else f":{version.lstrip('@')}"
        name = self.jobs[node["id"]]
        self.inputs[name] = {"type": kind, "path": f"azureml:{params.get('name')}{suffix}"}
        return "${{parent.inputs." + name + "}}"

    # --- jobs -------------------------------------------------------------------------------

    def _job(self, node: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
        ref = node["component"]
        found = self.components.get(ref)
        job: dict[str, Any] = {"type": "command", "component": self._component(ref, found)}
        inputs = self._job_inputs(node, sources)
        if inputs:
            job["inputs"] = inputs
        if node.get("compute"):
            job["compute"] = f"azureml:{node['compute']}"
        return job

    def _job_inputs(self, node: Mapping[str, Any], sources: Mapping[str, str]) -> dict[str, Any]:
        """Values, pipeline-input bindings and upstream outputs; our port and parameter names
        are already valid Azure input names."""
        inputs: dict[str, Any] = {}
        for name, value in (node.get("params") or {}).items():
            if value is None:
                continue
            bound = value.get("$param") if isinstance(value, Mapping) else None
            inputs[name] = "${{parent.inputs." + bound + "}}" if bound else value
        for link in self.graph.get("edges") or []:
            if link["target"] != node["id"]:
                continue
            source = sources.get(link["source"])
            if source is None:
                job = self.jobs[link["source"]]
                source = "${{parent.jobs." + job + ".outputs." + link["source_port"] + "}}"
            inputs[link["target_port"]] = source
        return inputs

    def _component(self, ref: str, found: ExportComponent | None) -> str:
        name, _, version = ref.partition("@")
        if found is None or found.builtin or not found.spec.get("command"):
            why = (
                "not registered here any more"
                if found is None
                else "a built-in component"
                if found.builtin
                else "a Python component, which runs on Pipewright's own runtime"
            )
            self.outside[ref] = why
            return f"azureml:{name}:{version}"
        file = f"components/{name}.yml"
        if file not in self.written:
            self.written[file] = _dump(self._component_document(found))
            for path, data in found.files.items():
                self.written[f"components/{name}/{path}"] = data
        return f"./{file}"

    def _component_document(self, found: ExportComponent) -> dict[str, Any]:
        spec, origin = found.spec, found.spec.get("origin") or {}
        from_azure = origin.get("format") == "azureml"
        types = (origin.get("types") or {}) if from_azure else {}
        outputs = spec.get("outputs") or {}
        document: dict[str, Any] = {
            "$schema": COMMAND_SCHEMA,
            "name": (from_azure and origin.get("name")) or spec["name"],
            "version": (from_azure and origin.get("version")) or spec["version"],
            "display_name": spec.get("display_name") or spec["name"],
            "type": "command",
            "description": spec.get("description") or "",
            "inputs": {
                **{n: _port(p, types.get(n)) for n, p in (spec.get("inputs") or {}).items()},
                **{n: _param(p) for n, p in (spec.get("parameters") or {}).items()},
            },
            "outputs": {n: _port(p, types.get(n)) for n, p in outputs.items()},
            "environment": self._environment(spec, origin),
            "command": spec["command"].replace("${{params.", "${{inputs."),
        }
        if found.files:
            document["code"] = f"./{spec['name']}"
        if not spec.get("deterministic", True):
            document["is_deterministic"] = False
        return document

    def _environment(self, spec: Mapping[str, Any], origin: Mapping[str, Any]) -> Any:
        if spec.get("image"):
            return {"image": spec["image"]}
        if origin.get("format") == "azureml" and origin.get("environment"):
            return origin["environment"]
        return DEFAULT_ENVIRONMENT

    def _readme(self) -> str:
        lines = [
            f"# {self.pipeline.name} for Azure ML",
            "",
            "Exported from Pipewright. Submit with `az ml job create --file pipeline.yml`.",
            "",
            f"- Compute: `{self.pipeline.default_compute}` must exist in the workspace (or change "
            "settings.default_compute).",
            "- Data inputs name paths of this server's data roots; upload the data and change "
            "their `path`.",
        ]
        if self.outside:
            lines += ["", "Components the Azure ML workspace must provide under these names:", ""]
            lines += [f"- `{ref}`: {why}" for ref, why in sorted(self.outside.items())]
        return "\n".join(lines) + "\n"


def _job_names(nodes: list[Mapping[str, Any]]) -> dict[str, str]:
    """Azure job names (identifiers) for our node ids, each once."""
    names: dict[str, str] = {}
    for item in nodes:
        try:
            wanted = to_name(item["id"])
        except CoerceError:
            wanted = "job"
        name, number = wanted, 2
        while name in names.values():
            name, number = f"{wanted}_{number}", number + 1
        names[item["id"]] = name
    return names


def _port(port: Mapping[str, Any], azure_type: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"type": azure_type or PORT_TYPES.get(str(port.get("type")), "uri_file")}
    if port.get("optional"):
        body["optional"] = True
    if port.get("description"):
        body["description"] = port["description"]
    return body


def _param(param: Mapping[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"type": PARAM_TYPES.get(str(param.get("type")), "string")}
    if param.get("type") == "enum":
        body["enum"] = list(param.get("values") or [])
    for key in ("default", "min", "max", "description"):
        if param.get(key) not in (None, ""):
            body[key] = param[key]
    if param.get("optional"):
        body["optional"] = True
    return body


def _dump(document: Mapping[str, Any]) -> bytes:
    return yaml.safe_dump(dict(document), sort_keys=False, allow_unicode=True, width=100).encode()
