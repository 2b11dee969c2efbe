"""Two workspaces and their people, and one of everything in the first, for the permission
tests.

`alpha` has an owner (olive), a contributor (carl) and a reader (rita); otto belongs to `beta`
alone. Everything is made as olive over the API (choosing alpha with the workspace header),
then pinned to alpha in the database, so the world is the same whether or not an app already
files new objects where the header says.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from designer.accounts.acting import SYSTEM
from designer.accounts.models import Membership, Workspace, default_workspace_id
from designer.accounts.permissions import WORKSPACE_HEADER
from designer.datasets.models import Dataset, Datastore
from designer.endpoints.models import Endpoint
from designer.inference.models import InferenceEndpoint
from designer.models.models import RegisteredModel
from designer.pipelines.models import Pipeline
from designer.registry.models import Component
from designer.runs import orchestrator
from designer.runs.models import Experiment, NodeRun
from tests.accounts.clients import signed_in
from tests.models.factories import fitted_model, sample_graph, sample_parameters
from tests.pipelines.factories import edge, graph, node
from tests.runs.factories import run_to_end
from tests.support.live import component_zip

HEADER = "HTTP_" + WORKSPACE_HEADER.upper().replace("-", "_")
HOUSES = b"rooms,price\n2,100\n3,150\n4,210\n5,260\n"
ROWS = [{"name": "sepal_length", "dtype": "double"}]
COMPONENT = """name: alpha_doubler
version: 1.0.0
category: Custom
description: Doubles a number column.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  column: {type: column, input: data}
python: main.py:run
"""
CODE = "def run(data, column):\n    data[column] = data[column] * 2\n    return data\n"


def settings_for(root: Path) -> dict[str, Any]:
    """Where the world keeps its files: a folder of its own, no scoring processes."""
    data = root / "data"
    (data / "incoming").mkdir(parents=True, exist_ok=True)
    (data / "incoming" / "houses.csv").write_bytes(HOUSES)
    (root / "user_components").mkdir(exist_ok=True)
    return {
        "DESIGNER_ARTIFACTS": str(root / "store"),
        "DESIGNER_WORK_DIR": str(root / "work"),
        "DESIGNER_USER_COMPONENTS_DIR": str(root / "user_components"),
        "DESIGNER_DATA_ROOTS": [str(data)],
        "DESIGNER_INFERENCE_WARM": False,
    }


@dataclass
class World:
    root: Path
    users: dict[str, Any] = field(default_factory=dict)
    alpha: Any = None
    beta: Any = None
    pipeline: int = 0
    echo: int = 0
    revision: int = 0
    pipeline_yaml: str = ""
    experiment: str = ""
    run: int = 0
    node: str = "load"
    artifact: int = 0
    dataset: str = "alpha-houses"
    datastore: str = "alpha-store"
    model: str = "alpha-model"
    alias: str = "champion"
    endpoint: str = "alpha-nightly"
    inference: str = "alpha-echo"
    component: str = "alpha_doubler"
    component_version: str = "1.0.0"
    schedule: int = 0
    trigger: int = 0

    def client(self, username: str) -> APIClient:
        return signed_in(self.users[username])


def _ok(response, *statuses: int) -> dict:
    assert response.status_code in (statuses or (200, 201)), response.content
    return response.json()


def build(root: Path) -> World:
    """Make the people, the workspaces and alpha's objects (the database must be open)."""
    world = World(root=root)
    people = get_user_model().objects
    for username in ("olive", "carl", "rita", "otto"):
        world.users[username] = people.create_user(username=username, password="pw")
    world.alpha = Workspace.objects.create(name="alpha")
    world.beta = Workspace.objects.create(name="beta")
    for username, role in (("olive", "owner"), ("carl", "contributor"), ("rita", "reader")):
        Membership.objects.create(workspace=world.alpha, user=world.users[username], role=role)
    Membership.objects.create(workspace=world.beta, user=world.users["otto"], role="owner")

    # While the world is made olive also owns `default`, where an app that does not yet file
    # new objects under the chosen workspace puts them (and reads them back from).
    default = Membership.objects.create(
        workspace_id=default_workspace_id(), user=world.users["olive"], role="owner"
    )
    olive = world.client("olive")
    olive.credentials(**{HEADER: "alpha"})
    _pipelines(world, olive)
    _run(world)
    _datasets(world, olive)
    _model(world, olive)
    _endpoints(world, olive)
    _component(world, olive)
    default.delete()
    return world


