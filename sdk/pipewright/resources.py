"""The client's pipelines, endpoints, datasets and models: thin classes over named routes.

A pipeline is found by id or by exact name (the most recently changed one when several share a
name). Datasets and models follow the API contract of docs (datasets: upload a file; models:
register a run's output or a file, download a version as a zip).
"""

from __future__ import annotations

import builtins
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipewright.decorator import FunctionComponent
from pipewright.dsl import Pipeline
from pipewright.errors import NotFound, PipewrightError
from pipewright.models import (
    Dataset,
    DatasetSummary,
    Endpoint,
    Member,
    ModelSummary,
    PipelineRecord,
    PipelineSummary,
    Published,
    RegisteredDatasetVersion,
    RegisteredModel,
    RegisteredModelVersion,
    ValidationResult,
    Workspace,
)
from pipewright.runs import Run
from pipewright.transport import Transport

if TYPE_CHECKING:
    from pipewright.client import Components, Runs


class Pipelines:
    def __init__(self, transport: Transport, components: Components) -> None:
        self._transport = transport
        self._components = components

    def list(self, search: str = "") -> list[PipelineSummary]:
        return self._transport.many("pipelines.list", params={"search": search} if search else {})

    def find(self, name: str) -> PipelineSummary | None:
        """The pipeline with exactly this name (the latest changed, if several), or None."""
        exact = [p for p in self.list(search=name) if p.name == name]
        return exact[0] if exact else None

    def record(self, pipeline: str | int) -> PipelineRecord:
        """The stored pipeline, by id or exact name."""
        if isinstance(pipeline, int) or (isinstance(pipeline, str) and pipeline.isdigit()):
            return self._transport.one("pipelines.get", {"id": int(pipeline)})
        found = self.find(pipeline)
        if found is None:
            raise NotFound(404, "not_found", f"no pipeline named '{pipeline}'")
        return self._transport.one("pipelines.get", {"id": found.id})

    def get(self, pipeline: str | int) -> Pipeline:
        """A stored pipeline as a `Pipeline` (`.to_python()` gives code that rebuilds it)."""
        record = self.record(pipeline)
        built = Pipeline.from_dict(record.raw)
        built.id, built.revision = record.id, record.revision
        return built

    def push(self, pipeline: Pipeline, register: bool = True) -> PipelineRecord:
        """Create the pipeline, or update the one with its id or name; @component functions it
        uses are registered first. The pipeline opens on the canvas laid out left to right."""
        if register:
            for component in pipeline.components():
                if isinstance(component, FunctionComponent):
                    self._components.register(component)
        body = pipeline.to_dict()
        existing = self._existing(pipeline)
        if existing is None:
            record = self._transport.one("pipelines.create", json=body)
        elif all(existing.raw.get(key) == value for key, value in body.items()):
            record = existing  # nothing changed: no new revision to clash with an open editor
        else:
            body["revision"] = existing.revision
            record = self._transport.one("pipelines.update", {"id": existing.id}, json=body)
        pipeline.id, pipeline.revision = record.id, record.revision
        return record

    def _existing(self, pipeline: Pipeline) -> PipelineRecord | None:
        """The stored pipeline with this one's id, else with its name."""
        if pipeline.id is not None:
            try:
                return self._transport.one("pipelines.get", {"id": pipeline.id})
            except NotFound:
                pass  # deleted since: found by name or created anew
        found = self.find(pipeline.name)
        return None if found is None else self._transport.one("pipelines.get", {"id": found.id})

    def validate(self, pipeline: Pipeline) -> ValidationResult:
        """The server's verdict on the pipeline as drafted here. A pipeline not on the server
        yet is checked against the component specs the server holds."""
        existing = self._existing(pipeline)
        if existing is None:
            from pipewright.checks import check_against_registry

            return check_against_registry(pipeline, self._components)
        body = pipeline.to_dict()
        draft = {"graph": body["graph"], "parameters": body["parameters"]}
        return self._transport.one("pipelines.validate", {"id": existing.id}, json=draft)

    def export_yaml(self, pipeline: str | int) -> str:
        """The stored pipeline as the server's YAML file."""
        record = self.record(pipeline)
        return self._transport.send("pipelines.export", {"id": record.id}).text

    def publish(
        self, pipeline: Pipeline | str | int, endpoint: str, description: str = ""
    ) -> Published:
        """Freeze the pipeline as a new version of `endpoint` (created on first publish)."""
        if isinstance(pipeline, Pipeline):
            pipeline_id = self.push(pipeline).id
        else:
            pipeline_id = self.record(pipeline).id
        body = {"endpoint": endpoint, "description": description}
        return self._transport.one("pipelines.publish", {"id": pipeline_id}, json=body)


