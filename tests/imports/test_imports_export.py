"""GET /api/pipelines/{id}/export/azureml/: a pipeline as Azure ML v2 YAML that imports back to
the same pipeline; built-in components are named for the Azure workspace to provide."""

import io
import json
import zipfile

import yaml

from designer.imports.planner import plan_import
from designer.kernel.spec import parse_spec
from designer.pipelines.models import Pipeline
from tests.imports.interop import REPO, upload

BASICS = "azureml/1a_e2e_local_components"
SAMPLES = REPO / "designer" / "pipelines" / "samples"


def exported(api, pipeline_id: int) -> dict[str, bytes]:
    response = api.get(f"/api/pipelines/{pipeline_id}/export/azureml/")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return {name: archive.read(name) for name in archive.namelist()}


def shape(pipeline) -> tuple:
    """What must survive a round trip: nodes with components and values, edges, parameters."""
    graph = pipeline.graph
    nodes = sorted(
        (n["id"], n["component"].split("@")[0], json.dumps(n["params"], sort_keys=True))
        for n in graph["nodes"]
    )
    edges = sorted(tuple(e.values()) for e in graph["edges"])
    parameters = {k: (v["type"], v.get("default")) for k, v in pipeline.parameters.items()}
    return nodes, edges, parameters


def test_an_imported_azure_pipeline_exports_and_imports_back_the_same(api, db) -> None:
    names = [f"{BASICS}/{name}.yml" for name in ("pipeline", "train", "score", "eval")]
    body = upload(api, names, BASICS).json()
    original = Pipeline.objects.get(pk=body["pipelines"][0]["id"])

    files = exported(api, original.pk)
    assert set(files) == {
        "pipeline.yml",
        "README.md",
        "components/train.yml",
        "components/score.yml",
        "components/eval.yml",
    }
    train = yaml.safe_load(files["components/train.yml"])
    assert train["version"] == "10"  # as the Azure file wrote it
    assert train["environment"] == (
        "azureml://registries/azureml/environments/sklearn-1.5/labels/latest"
    )
    assert train["inputs"]["training_data"] == {"type": "uri_folder"}
    assert train["inputs"]["learning_rate"] == {"type": "number", "default": 0.01}
    assert "--max_epocs ${{inputs.max_epocs}}" in train["command"]

    plan = plan_import(files, lambda name, version: None, reserved={"score_model"})
    (again,) = plan.pipelines
    assert shape(again) == shape(original)
    specs = {draft.spec["name"]: parse_spec(draft.spec).to_dict() for draft in plan.components}
    for row in body["components"]:
        spec = specs[row["name"]]
        assert (spec["inputs"], spec["outputs"]) == (row["inputs"], row["outputs"])
        assert spec["parameters"] == row["parameters"]


def test_built_in_components_are_named_for_the_workspace_to_provide(api, db) -> None:
    sample = json.loads((SAMPLES / "diabetes_regression.json").read_text())
    pipeline = api.post("/api/pipelines/", sample, format="json").json()
    files = exported(api, pipeline["id"])
    assert set(files) == {"pipeline.yml", "README.md"}
    document = yaml.safe_load(files["pipeline.yml"])
    assert document["inputs"] == {"seed": 0}
    split = document["jobs"]["split"]
    assert split == {
        "type": "command",
        "component": "azureml:split_data:1.0.0",
        "inputs": {
            "fraction": 0.7,
            "seed": "${{parent.inputs.seed}}",
            "data": "${{parent.jobs.load.outputs.data}}",
        },
    }
    readme = files["README.md"].decode()
    assert "- `split_data@1.0.0`: a built-in component" in readme


def test_exporting_a_missing_pipeline_is_a_404(api, db) -> None:
    assert api.get("/api/pipelines/999/export/azureml/").status_code == 404
