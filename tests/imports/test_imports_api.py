"""POST /api/imports/: several files at once, code folders, refusals that leave nothing behind,
compute targets, schedules, Kubeflow v2 pipelines, and runs refused for container images."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from designer.compute.models import ComputeTarget
from designer.pipelines.models import Pipeline
from designer.registry.models import Component
from designer.schedules.models import Schedule
from tests.datasets.factories import client_of
from tests.imports.interop import interop_dir

COMPONENT = """
name: shout
version: 2
type: command
inputs:
  text: {type: string, default: hello}
outputs:
  out: {type: uri_folder}
code: ./src
environment: azureml:python-env@latest
command: python shout.py ${{inputs.text}} ${{outputs.out}}
"""
PIPELINE = """
type: pipeline
display_name: Shouting
inputs:
  words: 'hi there'
settings:
  default_compute: azureml:gpu-cluster
jobs:
  first:
    component: ./shout.yml
    compute: azureml:big
    inputs:
      text: ${{parent.inputs.words}}
"""


def files(**named: bytes | str) -> dict:
    uploads, paths = [], []
    for path, data in named.items():
        path = path.replace("__", "/")
        body = data.encode() if isinstance(data, str) else data
        uploads.append(SimpleUploadedFile(path.rsplit("/", 1)[-1], body))
        paths.append(path)
    return {"file": uploads, "path": paths}


def post(api, payload):
    return api.post("/api/imports/", payload, format="multipart")


def zipped(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_a_pipeline_with_its_component_and_code_in_one_zip(api, db) -> None:
    archive = zipped(
        {
            "shout/pipeline.yml": PIPELINE,
            "shout/shout.yml": COMPONENT,
            "shout/src/shout.py": "print('loud')\n",
            "shout/src/settings.yaml": "not: an import\n",  # code, not a file to import
            "shout/NOTES.txt": "stray\n",
        }
    )
    response = post(api, {"file": [SimpleUploadedFile("shout.zip", archive)]})
    assert response.status_code == 201, response.json()
    body = response.json()
    (component,) = body["components"]
    assert (component["name"], component["version"]) == ("shout", "2.0.0")
    files_there = {f["path"] for f in api.get("/api/components/shout/").json()["source"]}
    assert {"shout.py", "settings.yaml"} <= files_there
    (pipeline,) = body["pipelines"]
    assert pipeline["valid"] and pipeline["name"] == "Shouting"
    assert pipeline["parameters"]["words"] == {
        "type": "string",
        "description": "",
        "default": "hi there",
    }
    (node,) = pipeline["graph"]["nodes"]
    assert node["params"] == {"text": {"$param": "words"}}
    # Neither compute target exists here: both fall back to the default, and say so.
    assert pipeline["default_compute"] == "default" and node["compute"] is None
    assert {
        "file": "shout/NOTES.txt",
        "field": "",
        "message": "not YAML and not in a component's code folder, so not used",
    } in body["notes"]
    notes = [n["message"] for n in body["notes"] if n["field"] == "compute"]
    assert any("no compute target 'gpu-cluster'" in n for n in notes)
    assert any("node first: there is no compute target 'big'" in n for n in notes)


def test_compute_targets_that_exist_are_kept(api, db) -> None:
    ComputeTarget.objects.create(name="gpu-cluster")
    response = post(api, files(**{"p.yml": PIPELINE, "shout.yml": COMPONENT}))
    assert response.status_code == 201
    assert response.json()["pipelines"][0]["default_compute"] == "gpu-cluster"


def test_a_refusal_names_every_problem_and_creates_nothing(api, db) -> None:
    bad = COMPONENT.replace("type: string, default: hello", "type: integer, default: hello")
    response = post(
        api,
        files(
            **{
                "good.yml": COMPONENT.replace("name: shout", "name: fine"),
                "bad.yml": bad,
                "odd.yml": "just: text\n",
            }
        ),
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_refused"
    where = {(e["file"], e["field"]) for e in body["errors"]}
    assert ("bad.yml", "inputs.text.default") in where
    assert ("odd.yml", "") in where
    assert not Component.objects.filter(builtin=False).exists()
    assert not Pipeline.objects.exists()


def test_a_pipeline_without_its_component_file_is_refused_naming_the_job(api, db) -> None:
    response = post(api, files(**{"p.yml": PIPELINE}))
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error == {
        "file": "p.yml",
        "field": "jobs.first.component",
        "message": "needs the component file ./shout.yml; upload it with the pipeline",
    }


def test_files_without_paths_are_found_by_name(api, db) -> None:
    uploads = [
        SimpleUploadedFile("p.yml", PIPELINE.encode()),
        SimpleUploadedFile("shout.yml", COMPONENT.encode()),
    ]
    assert post(api, {"file": uploads}).status_code == 201
    one = SimpleUploadedFile("p.yml", PIPELINE.encode())
    mismatch = post(api, {"file": [one], "path": ["a.yml", "b.yml"]})
    assert mismatch.status_code == 400 and mismatch.json()["field"] == "path"


def test_reimporting_is_idempotent_but_a_changed_version_conflicts(api, db) -> None:
    assert post(api, files(**{"shout.yml": COMPONENT})).status_code == 201
    assert post(api, files(**{"shout.yml": COMPONENT})).status_code == 201
    changed = COMPONENT.replace("default: hello", "default: bye")
    response = post(api, files(**{"shout.yml": changed, "p.yml": PIPELINE}))
    assert response.status_code == 409
    assert "shout@2.0.0 is already registered with other content" in response.json()["message"]
    assert not Pipeline.objects.exists()


def test_a_pipeline_may_name_a_component_registered_before(api, db) -> None:
    assert post(api, files(**{"shout.yml": COMPONENT})).status_code == 201
    by_ref = PIPELINE.replace("./shout.yml", "azureml:shout:2")
    response = post(api, files(**{"p.yml": by_ref}))
    assert response.status_code == 201, response.json()
    assert response.json()["pipelines"][0]["graph"]["nodes"][0]["component"] == "shout@2.0.0"
    unknown = post(
        api, files(**{"p.yml": PIPELINE.replace("./shout.yml", "azureml:nobody@latest")})
    )
    assert unknown.status_code == 400
    assert "azureml:nobody@latest is not registered here" in unknown.json()["errors"][0]["message"]


def test_paths_may_not_leave_the_upload(api, db) -> None:
    response = post(api, files(**{"..__outside.yml": COMPONENT}))
    assert response.status_code == 400 and "leaves the upload" in response.json()["message"]


def test_imports_need_a_signed_in_user(anon, db) -> None:
    assert post(anon, files(**{"shout.yml": COMPONENT})).status_code in (401, 403)
    assert not Component.objects.filter(builtin=False).exists()


def test_schedules_publish_their_pipeline_and_keep_windows_time_zones(api, db) -> None:
    folder = interop_dir() / "azureml" / "schedules"
    payload = files(
        **{
            name: (folder / name).read_bytes()
            for name in ("recurrence-job-schedule.yml", "simple-pipeline-job.yml")
        }
    )
    response = post(api, payload)
    assert response.status_code == 201, response.json()
    (schedule,) = response.json()["schedules"]
    assert schedule["endpoint"] == "simple_recurrence_job_schedule"
    assert schedule["time_zone"] == "America/Los_Angeles"
    assert schedule["recurrence"] == {
        "frequency": "day",
        "interval": 1,
        "hours": [4, 5, 10, 11, 12],
        "minutes": [0, 30],
        "week_days": None,
    }
    # 10:00 on 2022-07-10 in Pacific daylight time.
    assert schedule["start_at"].startswith("2022-07-10T17:00:00")
    stored = Schedule.objects.get(name="simple_recurrence_job_schedule")
    assert stored.next_fire_at > datetime.now(UTC)
    assert stored.endpoint.default_version.pipeline_version.pipeline.name == "hello_pipeline_abc"


KFP_V2 = """
# PIPELINE DEFINITION
components:
  comp-make-table:
    executorLabel: exec-make-table
    inputDefinitions:
      parameters:
        rows: {parameterType: NUMBER_INTEGER, defaultValue: 10.0, isOptional: true}
    outputDefinitions:
      artifacts:
        table: {artifactType: {schemaTitle: system.Dataset, schemaVersion: 0.0.1}}
  comp-count:
    executorLabel: exec-count
    inputDefinitions:
      artifacts:
        table: {artifactType: {schemaTitle: system.Dataset, schemaVersion: 0.0.1}}
      parameters:
        label: {parameterType: STRING}
    outputDefinitions:
      parameters:
        total: {parameterType: NUMBER_INTEGER}
