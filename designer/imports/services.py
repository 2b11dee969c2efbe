"""Import services: turn uploaded Azure ML and Kubeflow files into registered components,
pipelines and schedules, all or nothing; and export a pipeline as Azure ML YAML.

The plain modules work out what to create (`planner.plan_import`); this module gives them the
registry to look components up in, maps compute targets that do not exist here to the default
one, and creates everything in one transaction: a refused file, a component version that exists
with other content, or a schedule whose pipeline does not validate leaves nothing behind. The
pipelines go to one workspace: the one the request names, else the chosen or the importer's
default one, where the importer must be a contributor.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from django.db import transaction

from designer.accounts.acting import Action, check, workspace_for_new
from designer.accounts.models import Workspace
from designer.compute.models import ComputeTarget
from designer.endpoints.services import publish
from designer.errors import GraphInvalid, InvalidInput
from designer.pipelines.models import Pipeline
from designer.pipelines.services import (
    check_graph,
    create_pipeline,
    get_pipeline,
    import_pipeline,
)
from designer.registry.models import Component
from designer.registry.services import register_folder, version_order
from designer.schedules.models import Schedule
from designer.schedules.services.schedules import create_schedule

from .coerce import CoerceError, to_version
from .documents import ImportRefused, normal_path
from .drafts import ComponentDraft, ImportPlan, Note, PipelineDraft
from .export_azure import ExportComponent, export_pipeline
from .planner import plan_import, renamed

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_FILES = 500


class ImportInvalid(InvalidInput):
    code = "import_refused"


@dataclass
class ImportedPipeline:
    pipeline: Pipeline
    errors: list[dict[str, Any]]


@dataclass
class ImportResult:
    components: list[Component] = field(default_factory=list)
    pipelines: list[ImportedPipeline] = field(default_factory=list)
    schedules: list[Schedule] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


def import_files(
    actor, uploads: list[tuple[str, bytes]], workspace: str | None = None
) -> ImportResult:
    """Import every uploaded file (zip archives are unpacked) as one, or refuse them all;
    the pipelines go to workspace `workspace` (a name; see `workspace_for_new`)."""
    check(actor, Action.EDIT)
    where = workspace_for_new(actor, workspace)
    files = _unpacked(uploads)
    try:
        plan = plan_import(
            files,
            lambda name, version: _registered(actor, name, version),
            reserved=set(Component.objects.filter(builtin=True).values_list("name", flat=True)),
        )
    except ImportRefused as refused:
        raise _invalid(refused) from None
    _use_known_computes(plan)
    result = ImportResult(notes=list(plan.notes))
    with transaction.atomic():
        result.components = [_register(actor, draft) for draft in plan.components]
        for draft in plan.pipelines:
            result.pipelines.append(_checked(_create(actor, draft, where)))
        for path, text in plan.native.items():
            result.pipelines.append(_checked(_native(actor, path, text, where)))
        for schedule in plan.schedules:
            result.schedules.append(_schedule(actor, schedule, where))
    return result


def _invalid(refused: ImportRefused) -> ImportInvalid:
    errors = [refusal.to_dict() for refusal in refused.refusals]
    first = refused.refusals[0]
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return ImportInvalid(f"Cannot import: {first}{more}.", errors=errors)


# --- uploads --------------------------------------------------------------------------------


def _unpacked(uploads: list[tuple[str, bytes]]) -> dict[str, bytes]:
    """Files by relative path; a zip contributes its entries (under its own folder path)."""
    if not uploads:
        raise ImportInvalid("Send one or more files in the multipart field 'file'.", field="file")
    if sum(len(data) for _, data in uploads) > MAX_UPLOAD_BYTES:
        raise ImportInvalid(f"The upload is larger than {MAX_UPLOAD_BYTES // 1024 // 1024} MiB.")
    files: dict[str, bytes] = {}
    for name, data in uploads:
        if name.lower().endswith(".zip"):
            files.update(_zip_entries(name, data))
        else:
            files[_safe_path(name, name)] = data
    if len(files) > MAX_FILES:
        raise ImportInvalid(f"The upload holds more than {MAX_FILES} files.")
    return files


def _zip_entries(name: str, data: bytes) -> dict[str, bytes]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportInvalid(f"{name} is not a zip archive.", field="file") from None
    members = [m for m in archive.infolist() if not m.is_dir() and "__MACOSX" not in m.filename]
    if len(members) > MAX_FILES or sum(m.file_size for m in members) > 5 * MAX_UPLOAD_BYTES:
        raise ImportInvalid(f"{name} unpacks to too many files or too much data.", field="file")
    folder = PurePosixPath(name).parent.as_posix()
    prefix = "" if folder in ("", ".") else folder + "/"
    return {_safe_path(name, prefix + m.filename): archive.read(m) for m in members}


def _safe_path(upload: str, path: str) -> str:
    normal = normal_path(path)
    if not normal or normal.startswith("..") or PurePosixPath(path).is_absolute():
        raise ImportInvalid(
            f"{upload}: the path '{path}' leaves the upload; give paths relative to it.",
            field="path",
        )
    return normal


# --- registry and compute -------------------------------------------------------------------


def _registered(actor, name: str, version: str | None) -> tuple[str, dict[str, Any]] | None:
    """A component imported or registered earlier, for `azureml:name:version` references: by
    its name, or by the name it took beside a built-in of the same name."""
    check(actor, Action.VIEW)
    rows = Component.objects.filter(name__in=[name, renamed(name, "azureml")], builtin=False)
    if version is not None:
        candidates = {version}
        try:
            candidates.add(to_version(version))
        except CoerceError:
            pass
        rows = rows.filter(version__in=candidates)
    found = sorted(rows, key=lambda row: version_order(row.version), reverse=True)
    return (found[0].ref, found[0].spec) if found else None


def _use_known_computes(plan: ImportPlan) -> None:
    """Compute targets the files name but this server lacks become the default, with a note."""
    known = set(ComputeTarget.objects.values_list("name", flat=True))
    drafts = plan.pipelines + [schedule.pipeline for schedule in plan.schedules]
    for draft in drafts:
        if draft.default_compute not in known:
            _note_compute(plan, draft, "default compute", draft.default_compute)
            draft.default_compute = "default"
        for node in draft.graph["nodes"]:
            if node.get("compute") and node["compute"] not in known:
                _note_compute(plan, draft, f"node {node['id']}", node["compute"])
                node["compute"] = None


def _note_compute(plan: ImportPlan, draft: PipelineDraft, what: str, name: str) -> None:
    plan.note(
        draft.source,
        "compute",
        f"{what}: there is no compute target '{name}' here, so it runs on the pipeline's "
        "default (create that target and set it on the canvas to use it)",
    )


def _register(actor, draft: ComponentDraft) -> Component:
    with tempfile.TemporaryDirectory(prefix="import-") as tmp:
        folder = Path(tmp)
        for path, data in draft.code.items():
            target = folder / _safe_path(draft.source, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        text = yaml.safe_dump(draft.spec, sort_keys=False, allow_unicode=True, width=100)
        (folder / "component.yaml").write_text(text, encoding="utf-8")
        component, _ = register_folder(actor, folder)
    return component


# --- pipelines and schedules ----------------------------------------------------------------


def _create(actor, draft: PipelineDraft, where: Workspace) -> Pipeline:
    pipeline = create_pipeline(
        actor,
        name=draft.name[: Pipeline._meta.get_field("name").max_length],
        description=draft.description,
        graph=draft.graph,
        parameters=draft.parameters,
        default_compute=draft.default_compute,
    )
    return _placed(pipeline, where)


def _placed(pipeline: Pipeline, where: Workspace) -> Pipeline:
    """The new pipeline in the import's workspace, whatever `create_pipeline` chose."""
    if pipeline.workspace_id != where.pk:
        pipeline.workspace = where
        pipeline.save(update_fields=["workspace"])
    return pipeline


