"""Azure ML v2 schedule YAML → a schedule of ours, with the pipeline it runs.

Schedules here run published endpoints, so the pipeline named by `create_job` is imported too and
the service publishes it as an endpoint named like the schedule. A cron trigger keeps its
expression; a recurrence keeps frequency, interval, hours, minutes and week days. `time_zone` may
be a Windows name ("Pacific Standard Time"); `start_time` and `end_time` without an offset are
wall-clock times in that zone. Plain Python: no Django.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from designer.imports import azure_pipeline
from designer.imports.azure_bindings import EXPRESSION
from designer.imports.coerce import CoerceError, coerce, to_name
from designer.imports.documents import Bundle, Problems, is_null, load_text
from designer.imports.drafts import ImportPlan, PipelineDraft, ScheduleDraft
from designer.kernel.timezones import wall_to_utc, zone

TOP_KEYS = (
    "$schema",
    "name",
    "display_name",
    "description",
    "trigger",
    "create_job",
    "tags",
    "is_enabled",
)
TRIGGER_KEYS = (
    "type",
    "expression",
    "frequency",
    "interval",
    "schedule",
    "start_time",
    "end_time",
    "time_zone",
)
RECURRENCE_KEYS = ("hours", "minutes", "week_days")
CREATE_JOB_KEYS = ("type", "job", "settings", "inputs", "tags", "experiment_name", "display_name")


def is_schedule(data: Mapping[str, Any]) -> bool:
    return "trigger" in data and "create_job" in data


def job_file(data: Mapping[str, Any]) -> str | None:
    """The pipeline file a schedule runs, as written, when it names a file."""
    job = data.get("create_job")
    if isinstance(job, Mapping):
        job = job.get("job")
    if isinstance(job, str) and not job.strip().startswith("azureml:"):
        return job.strip()
    return None


def read_schedule(
    data: Mapping[str, Any],
    source: str,
    bundle: Bundle,
    plan: ImportPlan,
    lookup: azure_pipeline.Lookup,
) -> ScheduleDraft:
    problems = Problems(source)
    for key in data:
        if key not in TOP_KEYS:
            problems.add(key, f"'{key}' has no counterpart in a schedule here; remove it")
    name = _name(data, problems)
    values = _timing(data.get("trigger"), problems)
    overrides = _overrides(data.get("create_job"), problems)
    if not is_null(data.get("tags")):
        plan.note(source, "tags", "schedules here have no tags; not kept")
    try:
        if coerce(data.get("is_enabled"), "boolean") is False:
            values["paused"] = True
    except CoerceError as error:
        problems.add("is_enabled", str(error))
    problems.raise_if_any()
    pipeline = _pipeline(data, source, bundle, plan, lookup, overrides, problems)
    values["parameters"] = _parameters(overrides.get("inputs"), pipeline, problems)
    if not is_null(overrides.get("experiment_name")):
        values["experiment"] = str(overrides["experiment_name"])
    problems.raise_if_any()
    return ScheduleDraft(source=source, name=name, pipeline=pipeline, values=values)


def _name(data: Mapping[str, Any], problems: Problems) -> str:
    try:
        return to_name(str(data.get("name") or ""))
    except CoerceError:
        problems.add("name", "a schedule needs a name")
        return ""


def _timing(trigger: Any, problems: Problems) -> dict[str, Any]:
    if not isinstance(trigger, Mapping):
        problems.add("trigger", "a schedule needs a trigger: {type: cron, expression: ...}")
        return {}
    for key in trigger:
        if key not in TRIGGER_KEYS:
            problems.add(f"trigger.{key}", f"'{key}' has no counterpart in a schedule here")
    values: dict[str, Any] = {"time_zone": _zone(trigger.get("time_zone"), problems)}
    kind = trigger.get("type")
    if kind == "cron":
        values["cron"] = str(trigger.get("expression") or "").strip()
    elif kind == "recurrence":
        values["recurrence"] = _recurrence(trigger, problems)
    else:
        problems.add("trigger.type", f"trigger type must be cron or recurrence, got {kind!r}")
    for theirs, ours in (("start_time", "start_at"), ("end_time", "end_at")):
        if not is_null(trigger.get(theirs)):
            values[ours] = _instant(
                trigger[theirs], values["time_zone"], f"trigger.{theirs}", problems
            )
    return values


def _zone(name: Any, problems: Problems) -> str:
    if is_null(name):
        return "UTC"
    try:
        return zone(str(name)).key
    except ValueError as error:
        problems.add("trigger.time_zone", str(error))
        return "UTC"


def _recurrence(trigger: Mapping[str, Any], problems: Problems) -> dict[str, Any]:
    recurrence: dict[str, Any] = {"frequency": str(trigger.get("frequency") or "").lower()}
    try:
        recurrence["interval"] = coerce(trigger.get("interval"), "integer") or 1
    except CoerceError as error:
        problems.add("trigger.interval", str(error))
    at = trigger.get("schedule")
    if is_null(at):
        return recurrence
    if not isinstance(at, Mapping):
        problems.add("trigger.schedule", "schedule must be a mapping of hours, minutes, week_days")
        return recurrence
    for key, value in at.items():
        if key not in RECURRENCE_KEYS:
            problems.add(f"trigger.schedule.{key}", f"'{key}' has no counterpart here (use cron)")
        elif key == "week_days":
            recurrence[key] = [str(day) for day in (value if isinstance(value, list) else [value])]
        else:
            recurrence[key] = _numbers(value, f"trigger.schedule.{key}", problems)
    return recurrence


def _numbers(value: Any, field: str, problems: Problems) -> list[int]:
    try:
        return [coerce(item, "integer") for item in (value if isinstance(value, list) else [value])]
    except CoerceError as error:
        problems.add(field, str(error))
        return []


def _instant(value: Any, zone_name: str, field: str, problems: Problems) -> datetime | None:
    """An instant from Azure's start/end time, read in the schedule's zone when it has no
    offset of its own."""
    try:
        moment = datetime.fromisoformat(str(value).strip())
    except ValueError:
        problems.add(field, f"{value!r} is not a date and time like 2024-07-10T10:00:00")
        return None
    if moment.tzinfo is None:
        moment = wall_to_utc(moment, zone(zone_name))
    return moment


def _overrides(create_job: Any, problems: Problems) -> Mapping[str, Any]:
    if isinstance(create_job, str):
        if create_job.strip().startswith("azureml:"):
            problems.add(
                "create_job",
                f"{create_job.strip()} is a job stored in Azure; give the pipeline's YAML file",
            )
        return {}
    if not isinstance(create_job, Mapping):
        problems.add("create_job", "create_job must name a pipeline file or be {type, job, ...}")
        return {}
    for key in create_job:
        if key not in CREATE_JOB_KEYS:
            problems.add(f"create_job.{key}", f"'{key}' has no counterpart here")
    if create_job.get("type", "pipeline") != "pipeline":
        problems.add("create_job.type", "only pipeline jobs can be scheduled here")
    if job_file({"create_job": create_job}) is None:
        problems.add("create_job.job", "create_job.job must name the pipeline's YAML file")
    return create_job


def _pipeline(
    data: Mapping[str, Any],
    source: str,
    bundle: Bundle,
    plan: ImportPlan,
    lookup: azure_pipeline.Lookup,
    overrides: Mapping[str, Any],
    problems: Problems,
) -> PipelineDraft:
    written = job_file(data) or ""
    path = bundle.find(source, written)
    if path is None:
        problems.refuse(
            "create_job", f"needs the pipeline file {written}; upload it with the schedule"
        )
    job = load_text(bundle.files[path], path)
    if not isinstance(job, Mapping) or not azure_pipeline.is_pipeline(job):
        problems.refuse("create_job", f"{written} is not an Azure ML pipeline")
    wrapper = {"settings": overrides.get("settings"), "file": path}
    if not is_null(overrides.get("display_name")):
        wrapper["display_name"] = overrides["display_name"]
    if isinstance(overrides.get("settings"), Mapping):
        plan.note(source, "create_job.settings", "applied to the imported pipeline")
    return azure_pipeline.read_pipeline(job, path, bundle, plan, lookup, wrapper=wrapper)


def _parameters(inputs: Any, pipeline: PipelineDraft, problems: Problems) -> dict[str, Any]:
    """The schedule's values for the pipeline's parameters, by the types the pipeline declares."""
    if is_null(inputs):
        return {}
    if not isinstance(inputs, Mapping):
        problems.add("create_job.inputs", "inputs must map pipeline inputs to values")
        return {}
    values = {}
    for name, value in inputs.items():
        field = f"create_job.inputs.{name}"
        declared = pipeline.parameters.get(name)
        if declared is None:
            problems.add(field, f"the pipeline has no input '{name}'")
        elif isinstance(value, str) and EXPRESSION.search(value):
            problems.add(
                field,
                f"{value.strip()} is worked out by Azure when the schedule fires (the job's name "
                "or time); schedules here give fixed values, so write the value itself",
            )
        else:
            try:
                values[name] = coerce(value, declared["type"])
            except CoerceError as error:
                problems.add(field, f"does not fit type {declared['type']}: {error}")
    return values
