"""Node ids are names, never paths: validation refuses them, and the worker would not use one
as a folder even if a bad id reached it."""

import json
from pathlib import Path

import pytest

from designer.execution.step import work_dir_for
from designer.kernel.names import node_id_problem
from designer.pipelines.samples import __path__ as samples_path
from designer.runs.models import NodeRun
from tests.kernel import factories as kernel
from tests.pipelines.factories import graph, node, post_pipeline

BAD_IDS = [
    "/x/victim",
    "../../../y",
    "a/b",
    "a\\b",
    "x..y",
    "..",
    ".hidden",
    "",
    "a b",
    "é",
    "x" * 101,
]
GOOD_IDS = ["load", "split_data_2", "Train-Model.v2", "A", "n9999", "x" * 100]


@pytest.mark.parametrize("node_id", BAD_IDS)
def test_bad_node_ids_break_the_rule(node_id):
    assert node_id_problem(node_id) is not None


@pytest.mark.parametrize("node_id", GOOD_IDS)
def test_good_node_ids_pass(node_id):
    assert node_id_problem(node_id) is None


def test_the_sample_pipelines_use_good_ids():
    for sample in Path(samples_path[0]).glob("*.json"):
        nodes = json.loads(sample.read_text())["graph"]["nodes"]
        assert all(node_id_problem(n["id"]) is None for n in nodes), sample.name


def test_validation_reports_a_path_as_an_invalid_node_id():
    drawn = graph([kernel.node("../../../y", "load_data", path="rows.csv")])
    issue = kernel.only(drawn)
    assert (issue.code, issue.node) == ("invalid_node_id", "../../../y")
    assert "not a valid node id" in issue.message


@pytest.mark.django_db
@pytest.mark.parametrize("node_id", ["/x/victim", "../../../y"])
def test_validate_and_submit_refuse_a_path_as_node_id(api, builtins, node_id):
    drawn = graph([node(node_id, "sample_dataset@1.0.0")])
    pipeline = post_pipeline(api, drawn)
    checked = api.post(f"/api/pipelines/{pipeline['id']}/validate/", {"graph": drawn}, "json")
    assert checked.status_code == 200
    assert {(e["code"], e["node"]) for e in checked.json()["errors"]} == {
        ("invalid_node_id", node_id)
    }
    submitted = api.post(f"/api/pipelines/{pipeline['id']}/runs/", {}, format="json")
    assert submitted.status_code == 400
    body = submitted.json()
    assert body["code"] == "invalid_pipeline"
    assert [e["node"] for e in body["errors"]] == [node_id]


@pytest.mark.parametrize("node_id", ["/x/victim", "../../../y", "a/b"])
def test_the_worker_refuses_a_path_as_its_work_folder(node_id, settings, tmp_path):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    with pytest.raises(ValueError, match="not a valid node id"):
        work_dir_for(NodeRun(run_id=7, node_id=node_id, attempts=1))
    assert work_dir_for(NodeRun(run_id=7, node_id="load", attempts=1)) == (
        tmp_path / "work" / "run-7" / "load-1"
    )