class Endpoints:
    def __init__(self, transport: Transport, pipelines: Pipelines, runs: Runs) -> None:
        self._transport = transport
        self._pipelines = pipelines
        self._runs = runs

    def list(self) -> list[Endpoint]:
        return self._transport.many("endpoints.list")

    def get(self, name: str) -> Endpoint:
        return self._transport.one("endpoints.get", {"name": name})

    def publish(
        self, pipeline: Pipeline | str | int, endpoint: str, description: str = ""
    ) -> Published:
        return self._pipelines.publish(pipeline, endpoint, description)

    def call(
        self,
        name: str,
        parameters: dict[str, Any] | None = None,
        *,
        version: int | None = None,
        experiment: str | None = None,
        force_rerun: bool = False,
    ) -> Run:
        """Start a run of the endpoint's default version (or `version`)."""
        body: dict[str, Any] = {"parameters": parameters or {}, "force_rerun": force_rerun}
        if experiment:
            body["experiment"] = experiment
        if version is None:
            started = self._transport.one("endpoints.run", {"name": name}, json=body)
        else:
            path = {"name": name, "version": version}
            started = self._transport.one("endpoints.run_version", path, json=body)
        return self._runs.get(started.run_id)


class Datasets:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(self, search: str = "") -> list[DatasetSummary]:
        return self._transport.many("datasets.list", params={"search": search} if search else {})

    def get(self, name: str) -> Dataset:
        return self._transport.one("datasets.get", {"name": name})

    def upload(
        self, path: str | Path, name: str, description: str = "", tags: Iterable[str] = ()
    ) -> RegisteredDatasetVersion:
        """Upload a .csv, .tsv, .parquet, .json or .jsonl file as a new version of `name` (the
        same content as the newest version gives that version back)."""
        source = Path(path)
        data = {"name": name, "description": description, "tags": ",".join(tags)}
        with source.open("rb") as handle:
            files = {"file": (source.name, handle, "application/octet-stream")}
            return self._transport.one("datasets.upload", data=data, files=files)

    def download(
        self, name: str, target: str | Path, version: int | None = None, format: str | None = None
    ) -> Path:
        """Save a version (the latest by default) as Parquet, or CSV with `format="csv"`."""
        number = version if version is not None else self.get(name).latest_version
        if number is None:
            raise PipewrightError(f"dataset '{name}' has no version yet")
        params = {"format": format} if format else {}
        path = {"name": name, "version": number}
        return self._transport.download("datasets.download", Path(target), path, params=params)


class Models:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(self, search: str = "") -> list[ModelSummary]:
        return self._transport.many("models.list", params={"search": search} if search else {})

    def get(self, name: str) -> RegisteredModel:
        return self._transport.one("models.get", {"name": name})

    def register(
        self,
        name: str,
        *,
        run: int | None = None,
        node: str | None = None,
        port: str = "model",
        file: str | Path | None = None,
        description: str = "",
        tags: Iterable[str] = (),
    ) -> RegisteredModelVersion:
        """A new version of model `name`: a run's model output (`run`, `node`, `port`), or a
        pickled model `file`."""
        if file is not None:
            source = Path(file)
            data = {"name": name, "description": description, "tags": ",".join(tags)}
            with source.open("rb") as handle:
                files = {"file": (source.name, handle, "application/octet-stream")}
                return self._transport.one("models.register", data=data, files=files)
        if run is None or node is None:
            raise PipewrightError("register a model from a run (run= and node=) or a file=")
        body = {
            "name": name,
            "run": run,
            "node": node,
            "port": port,
            "description": description,
            "tags": list(tags),
        }
        return self._transport.one("models.register", json=body)

    def download(self, name: str, target: str | Path, version: int | None = None) -> Path:
        """Save a version (the latest by default) as a zip of an MLflow model directory."""
        number = version if version is not None else self.get(name).latest_version
        if number is None:
            raise PipewrightError(f"model '{name}' has no version yet")
        path = {"name": name, "version": number}
        return self._transport.download("models.download", Path(target), path)


class Workspaces:
    """The user's workspaces, making one (its maker becomes owner), and a workspace's members.
    Owners add members, change roles and remove members; anyone may remove themselves."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(self) -> list[Workspace]:
        return self._transport.many("workspaces.list")

    def get(self, name: str) -> Workspace:
        return self._transport.one("workspaces.get", {"name": name})

    def create(self, name: str, description: str = "") -> Workspace:
        body = {"name": name, "description": description}
        return self._transport.one("workspaces.create", json=body)

    def members(self, name: str) -> builtins.list[Member]:
        return self._transport.many("workspaces.members", {"name": name})

    def add_member(self, name: str, user: str, role: str = "contributor") -> Member:
        body = {"user": user, "role": role}
        return self._transport.one("workspaces.add_member", {"name": name}, json=body)

    def set_role(self, name: str, user: str, role: str) -> Member:
        path: dict[str, object] = {"name": name, "username": user}
        return self._transport.one("workspaces.set_role", path, json={"role": role})

    def remove_member(self, name: str, user: str) -> None:
        """Remove `user`, or leave the workspace when `user` is oneself."""
        self._transport.request("workspaces.remove_member", {"name": name, "username": user})
