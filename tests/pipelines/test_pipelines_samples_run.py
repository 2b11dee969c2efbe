"""Every sample pipeline, cloned as the gallery clones it, runs for real to the end: each step in
an executor child on real data, as a worker runs it. The numbers say each sample shows what its
description promises."""

import pytest

from designer.artifacts.models import Artifact
from designer.pipelines.samples import ORDER
from designer.runs import orchestrator
from designer.runs.models import Metric
from tests.models.factories import run_to_end

pytestmark = pytest.mark.django_db

# What Evaluate Model must report for each sample with the default seed: metric name → the least
# it may be.
EXPECTED = {
    "diabetes_regression": {"r2": 0.3},
    "breast_cancer_binary": {"auc": 0.95, "auc_2": 0.95, "accuracy": 0.9},
    "wine_multiclass": {"accuracy": 0.9, "macro_f1": 0.9},
    "iris_clustering": {"silhouette": 0.4},
    "text_classification": {"accuracy": 0.75, "auc": 0.9},
    "anomaly_detection": {"auc": 0.8, "recall": 0.5},
}


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


def evaluated(run, node_id: str) -> dict[str, float]:
    metrics = Metric.objects.filter(node_run__run=run, node_run__node_id=node_id)
    return {metric.name: metric.value for metric in metrics}


@pytest.mark.parametrize("key", ORDER)
def test_the_sample_runs_green(api, user, builtins, key):
    cloned = api.post(f"/api/pipelines/samples/{key}/clone/", {}, format="json").json()
    run = run_to_end(orchestrator.submit_run(user, cloned["id"]), user)
    failed = {n.node_id: n.error for n in run.node_runs.exclude(status="completed")}
    assert run.status == "completed", failed
    assert run.node_runs.count() == len(cloned["graph"]["nodes"])
    found = evaluated(run, "evaluate")
    for name, least in EXPECTED[key].items():
        assert found[name] >= least, (name, found)


def test_the_binary_sample_draws_two_roc_curves(api, user, builtins):
    cloned = api.post("/api/pipelines/samples/breast_cancer_binary/clone/", {}, format="json")
    run = run_to_end(orchestrator.submit_run(user, cloned.json()["id"]), user)
    evaluate = run.node_runs.get(node_id="evaluate")
    curve = Artifact.objects.get(pk=evaluate.outputs["curve"])
    preview = api.get(f"/api/artifacts/{curve.pk}/preview/").json()
    assert preview["columns"][:3] == ["input", "fpr", "tpr"]
    assert {row[0] for row in preview["rows"]} == {"scored", "scored_2"}