def _native(actor, path: str, text: bytes, where: Workspace) -> Pipeline:
    try:
        return _placed(import_pipeline(actor, text), where)
    except InvalidInput as error:
        raise ImportInvalid(
            f"Cannot import: {path}: {error.message}",
            errors=[{"file": path, "field": "", "message": error.message}],
        ) from None


def _checked(pipeline: Pipeline) -> ImportedPipeline:
    return ImportedPipeline(pipeline, check_graph(pipeline.graph, pipeline.parameters))


def _schedule(actor, draft, where: Workspace) -> Schedule:
    """The schedule's pipeline, published as an endpoint named like the schedule, and the
    schedule calling it."""
    pipeline = _create(actor, draft.pipeline, where)
    try:
        publish(actor, pipeline.pk, draft.name, f"Runs of the imported schedule {draft.name}")
        return create_schedule(actor, name=draft.name, endpoint=draft.name, **draft.values)
    except GraphInvalid as error:
        errors = [
            {"file": draft.source, "field": "", "message": e["message"]}
            for e in error.extra["errors"]
        ]
        raise ImportInvalid(
            f"Cannot import: {draft.source}: {error.message}", errors=errors
        ) from None
    except InvalidInput as error:
        raise ImportInvalid(
            f"Cannot import: {draft.source}: {error.message}",
            errors=[
                {
                    "file": draft.source,
                    "field": error.extra.get("field", ""),
                    "message": error.message,
                }
            ],
        ) from None


# --- export ---------------------------------------------------------------------------------


def export_azureml(actor, pipeline_id: int) -> tuple[Pipeline, bytes]:
    """The pipeline as a zip of Azure ML v2 YAML: pipeline.yml, components/, README.md."""
    pipeline = get_pipeline(actor, pipeline_id)
    refs = {node["component"] for node in (pipeline.graph or {}).get("nodes") or []}
    components = {}
    for row in Component.objects.all():
        if row.ref in refs:
            components[row.ref] = ExportComponent(row.spec, row.builtin, _folder_files(row))
    files = export_pipeline(pipeline, components)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in sorted(files.items()):
            archive.writestr(path, data)
    return pipeline, buffer.getvalue()


def _folder_files(row: Component) -> dict[str, bytes]:
    """A user command component's files besides component.yaml (its code), by relative path."""
    folder = row.path
    if row.builtin or not row.spec.get("command") or not folder.is_dir():
        return {}
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.relative_to(folder).as_posix() != "component.yaml"
    }
