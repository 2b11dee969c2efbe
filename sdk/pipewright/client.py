"""`Client(url, token)`: the server's components, pipelines, runs, endpoints, datasets and models
as typed objects.

    client = Client("http://127.0.0.1:8000", token)
    client.pipelines.push(pipeline)
    run = client.submit(pipeline, experiment="diabetes", parameters={"seed": 1}).wait()

Without arguments the client reads PIPEWRIGHT_URL / PIPEWRIGHT_TOKEN, then what `pipewright
login` saved. `workspace=` (else PIPEWRIGHT_WORKSPACE) picks the workspace to work in: lists
show that workspace alone and new objects go there; without one, lists span every workspace of
the user and new objects go to their default workspace.

Each resource is a thin class over named routes (`routes.py`); objects that do things (a run
that waits, an artifact that downloads) live in their own modules.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pipewright import config
from pipewright.artifacts import Artifact
from pipewright.components import Component
from pipewright.dsl import Pipeline
from pipewright.errors import PipewrightError
from pipewright.models import ComponentDetail, ComponentInfo, ImportResult
from pipewright.resources import Datasets, Endpoints, Models, Pipelines, Workspaces
from pipewright.runs import Run
from pipewright.transport import Transport


class Client:
    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        *,
        timeout: float = 60.0,
        workspace: str | None = None,
    ) -> None:
        settings = config.resolve(url, token, workspace)
        self.url = settings.url
        self.workspace = settings.workspace
        self.transport = Transport(settings.url, settings.token, timeout, settings.workspace)
        self.components = Components(self.transport)
        self.pipelines = Pipelines(self.transport, self.components)
        self.runs = Runs(self.transport)
        self.endpoints = Endpoints(self.transport, self.pipelines, self.runs)
        self.datasets = Datasets(self.transport)
        self.models = Models(self.transport)
        self.workspaces = Workspaces(self.transport)

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self.transport.close()

    def __repr__(self) -> str:
        where = f" workspace={self.workspace}" if self.workspace else ""
        return f"<Client {self.url}{where}>"

    @staticmethod
    def sign_in(url: str, username: str, password: str) -> str:
        """A token for `username` (what `pipewright login` stores)."""
        transport = Transport(url, None)
        try:
            body = transport.request(
                "auth.token", json={"username": username, "password": password}
            )
        finally:
            transport.close()
        return str(body["token"])

    def me(self) -> dict[str, Any]:
        """Who the token belongs to: `{username, is_staff, workspaces, default_workspace}`."""
        return self.transport.request("auth.me")

    def submit(
        self,
        pipeline: Pipeline | str | int,
        *,
        experiment: str | None = None,
        parameters: dict[str, Any] | None = None,
        force_rerun: bool = False,
        push: bool = True,
    ) -> Run:
        """Run a pipeline. A `Pipeline` object is pushed first (created or updated, with its
        @component functions registered); a name or id runs what the server holds."""
        if isinstance(pipeline, Pipeline):
            pipeline_id = self.pipelines.push(pipeline).id if push else pipeline.id
            if pipeline_id is None:
                raise PipewrightError(f"{pipeline.name!r} is not on the server yet: push it")
        else:
            pipeline_id = self.pipelines.record(pipeline).id
        body: dict[str, Any] = {"parameters": parameters or {}, "force_rerun": force_rerun}
        if experiment:
            body["experiment"] = experiment
        info = self.transport.one("pipelines.submit", {"id": pipeline_id}, json=body)
        return Run(self.transport, info)

    def artifact(self, artifact_id: int) -> Artifact:
        return Artifact(self.transport, artifact_id)

    def import_files(self, paths: Iterable[str | Path]) -> ImportResult:
        """Azure ML v2 or Kubeflow component/pipeline YAML files, created as components and
        pipelines (`POST /api/imports/`)."""
        files = []
        for path in map(Path, paths):
            files.append(("file", (path.name, path.read_bytes(), "application/x-yaml")))
        if not files:
            raise PipewrightError("give at least one file to import")
        return self.transport.one("imports.create", files=files)


class Components:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(self, search: str = "", category: str = "") -> list[ComponentInfo]:
        params = {k: v for k, v in {"search": search, "category": category}.items() if v}
        return self._transport.many("components.list", params=params)

    def info(self, ref: str) -> ComponentDetail:
        """One component's registry entry: `name` (latest version) or `name@version`."""
        name, _, version = ref.partition("@")
        if version:
            return self._transport.one("components.version", {"name": name, "version": version})
        return self._transport.one("components.get", {"name": name})

    def get(self, ref: str) -> Component:
        """A component to call in a pipeline: `name` (latest version) or `name@version`."""
        return Component.from_spec(self.info(ref).raw)

    def register(self, component: Component | str | Path) -> ComponentDetail:
        """Register a @component, a component folder, or a zip of one; registering the same
        content again is a no-op, other content under a registered version is a `Conflict`."""
        if isinstance(component, Component):
            archive, name = component.archive(), f"{component.name}.zip"
        else:
            path = Path(component)
            if path.is_file() and path.suffix == ".zip":
                archive, name = path.read_bytes(), path.name
            else:
                archive, name = Component.from_folder(path).archive(), f"{path.name}.zip"
        files = {"archive": (name, archive, "application/zip")}
        return self._transport.one("components.register", files=files)


class Runs:
    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def list(
        self,
        pipeline: int | None = None,
        experiment: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list:
        """Runs newest first: all of them, or the newest `limit`."""
        given = {"pipeline": pipeline, "experiment": experiment, "status": status}
        params = {k: v for k, v in given.items() if v is not None}
        return self._transport.many("runs.list", params=params, at_most=limit)

    def get(self, run_id: int) -> Run:
        return Run(self._transport, self._transport.one("runs.get", {"id": run_id}))

    def cancel(self, run_id: int) -> Run:
        return Run(self._transport, self._transport.one("runs.cancel", {"id": run_id}))