deploymentSpec:
  executors:
    exec-make-table:
      container:
        image: python:3.12-slim
        command: [python, -c, "import sys; open(sys.argv[2], 'w').write('x' * int(sys.argv[1]))"]
        args: ["{{$.inputs.parameters['rows']}}", "{{$.outputs.artifacts['table'].path}}"]
    exec-count:
      container:
        image: python:3.12-slim
        command: [wc, -l]
        args:
        - "{{$.inputs.artifacts['table'].path}}"
        - >-
          {"IfPresent": {"InputName": "label",
          "Then": ["--label={{$.inputs.parameters['label']}}"]}}
        - "{{$.outputs.parameters['total'].output_file}}"
pipelineInfo:
  name: count-rows
root:
  dag:
    tasks:
      make-table:
        cachingOptions: {enableCache: false}
        componentRef: {name: comp-make-table}
        inputs:
          parameters:
            rows: {componentInputParameter: rows}
        taskInfo: {name: make-table}
      count:
        cachingOptions: {enableCache: true}
        componentRef: {name: comp-count}
        dependentTasks: [make-table]
        retryPolicy: {maxRetryCount: 2}
        inputs:
          artifacts:
            table: {taskOutputArtifact: {outputArtifactKey: table, producerTask: make-table}}
          parameters:
            label: {runtimeValue: {constant: rows}}
        taskInfo: {name: count}
  inputDefinitions:
    parameters:
      rows: {parameterType: NUMBER_INTEGER, defaultValue: 5.0, isOptional: true}
