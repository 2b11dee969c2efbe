"""`POST /api/runs/{id}/inference-pipeline/` refusals, and Run Output nodes bound to what a run
stored (or refused, naming the node)."""

import pytest
from django.utils import timezone

from designer.pipelines.models import Pipeline
from designer.runs.models import Run
from tests.inference.factories import trained
from tests.pipelines.factories import edge, graph, node, post_pipeline

pytestmark = pytest.mark.django_db

LOAD_AND_SPLIT = graph(
    [
        node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
        node("split", "split_data@1.1.0"),
    ],
    [edge("load", "data", "split", "data")],
)


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")


@pytest.fixture
def unscored(api, builtins) -> Run:
    """A completed run of a pipeline that scores nothing."""
    return trained(api, LOAD_AND_SPLIT, "no scoring")


def post(api, run_id: int, **body):
    return api.post(f"/api/runs/{run_id}/inference-pipeline/", body, format="json")


def test_a_run_that_has_not_completed_is_refused_naming_its_state(api, builtins):
    created = post_pipeline(api, LOAD_AND_SPLIT, "waiting")
    run_id = api.post(f"/api/pipelines/{created['id']}/runs/", {}, format="json").json()["id"]
    status = Run.objects.get(pk=run_id).status
    answer = post(api, run_id)
    assert answer.status_code == 400
    assert answer.json()["code"] == "run_not_completed"
    assert f"Run {run_id} is {status}" in answer.json()["message"]


def test_a_run_with_no_scoring_node_is_refused_with_what_to_add(api, unscored):
    count = Pipeline.objects.count()
    answer = post(api, unscored.pk)
    assert answer.status_code == 400
    assert answer.json()["code"] == "cannot_derive"
    assert "has no scoring node: add Score Model" in answer.json()["message"]
    assert Pipeline.objects.count() == count, "nothing is saved"


def test_a_scoring_node_that_is_not_there_is_named(api, unscored):
    answer = post(api, unscored.pk, node="score")
    assert answer.status_code == 400
    assert "has no node 'score'" in answer.json()["message"]


@pytest.mark.parametrize(
    ("body", "field"),
    [({"kind": "weekly"}, "kind"), ({"save": "maybe"}, "save"), ({"name": "x" * 201}, "name")],
)
def test_bad_bodies_are_refused_by_field(api, unscored, body, field):
    answer = post(api, unscored.pk, **body)
    assert answer.status_code == 400
    assert field in answer.json()["fields"]


def test_an_unknown_or_deleted_run_is_not_found(api, unscored):
    assert post(api, 999_999).status_code == 404
    unscored.deleted_at = timezone.now()
    unscored.save(update_fields=["deleted_at"])
    answer = post(api, unscored.pk)
    assert answer.status_code == 404
    assert answer.json()["message"] == f"No run {unscored.pk}."


def test_signing_in_is_required(anon, unscored):
    assert post(anon, unscored.pk).status_code in (401, 403)


# --- Run Output nodes --------------------------------------------------------------------------


def submit_run_output(api, **params):
    created = post_pipeline(api, graph([node("bound", "run_output@1.0.0", params)]), "bound")
    return api.post(f"/api/pipelines/{created['id']}/runs/", {}, format="json")


@pytest.mark.parametrize(
    ("params", "code", "words"),
    [
        ({"node": "split", "port": "first"}, "not_a_model", "is a dataframe; a Run Output node"),
        ({"node": "nope", "port": "model"}, "not_found", "has no node 'nope'"),
        ({"node": "split", "port": "model"}, "no_run_output", "stored no output 'model'"),
    ],
)
def test_a_run_output_that_is_no_stored_model_refuses_the_run(api, unscored, params, code, words):
    answer = submit_run_output(api, run=unscored.pk, **params)
    assert answer.status_code == 400
    error = answer.json()["errors"][0]
    assert (error["node"], error["code"]) == ("bound", code)
    assert words in error["message"]


def test_a_run_output_of_a_deleted_run_refuses_the_run(api, unscored):
    unscored.deleted_at = timezone.now()
    unscored.save(update_fields=["deleted_at"])
    answer = submit_run_output(api, run=unscored.pk, node="split", port="first")
    assert answer.status_code == 400
    assert "does not exist or was deleted" in answer.json()["errors"][0]["message"]