def _pipelines(world: World, olive: APIClient) -> None:
    # The sample that trains a model, so an inference pipeline derives from its run; `paths`
    # is the parameter a data trigger fills.
    parameters = {**sample_parameters(), "paths": {"type": "string", "default": "[]"}}
    body = {"name": "alpha diabetes", "graph": sample_graph(), "parameters": parameters}
    created = _ok(olive.post("/api/pipelines/", body, format="json"))
    world.pipeline, world.revision = created["id"], created["revision"]
    _pin(Pipeline, world, pk=world.pipeline)
    exported = olive.get(f"/api/pipelines/{world.pipeline}/export/")
    assert exported.status_code == 200, exported.content
    world.pipeline_yaml = exported.content.decode()
    echo = graph(
        [
            node("web_service_input", "web_service_input@1.0.0", {"columns": ROWS}),
            node("web_service_output", "web_service_output@1.0.0"),
        ],
        [edge("web_service_input", "data", "web_service_output", "data")],
    )
    body = {"name": "alpha echo", "graph": echo}
    world.echo = _ok(olive.post("/api/pipelines/", body, format="json"))["id"]
    _pin(Pipeline, world, pk=world.echo)


def _run(world: World) -> None:
    run = run_to_end(orchestrator.submit_run(SYSTEM, world.pipeline))
    assert run.status == "completed", run.status
    world.run = run.pk
    world.experiment = run.experiment.name
    _pin(Experiment, world, pk=run.experiment_id)
    world.artifact = NodeRun.objects.get(run=run, node_id=world.node).outputs["data"]


def _datasets(world: World, olive: APIClient) -> None:
    upload = {"name": world.dataset, "file": SimpleUploadedFile("houses.csv", HOUSES)}
    _ok(olive.post("/api/datasets/", upload, format="multipart"))
    _pin(Dataset, world, name=world.dataset)
    data_root = world.root / "data"
    body = {"name": world.datastore, "kind": "local", "path": str(data_root)}
    _ok(olive.post("/api/datastores/", body, format="json"))
    _pin(Datastore, world, name=world.datastore)


def _model(world: World, olive: APIClient) -> None:
    model = SimpleUploadedFile("model.pkl", pickle.dumps(fitted_model()[0]))
    _ok(olive.post("/api/models/", {"name": world.model, "file": model}, format="multipart"))
    _pin(RegisteredModel, world, name=world.model)
    alias = {"version": 1}
    _ok(olive.put(f"/api/models/{world.model}/aliases/{world.alias}/", alias, format="json"))


def _endpoints(world: World, olive: APIClient) -> None:
    body = {"endpoint": world.endpoint}
    _ok(olive.post(f"/api/pipelines/{world.pipeline}/publish/", body, format="json"))
    _pin(Endpoint, world, name=world.endpoint)
    schedule = {"name": "alpha-daily", "endpoint": world.endpoint, "cron": "0 3 * * *"}
    world.schedule = _ok(olive.post("/api/schedules/", schedule, format="json"))["id"]
    trigger = {
        "name": "alpha-on-upload",
        "endpoint": world.endpoint,
        "path": "incoming",
        "paths_parameter": "paths",
    }
    world.trigger = _ok(olive.post("/api/triggers/", trigger, format="json"))["id"]
    deployment = {"name": "blue", "pipeline": world.echo}
    body = {"name": world.inference, "deployments": [deployment]}
    _ok(olive.post("/api/inference/", body, format="json"))
    _pin(InferenceEndpoint, world, name=world.inference)


def _component(world: World, olive: APIClient) -> None:
    archive = component_zip({"component.yaml": COMPONENT, "main.py": CODE})
    upload = {"archive": SimpleUploadedFile("c.zip", archive, "application/zip")}
    _ok(olive.post("/api/components/", upload, format="multipart"))
    _pin(Component, world, name=world.component)


def _pin(model: Any, world: World, **lookup: Any) -> None:
    """The object belongs to alpha, whichever workspace the app filed it under."""
    assert model.objects.filter(**lookup).update(workspace=world.alpha) == 1, lookup