schemaVersion: 2.1.0
sdkVersion: kfp-2.7.0
"""


def test_a_kfp_v2_pipeline_imports_and_its_runs_are_refused_for_the_image(api, db) -> None:
    response = post(api, files(**{"count.yaml": KFP_V2}))
    assert response.status_code == 201, response.json()
    body = response.json()
    specs = {c["name"]: c for c in body["components"]}
    assert set(specs) == {"make_table", "count"}
    assert specs["count"]["image"] == "python:3.12-slim"
    assert specs["count"]["outputs"]["total"]["type"] == "json"
    (pipeline,) = body["pipelines"]
    assert pipeline["valid"], pipeline["errors"]
    assert pipeline["parameters"]["rows"]["default"] == 5
    nodes = {n["id"]: n for n in pipeline["graph"]["nodes"]}
    assert nodes["make-table"]["params"] == {"rows": {"$param": "rows"}}
    assert nodes["make-table"]["reuse"] is False
    assert nodes["count"]["params"] == {"label": "rows"} and nodes["count"]["max_retries"] == 2
    assert pipeline["graph"]["edges"] == [
        {"source": "make-table", "source_port": "table", "target": "count", "target_port": "table"}
    ]
    command = Component.objects.get(name="count").spec["command"]
    assert command == ("wc -l ${{inputs.table}} $[[--label=${{params.label}}]] ${{outputs.total}}")

    submitted = api.post(f"/api/pipelines/{pipeline['id']}/runs/", {}, format="json")
    assert submitted.status_code == 400
    errors = submitted.json()["errors"]
    assert {e["code"] for e in errors} == {"needs_image"}
    assert any(
        "count uses count@1.0.0, which needs the container image python:3.12-slim" in e["message"]
        for e in errors
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            '"{{$}}"',
            "deploymentSpec.executors.exec-count.container.args[0]",
            "Kubeflow's own executor",
        ),
        (
            '\'{"IfPresent": {"InputName": "label", "Then": ["x"], "Else": ["y"]}}\'',
            "deploymentSpec.executors.exec-count.container.args[0]",
            "Else has no counterpart",
        ),
    ],
)
def test_kfp_v2_constructs_without_a_counterpart_are_refused(
    api, db, change, field, message
) -> None:
    text = KFP_V2.replace("\"{{$.inputs.artifacts['table'].path}}\"", change)
    response = post(api, files(**{"count.yaml": text}))
    assert response.status_code == 400
    error = next(e for e in response.json()["errors"] if e["field"] == field)
    assert message in error["message"]


def test_kfp_v2_control_flow_is_refused(api, db) -> None:
    text = KFP_V2.replace(
        "        taskInfo: {name: count}",
        "        taskInfo: {name: count}\n        triggerPolicy: {condition: x == 1}",
    )
    response = post(api, files(**{"count.yaml": text}))
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["field"] == "root.dag.tasks.count.triggerPolicy"


def test_imported_pipelines_go_to_the_workspace_named_or_chosen(api, user, db) -> None:
    from designer.accounts.models import Membership, Workspace

    lab = Workspace.objects.create(name="lab")
    Membership.objects.create(workspace=lab, user=user, role="contributor")
    shelf = Workspace.objects.create(name="shelf")
    Membership.objects.create(workspace=shelf, user=user, role="reader")
    payload = {**files(**{"p.yml": PIPELINE, "shout.yml": COMPONENT}), "workspace": "lab"}
    assert post(api, payload).status_code == 201
    assert Pipeline.objects.get().workspace == lab

    refused = post(
        api, {**files(**{"p.yml": PIPELINE, "shout.yml": COMPONENT}), "workspace": "shelf"}
    )
    assert refused.status_code == 403 and refused.json()["code"] == "role_too_low"
    assert Pipeline.objects.count() == 1, "a refused import creates nothing"
    chosen = client_of(user).post(
        "/api/imports/",
        files(**{"p.yml": PIPELINE, "shout.yml": COMPONENT}),
        format="multipart",
        headers={"X-Pipewright-Workspace": "lab"},
    )
    assert chosen.status_code == 201, chosen.content
    assert Pipeline.objects.get(pk=chosen.json()["pipelines"][0]["id"]).workspace == lab
