"""One import: which format each uploaded file is in, and everything the files will create.

`plan_import(files, lookup)` reads every YAML file of the upload, tells Azure ML components,
pipelines and schedules, Kubeflow v1 components and v2 pipelines, and our own pipeline files
apart, and returns an ImportPlan, or raises ImportRefused listing every refusal of every file.
A pipeline file that another uploaded file runs (a pipeline job wrapping it, a schedule) is
imported through that file, not on its own; YAML inside a component's code folder is code.
Nothing is created here. Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from typing import Any

from designer.imports import azure, azure_pipeline, azure_schedule, kfp, kfp_v2
from designer.imports.documents import Bundle, ImportRefused, Refusal, is_null, load_text
from designer.imports.drafts import ImportPlan
from designer.kernel.spec import SpecError, parse_spec

# What a file that cannot be imported is, told by its $schema, and why it is refused.
REFUSED_SCHEMAS = {
    "batchendpoint": "a batch endpoint; endpoints here are made by publishing a pipeline "
    "(POST /api/pipelines/{id}/publish/)",
    "batchdeployment": "a batch deployment of a pipeline; import the pipeline it names, then "
    "publish it as an endpoint (POST /api/pipelines/{id}/publish/)",
    "onlineendpoint": "an online endpoint; real-time endpoints are made from a training run here",
    "onlinedeployment": "an online deployment; real-time endpoints are made from a training run",
    "environment": "an environment; a component records the environment it names",
    "data.schema": "a data asset; register data as a dataset here",
    "model.schema": "a model; register models from runs or files here",
    "compute": "a compute definition; compute targets are set up on the server",
    "sweepjob": "a sweep job; tune parameters with the Tune Model Hyperparameters component",
    "commandjob": "a standalone command job; import its component, or wrap the job in a pipeline",
}


def plan_import(
    files: Mapping[str, bytes], lookup: azure_pipeline.Lookup, reserved: Set[str] = frozenset()
) -> ImportPlan:
    """Everything the files will create; ImportRefused (every refusal at once) otherwise.

    `reserved` holds names imported components may not take (the built-in library's)."""
    bundle = Bundle(files)
    plan = ImportPlan()
    refusals: list[Refusal] = []
    loaded = _load(bundle, refusals)
    if not loaded and not refusals:
        refusals.append(Refusal("", "file", "no YAML file (.yml or .yaml) among the uploads"))
    roots = _code_roots(loaded, bundle)
    skipped = _referenced(loaded, bundle) | {path for path in loaded if _under(path, roots)}
    for path, data in loaded.items():
        if path in skipped:
            continue
        try:
            _read(path, data, bundle, plan, lookup)
        except ImportRefused as refused:
            refusals += refused.refusals
    if not refusals:
        _rename_reserved(plan, reserved)
        refusals += _spec_refusals(plan)
    if refusals:
        raise ImportRefused(_unique(refusals))
    for path in sorted(set(bundle.files) - set(loaded)):
        if not _under(path, roots):
            plan.note(path, "", "not YAML and not in a component's code folder, so not used")
    return plan


def _load(bundle: Bundle, refusals: list[Refusal]) -> dict[str, Any]:
    loaded = {}
    for path in bundle.yaml_files():
        try:
            loaded[path] = load_text(bundle.files[path], path)
        except ImportRefused as refused:
            refusals += refused.refusals
    return loaded


def _read(
    path: str, data: Any, bundle: Bundle, plan: ImportPlan, lookup: azure_pipeline.Lookup
) -> None:
    if not isinstance(data, Mapping):
        raise ImportRefused([Refusal(path, "", "the file is not a YAML mapping")])
    refused = _refusal(path, data)
    if refused is not None:
        raise ImportRefused([refused])
    if "pipewright" in data:
        plan.native[path] = bundle.files[path]
    elif azure_schedule.is_schedule(data):
        plan.schedules.append(azure_schedule.read_schedule(data, path, bundle, plan, lookup))
    elif kfp_v2.is_kfp_pipeline(data):
        plan.pipelines.append(kfp_v2.read_pipeline(data, path, plan))
    elif kfp.is_kfp_component(data):
        plan.add_component(kfp.read_component(data, path))
    elif azure_pipeline.is_pipeline(data):
        plan.pipelines.append(azure_pipeline.read_pipeline(data, path, bundle, plan, lookup))
    elif azure.is_command_component(data):
        plan.add_component(azure.read_component(data, path, bundle, plan))
    else:
        raise ImportRefused([Refusal(path, "", _unknown(data))])


def _refusal(path: str, data: Mapping[str, Any]) -> Refusal | None:
    schema = str(data.get("$schema") or "").lower()
    for marker, what in REFUSED_SCHEMAS.items():
        if marker in schema:
            return Refusal(path, "$schema", f"this file is {what}")
    if "endpoint_name" in data:
        return Refusal(path, "endpoint_name", f"this file is {REFUSED_SCHEMAS['batchdeployment']}")
    if set(data) <= {"inputs", "outputs"} and "inputs" in data:
        return Refusal(
            path,
            "inputs",
            "this file only holds input values for invoking an endpoint or job; give them "
            "when submitting a run instead",
        )
    kind = data.get("type")
    if isinstance(kind, str) and kind not in ("command", "pipeline") and "jobs" not in data:
        return Refusal(
            path, "type", f"{kind} jobs and components cannot be imported; only command ones"
        )
    return None


def _unknown(data: Mapping[str, Any]) -> str:
    keys = ", ".join(list(map(str, data))[:6])
    return (
        "not an Azure ML v2 component, pipeline or schedule, nor a Kubeflow component or compiled "
        f"pipeline (its keys: {keys})"
    )


def _referenced(loaded: Mapping[str, Any], bundle: Bundle) -> set[str]:
    """Pipeline files another uploaded file runs: imported through that file only."""
    found = set()
    for path, data in loaded.items():
        if not isinstance(data, Mapping):
            continue
        named = [azure_schedule.job_file(data)] if azure_schedule.is_schedule(data) else []
        if azure_pipeline.is_pipeline(data) and isinstance(data.get("component"), str):
            named.append(data["component"])
        for target in named:
            where = bundle.find(path, target) if target else None
            if where is not None and azure_pipeline.is_pipeline(loaded.get(where) or {}):
                found.add(where)
    return found


def _code_roots(loaded: Mapping[str, Any], bundle: Bundle) -> set[str]:
    """The code folders the uploaded components name: their files are code, not imports."""
    roots = set()
    for path, data in loaded.items():
        code = data.get("code") if isinstance(data, Mapping) else None
        if isinstance(code, str) and not is_null(code) and ":" not in code:
            roots.add(bundle.relative(path, code))
    return roots


def _under(path: str, roots: set[str]) -> bool:
    return any(path.startswith(root + "/") for root in roots)


def renamed(name: str, origin_format: str) -> str:
    """The name an imported component takes when a built-in one has its own."""
    return f"{name}_{origin_format}"


def _rename_reserved(plan: ImportPlan, reserved: Set[str]) -> None:
    """Imported components named like built-in ones get a suffix; their nodes follow."""
    moved = {}
    for draft in plan.components:
        if draft.spec["name"] in reserved:
            old = draft.ref
            draft.spec["name"] = renamed(draft.spec["name"], draft.spec["origin"]["format"])
            moved[old] = draft.ref
            plan.note(
                draft.source,
                "name",
                f"a built-in component is called {old.split('@')[0]}; this one is registered "
                f"as {draft.spec['name']}",
            )
    pipelines = plan.pipelines + [schedule.pipeline for schedule in plan.schedules]
    for pipeline in pipelines:
        for node in pipeline.graph["nodes"]:
            node["component"] = moved.get(node["component"], node["component"])


def _spec_refusals(plan: ImportPlan) -> list[Refusal]:
    """Each component as imported, checked by the component spec's own rules."""
    refusals = []
    for draft in plan.components:
        try:
            draft.spec = {key: value for key, value in draft.spec.items() if value is not None}
            parse_spec(draft.spec, draft.source)
        except SpecError as error:
            refusals += [
                Refusal(draft.source, issue.field, f"as imported: {issue.message}")
                for issue in error.errors
            ]
    return refusals


def _unique(refusals: list[Refusal]) -> list[Refusal]:
    return list(dict.fromkeys(refusals))
