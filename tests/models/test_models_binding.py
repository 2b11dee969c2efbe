"""A Registered Model node feeds a pipeline wherever a trained model is expected: bound to the
newest version, a number or an alias when the run starts, and the run keeps which it used."""

import pandas as pd
import pytest

from designer.accounts.acting import SYSTEM
from designer.artifacts.models import Artifact
from designer.artifacts.stores import get_store
from designer.errors import GraphInvalid
from designer.models.services.registry import set_alias
from designer.runs import orchestrator
from designer.runs.models import NodeRun
from tests.models.factories import fitted_model, registered_version, run_to_end
from tests.pipelines.factories import edge, graph, node, pipeline

pytestmark = pytest.mark.django_db

ROWS = "x0,x1,x2\n1,2,3\n0.5,0,-1\n"


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def scoring_graph(version: str) -> dict:
    return graph(
        [
            node("model", "registered_model@1.0.0", {"name": "price", "version": version}),
            node("rows", "enter_data_manually@1.0.0", {"data": ROWS}),
            node("score", "score_model@1.0.0"),
        ],
        [edge("model", "model", "score", "model"), edge("rows", "data", "score", "data")],
    )


def submit(version: str):
    return orchestrator.submit_run(SYSTEM, pipeline(scoring_graph(version), "scoring").pk)


@pytest.mark.parametrize(("ref", "bound"), [("latest", 3), ("2", 2), ("@production", 1)])
def test_the_node_binds_the_version_it_names(builtins, tmp_path, ref, bound):
    versions = [registered_version("price", tmp_path, seed=i) for i in range(3)]
    assert len({v.artifact_id for v in versions}) == 3
    set_alias(SYSTEM, "price", "production", 1)
    run = submit(ref)

    model = NodeRun.objects.get(run=run, node_id="model")
    chosen = versions[bound - 1]
    assert model.status == "completed" and model.outputs == {"model": chosen.artifact_id}
    assert model.params == {"name": "price", "version": str(bound)}
    assert model.source == {
        "kind": "model",
        "name": "price",
        "version": bound,
        "digest": chosen.artifact.digest,
    }


def test_a_scoring_run_predicts_with_the_registered_model(api, builtins, tmp_path):
    registered_version("price", tmp_path)
    run = run_to_end(submit("latest"))
    assert run.status == "completed"

    score = NodeRun.objects.get(run=run, node_id="score")
    with get_store().open(Artifact.objects.get(pk=score.outputs["scored"]).uri) as stream:
        scored = pd.read_parquet(stream)
    trained, _ = fitted_model()
    expected = trained.estimator.predict(scored[["x0", "x1", "x2"]])
    assert scored["scored_label"].tolist() == pytest.approx(expected.tolist())
    shown = api.get(f"/api/runs/{run.pk}/").json()
    (model_node,) = [n for n in shown["nodes"] if n["node"] == "model"]
    assert model_node["source"]["kind"] == "model" and model_node["source"]["version"] == 1


@pytest.mark.parametrize(
    ("version", "code"), [("9", "not_found"), ("@nobody", "not_found"), ("v2", "bad_version")]
)
def test_a_version_that_does_not_exist_refuses_the_run_naming_the_node(
    api, builtins, tmp_path, version, code
):
    registered_version("price", tmp_path)
    owner = pipeline(scoring_graph(version), "scoring")
    response = api.post(f"/api/pipelines/{owner.pk}/runs/", {}, format="json")
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["node"] == "model" and error["code"] == code
    assert not owner.runs.exists()


def test_an_unknown_model_refuses_the_run(builtins):
    with pytest.raises(GraphInvalid) as refused:
        submit("latest")
    assert "Node model: No registered model named 'price'" in refused.value.message
