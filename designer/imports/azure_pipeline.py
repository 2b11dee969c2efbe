"""Azure ML v2 pipeline YAML (a pipeline job or a pipeline component) → a pipeline of ours.

Each job becomes a node of its component (a local component file, an inline command, or
`azureml:name:version` of a component already registered here). `${{parent.jobs.j.outputs.o}}`
becomes an edge; `${{parent.inputs.x}}` becomes a binding to pipeline parameter x, or, for a data
input, an edge from an Import Folder/File node whose path is that parameter; a literal value is
coerced by the type the component declares. `settings.default_compute` (or `compute`) becomes the
default compute, a job's `compute` its node's. Plain Python: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import PurePosixPath
from typing import Any

from designer.imports import azure
from designer.imports.azure_bindings import (
    EXPRESSION,
    JOB_OUTPUT,
    PARENT_INPUT,
    JobBindings,
    JobNode,
    PipelineInput,
)
from designer.imports.coerce import CoerceError, coerce, infer, to_name
from designer.imports.documents import Bundle, ImportRefused, Problems, is_null, load_text
from designer.imports.drafts import ImportPlan, PipelineDraft
from designer.imports.graphs import lay_out, node, source_node, unique_id

TOP_KEYS = (
    "$schema",
    "type",
    "name",
    "version",
    "display_name",
    "description",
    "experiment_name",
    "tags",
    "settings",
    "inputs",
    "outputs",
    "jobs",
    "compute",
    "component",
)
JOB_KEYS = ("type", "component", "inputs", "outputs", "compute", "display_name", "description")
INLINE_KEYS = ("command", "environment", "code", "name", "is_deterministic", "tags")
SETTINGS_KEYS = ("default_compute", "default_datastore", "continue_on_step_failure", "force_rerun")
REMOTE_DATA = re.compile(r"^(azureml:|[a-z][a-z0-9+.-]*://)", re.IGNORECASE)
AZURE_REF = re.compile(r"azureml:(?://registries/[^/]+/components/)?([^:@/]+)(?:[:@/](.+))?")

# (our component name, version or None for the newest) -> (ref, spec data) of a registered one.
Lookup = Callable[[str, str | None], tuple[str, dict[str, Any]] | None]


def is_pipeline(data: Mapping[str, Any]) -> bool:
    return data.get("type") == "pipeline" or "jobs" in data


def read_pipeline(
    data: Mapping[str, Any],
    source: str,
    bundle: Bundle,
    plan: ImportPlan,
    lookup: Lookup,
    wrapper: Mapping[str, Any] | None = None,
) -> PipelineDraft:
    """The pipeline draft of a pipeline file; components it brings go into `plan`."""
    if not data.get("jobs") and isinstance(data.get("component"), str):
        return _unwrap(data, source, bundle, plan, lookup)
    return _PipelineReader(data, source, bundle, plan, lookup, wrapper or {}).read()


def _unwrap(
    data: Mapping[str, Any], source: str, bundle: Bundle, plan: ImportPlan, lookup: Lookup
) -> PipelineDraft:
    """A pipeline job that only runs a pipeline component: that pipeline, with the job's
    name, inputs and settings."""
    problems = Problems(source)
    for key in data:
        if key not in TOP_KEYS:
            problems.add(key, f"'{key}' has no counterpart in a pipeline here; remove it")
    inner_path = bundle.find(source, data["component"])
    if inner_path is None:
        problems.refuse("component", f"needs {data['component']}; upload it with this file")
    inner = load_text(bundle.files[inner_path], inner_path)
    if not isinstance(inner, Mapping) or not inner.get("jobs"):
        problems.refuse("component", f"{data['component']} is not a pipeline component with jobs")
    problems.raise_if_any()
    return read_pipeline(inner, inner_path, bundle, plan, lookup, wrapper={**data, "file": source})


class _PipelineReader(JobBindings):
    def __init__(
        self,
        data: Mapping[str, Any],
        source: str,
        bundle: Bundle,
        plan: ImportPlan,
        lookup: Lookup,
        wrapper: Mapping[str, Any],
    ) -> None:
        self.data, self.source, self.bundle, self.plan = data, source, bundle, plan
        self.lookup, self.wrapper = lookup, wrapper
        self.problems = Problems(source)
        self.inputs: dict[str, PipelineInput] = {}
        self.nodes: list[dict[str, Any]] = []
        self.jobs: dict[str, JobNode] = {}
        self.components: dict[str, tuple[str, dict[str, Any]]] = {}
        self.sources: dict[str, str] = {}  # data input -> the id of the node reading it

    def read(self) -> PipelineDraft:
        for key in self.data:
            if key not in TOP_KEYS:
                self.problems.add(key, f"'{key}' has no counterpart in a pipeline here; remove it")
        self._read_inputs()
        jobs = self.data.get("jobs")
        if not isinstance(jobs, Mapping) or not jobs:
            self.problems.add("jobs", "a pipeline needs jobs: a mapping of job name to job")
            jobs = {}
        for name, body in jobs.items():
            self._read_job(str(name), body)
        edges = self._edges()
        default_compute = self._settings()
        self._note_run_options()
        self.problems.raise_if_any()
        lay_out(self.nodes, edges)
        return PipelineDraft(
            source=self.wrapper.get("file", self.source),
            name=self._name(),
            description=_text(self.wrapper.get("description"))
            or _text(self.data.get("description")),
            default_compute=default_compute,
            parameters=self._parameters(),
            graph={"nodes": self.nodes, "edges": edges},
        )

    # --- pipeline inputs ------------------------------------------------------------------

    def _read_inputs(self) -> None:
        section = {} if is_null(self.data.get("inputs")) else self.data["inputs"]
        given = self.wrapper.get("inputs")
        given = given if isinstance(given, Mapping) else {}
        if not isinstance(section, Mapping):
            self.problems.add("inputs", "inputs must be a mapping of name to value or declaration")
            return
        for name in {**section, **given}:
            merged = _merge(section.get(name), given.get(name))
            self._read_input(str(name), merged, f"inputs.{name}")

    def _read_input(self, name: str, body: Any, field: str) -> None:
        if not isinstance(body, Mapping):
            self.inputs[name] = PipelineInput(name, "", data=False, raw=body)
            return
        kind = str(body.get("type") or ("uri_folder" if "path" in body else ""))
        description = _text(body.get("description"))
        if kind in azure.PORT_TYPES:
            self._source(name, kind, body.get("path"), field, description)
        elif kind in azure.PARAM_TYPES or not kind:
            raw = body.get("default", body.get("value"))
            self.inputs[name] = PipelineInput(
                name, azure.PARAM_TYPES.get(kind, ""), False, raw, description
            )
        else:
            self.problems.add(f"{field}.type", azure._type_message(kind, inputs=True))

    def _source(self, name: str, kind: str, path: Any, field: str, description: str = "") -> str:
        """Add data input `name`: a path parameter and the source node reading it."""
        node_id = unique_id(name, [n["id"] for n in self.nodes])
        default = self._data_path(path, f"{field}.path")
        description = description or f"Path of the {kind} data inside the server's data roots"
        self.inputs[name] = PipelineInput(name, kind, True, default, description)
        self.sources[name] = node_id
        self.nodes.append(source_node(node_id, azure.PORT_TYPES[kind], name))
        return node_id

    def _data_path(self, path: Any, field: str) -> str | None:
        if is_null(path):
            return None
        text = str(path).strip()
        if EXPRESSION.search(text):
            self.problems.add(field, f"{text} cannot be used as a data path here")
        elif REMOTE_DATA.match(text):
            self.problems.add(
                field,
                f"{text} is data stored in Azure or at a URL, which this server cannot read; "
                "copy it into the server's data roots and give that path (a relative path is "
                "read from the first data root)",
            )
        return PurePosixPath(text).as_posix().removeprefix("./") or "."

    def _parameters(self) -> dict[str, Any]:
        parameters = {}
        for item in self.inputs.values():
            kind = "string" if item.data else item.kind
            default = item.raw
            if not item.data:
                kind, default = self._typed(item)
            body: dict[str, Any] = {"type": kind, "description": item.description}
            if default is not None:
                body["default"] = default
            parameters[item.name] = body
        return parameters

    def _typed(self, item: PipelineInput) -> tuple[str, Any]:
        if not item.kind:
            return infer(item.raw) if not is_null(item.raw) else ("string", None)
        try:
            return item.kind, coerce(item.raw, item.kind)
        except CoerceError as error:
            self.problems.add(f"inputs.{item.name}", f"does not fit type {item.kind}: {error}")
            return item.kind, None

    # --- jobs -----------------------------------------------------------------------------

    def _read_job(self, name: str, body: Any) -> None:
        field = f"jobs.{name}"
        if not isinstance(body, Mapping):
            self.problems.add(field, "a job must be a mapping with a component or a command")
            return
        kind = str(body.get("type") or "command")
        if kind != "command":
            why = (
                "pipelines inside pipelines cannot be imported; import the inner one on its own"
                if kind == "pipeline"
                else f"only command jobs can be imported, not {kind} jobs"
            )
            self.problems.add(f"{field}.type", why)
            return
        inline = "component" not in body
        for key in body:
            if key not in JOB_KEYS and not (inline and key in INLINE_KEYS):
                self.problems.add(f"{field}.{key}", f"'{key}' has no counterpart on a node here")
        found = self._component(name, body, field)
        if found is None:
            return
        ref, spec = found
        job = JobNode(node(name, ref, compute=_compute_name(body.get("compute"))), spec)
        self.jobs[name] = job
        self.nodes.append(job.node)
        self._bind_inputs(job, body.get("inputs"), field)
        self._bind_outputs(job, body.get("outputs"), field)

    def _component(self, job: str, body: Mapping[str, Any], field: str) -> tuple[str, dict] | None:
        component = body.get("component")
        try:
            if component is None:
                return self._register(
                    self._inline(job, body), self.source, f"{self._prefix()}_{job}"
                )
            if isinstance(component, Mapping):
                return self._register(component, self.source, f"{self._prefix()}_{job}")
            text = str(component).strip()
            if text.startswith("azureml:"):
                return self._registered(text, f"{field}.component")
            return self._from_file(text.removeprefix("file:"), f"{field}.component")
        except ImportRefused as refused:
            self.problems.found.extend(refused.refusals)
            return None

    def _inline(self, job: str, body: Mapping[str, Any]) -> dict[str, Any]:
        """An inline job as a component declaration: its inputs typed by what feeds them."""
        declared = {key: body[key] for key in INLINE_KEYS if key in body}
        inputs: Mapping[str, Any] = _section(body.get("inputs"))
        outputs: Mapping[str, Any] = _section(body.get("outputs"))
        declared["type"] = "command"
        declared["inputs"] = {name: {"type": self._inline_type(v)} for name, v in inputs.items()}
        declared["outputs"] = {
            name: {"type": (v or {}).get("type") or "uri_folder"}
            if isinstance(v, Mapping) or is_null(v)
            else {"type": "uri_folder"}
            for name, v in outputs.items()
        }
        return declared

    def _inline_type(self, value: Any) -> str:
        value = (
            value.get("path", value)
            if isinstance(value, Mapping) and "type" not in value
            else value
        )
        if isinstance(value, Mapping):
            return str(value.get("type") or "uri_folder")
        text = str(value).strip() if not is_null(value) else ""
        if match := PARENT_INPUT.fullmatch(text):
            item = self.inputs.get(match.group(1))
            if item is not None and (item.data or item.kind):
                return item.kind
            return infer(item.raw)[0] if item is not None and not is_null(item.raw) else "string"
        if match := JOB_OUTPUT.fullmatch(text):
            job = self.jobs.get(match.group(1))
            types = (job.spec.get("origin") or {}).get("types", {}) if job else {}
            return types.get(to_name(match.group(2)), "uri_folder")
        return infer(value)[0]

    def _register(self, data: Mapping[str, Any], source: str, hint: str) -> tuple[str, dict]:
        draft = azure.read_component(data, source, self.bundle, self.plan, name_hint=hint)
        self.plan.add_component(draft)
        return draft.ref, draft.spec

    def _registered(self, text: str, field: str) -> tuple[str, dict] | None:
        match = AZURE_REF.fullmatch(text)
        name, version = (match.group(1), match.group(2)) if match else (text, None)
        if version is not None:
            version = version.removeprefix("versions/")
            version = None if version in ("latest", "labels/latest") else version
        try:
            found = self.lookup(to_name(name), version)
        except CoerceError:
            found = None
        if found is None:
            self.problems.add(
                field,
                f"{text} is not registered here; import that component's YAML first (or upload "
                "it with this pipeline and name it by its file)",
            )
        return found

    def _from_file(self, path: str, field: str) -> tuple[str, dict] | None:
        found = self.bundle.find(self.source, path)
        if found is None:
            self.problems.add(
                field, f"needs the component file {path}; upload it with the pipeline"
            )
            return None
        if found not in self.components:
            data = load_text(self.bundle.files[found], found)
            if not isinstance(data, Mapping) or is_pipeline(data):
                self.problems.add(
                    field,
                    f"{path} is a pipeline; pipelines inside pipelines cannot be imported, import "
                    "it on its own",
                )
                return None
            self.components[found] = self._register(data, found, PurePosixPath(found).stem)
        return self.components[found]

    # --- settings and names ---------------------------------------------------------------

    def _settings(self) -> str:
        settings = _merge(self.data.get("settings"), self.wrapper.get("settings"))
        if not isinstance(settings, Mapping):
            settings = {}
        for key in settings:
            if key not in SETTINGS_KEYS:
                self.problems.add(f"settings.{key}", f"the setting '{key}' has no counterpart here")
        self._note_settings(settings)
        compute = settings.get("default_compute")
        if is_null(compute):
            compute = self.wrapper.get("compute", self.data.get("compute"))
        return _compute_name(compute) or "default"

    def _note_settings(self, settings: Mapping[str, Any]) -> None:
        if not is_null(settings.get("default_datastore")):
            self.plan.note(
                self.source,
                "settings.default_datastore",
                "outputs are kept in the artifact store; the datastore setting was not used",
            )
        for key, run_option in (
            ("continue_on_step_failure", "continue_on_failure"),
            ("force_rerun", "force_rerun"),
        ):
            try:
                wanted = coerce(settings.get(key), "boolean")
            except CoerceError as error:
                self.problems.add(f"settings.{key}", str(error))
                continue
            if wanted:
                self.plan.note(
                    self.source,
                    f"settings.{key}",
                    f"a pipeline here does not store this; submit its runs with {run_option}: true",
                )

    def _note_run_options(self) -> None:
        for data in (self.data, self.wrapper):
            if not is_null(data.get("experiment_name")):
                self.plan.note(
                    data.get("file", self.source),
                    "experiment_name",
                    "a pipeline here has no experiment; submit its runs to "
                    f"{data['experiment_name']}",
                )
            if not is_null(data.get("tags")):
                self.plan.note(
                    data.get("file", self.source), "tags", "pipelines here have no tags; not kept"
                )

    def _name(self) -> str:
        for data in (self.wrapper, self.data):
            for key in ("display_name", "name"):
                if not is_null(data.get(key)):
                    return str(data[key]).strip()
        return PurePosixPath(self.source).stem

    def _prefix(self) -> str:
        try:
            return to_name(self._name())
        except CoerceError:
            return "pipeline"


def _merge(declared: Any, given: Any) -> Any:
    """A wrapper's value for a declared input or setting, over the declaration."""
    if is_null(given):
        return declared
    if isinstance(declared, Mapping) and isinstance(given, Mapping):
        return {**declared, **given}
    if isinstance(declared, Mapping) and not isinstance(given, Mapping):
        return {
            **declared,
            ("path" if declared.get("type") in azure.PORT_TYPES else "default"): given,
        }
    return given


def _section(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _compute_name(value: Any) -> str | None:
    if is_null(value):
        return None
    return str(value).strip().removeprefix("azureml:") or None


def _text(value: Any) -> str:
    return "" if is_null(value) else str(value).strip()
