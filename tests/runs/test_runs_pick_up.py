"""Picking up from a run: `POST /api/runs/{id}/open-as-pipeline/` makes a new pipeline of the
version the run ran with its parameter values as defaults; `GET /api/runs/{id}/compare-draft/`
says how the pipeline's draft has moved on since."""

import copy

import pytest
from django.utils import timezone

from designer.pipelines.models import Pipeline
from designer.runs.models import Run
from tests.models.factories import sample_graph, sample_parameters
from tests.pipelines.factories import post_pipeline

pytestmark = pytest.mark.django_db


@pytest.fixture
def run(api, builtins) -> dict:
    """A run of the diabetes sample with seed 7 (the default is 0); the run as the API shows it."""
    created = post_pipeline(api, sample_graph(), "diabetes", parameters=sample_parameters())
    answer = api.post(
        f"/api/pipelines/{created['id']}/runs/", {"parameters": {"seed": 7}}, format="json"
    )
    assert answer.status_code == 201, answer.content
    return answer.json()


def edit_draft(api, pipeline_id: int, change) -> dict:
    """Save the pipeline's draft after `change(graph, parameters)` edited it in place."""
    current = api.get(f"/api/pipelines/{pipeline_id}/").json()
    graph, parameters = copy.deepcopy(current["graph"]), copy.deepcopy(current["parameters"])
    change(graph, parameters)
    body = {"graph": graph, "parameters": parameters, "revision": current["revision"]}
    saved = api.patch(f"/api/pipelines/{pipeline_id}/", body, format="json")
    assert saved.status_code == 200, saved.content
    return saved.json()


def set_fraction(graph, parameters, value=0.5):
    split = next(node for node in graph["nodes"] if node["id"] == "split")
    split["params"]["fraction"] = value


def test_a_run_opens_as_a_pipeline_of_what_it_ran(api, run):
    edit_draft(api, run["pipeline"], set_fraction)
    answer = api.post(f"/api/runs/{run['id']}/open-as-pipeline/", {}, format="json")
    assert answer.status_code == 201, answer.content
    opened = answer.json()
    assert opened["id"] != run["pipeline"]
    assert opened["name"] == f"diabetes (run #{run['id']})"
    assert f"run #{run['id']}" in opened["description"]
    assert opened["graph"] == run["graph"], "the frozen version, not the draft edited since"
    assert opened["parameters"]["seed"] == {**sample_parameters()["seed"], "default": 7}
    assert opened["revision"] == 1

    # Submitted unchanged, it runs with the values that run had.
    again = api.post(f"/api/pipelines/{opened['id']}/runs/", {}, format="json")
    assert again.status_code == 201, again.content
    assert again.json()["parameters"] == run["parameters"]


def test_the_new_pipeline_takes_the_name_given(api, run):
    answer = api.post(f"/api/runs/{run['id']}/open-as-pipeline/", {"name": "Seed 7"}, format="json")
    assert answer.status_code == 201
    assert Pipeline.objects.get(pk=answer.json()["id"]).name == "Seed 7"


def test_a_name_too_long_is_refused_by_field_and_nothing_is_made(api, run):
    count = Pipeline.objects.count()
    answer = api.post(
        f"/api/runs/{run['id']}/open-as-pipeline/", {"name": "x" * 201}, format="json"
    )
    assert answer.status_code == 400
    assert "name" in answer.json()["fields"]
    assert Pipeline.objects.count() == count


def test_an_unchanged_draft_is_the_same(api, run):
    answer = api.get(f"/api/runs/{run['id']}/compare-draft/")
    assert answer.status_code == 200
    diff = answer.json()
    assert diff["same"] is True
    assert diff["run"] == run["id"] and diff["pipeline"] == run["pipeline"]
    assert diff["version"] == run["version"]


def test_the_draft_s_changes_since_the_run_are_listed(api, run):
    def change(graph, parameters):
        set_fraction(graph, parameters, 0.6)
        graph["nodes"] = [node for node in graph["nodes"] if node["id"] != "evaluate"]
        graph["edges"] = [edge for edge in graph["edges"] if edge["target"] != "evaluate"]
        parameters["seed"]["default"] = 3

    saved = edit_draft(api, run["pipeline"], change)
    diff = api.get(f"/api/runs/{run['id']}/compare-draft/").json()
    assert diff["same"] is False
    assert diff["revision"] == saved["revision"]
    assert diff["graph"] == saved["graph"]
    assert diff["removed"] == ["evaluate"]
    assert diff["added"] == []
    assert diff["edges_removed"] == [
        {"source": "score", "source_port": "scored", "target": "evaluate", "target_port": "scored"}
    ]
    split = next(node for node in run["graph"]["nodes"] if node["id"] == "split")
    assert diff["changed"] == [
        {
            "node": "split",
            "component": None,
            "params": [{"name": "fraction", "before": split["params"].get("fraction"), "now": 0.6}],
            "settings": [],
        }
    ]
    assert [change["name"] for change in diff["parameters"]] == ["seed"]


def test_an_unknown_or_deleted_run_is_not_found(api, run):
    for path in ("open-as-pipeline/", "compare-draft/"):
        call = api.post if path.startswith("open") else api.get
        assert call(f"/api/runs/999999/{path}").status_code == 404
    Run.objects.filter(pk=run["id"]).update(deleted_at=timezone.now())
    assert api.post(f"/api/runs/{run['id']}/open-as-pipeline/").status_code == 404
    assert api.get(f"/api/runs/{run['id']}/compare-draft/").status_code == 404


def test_signed_out_callers_are_refused(anon, run):
    assert anon.post(f"/api/runs/{run['id']}/open-as-pipeline/").status_code in (401, 403)
    assert anon.get(f"/api/runs/{run['id']}/compare-draft/").status_code in (401, 403)
