"""Pipelines as YAML files: export, import, the round trip, and clear 400s for bad files."""

import pytest
import yaml

from designer.pipelines import yaml_io
from tests.pipelines.factories import post_pipeline
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db


def import_text(api, text, content_type="text/yaml"):
    return api.generic("POST", "/api/pipelines/import/", text, content_type=content_type)


def rich_pipeline(api):
    sample = sample_graph()
    graph = sample["graph"]
    graph["nodes"][0]["comment"] = "line one\nline two: with a colon"
    graph["nodes"][1]["label"] = "an extra node key"
    graph["nodes"][2]["params"] = {"odd": ["yes", "no", "1.0", "null", "2024-01-01", "é"]}
    graph["nodes"][3]["position"] = {"x": 12.5, "y": -3}
    return post_pipeline(
        api,
        name="Diabetes: the sample",
        description="multi\nline",
        graph=graph,
        parameters=sample["parameters"],
        default_compute="gpu",
    )


def test_export_then_import_gives_the_same_pipeline(api):
    original = rich_pipeline(api)
    response = api.get(f"/api/pipelines/{original['id']}/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/yaml")
    assert response["Content-Disposition"] == (
        'attachment; filename="diabetes-the-sample.pipeline.yaml"'
    )
    text = response.content.decode()
    assert text.startswith("pipewright: 1\nname: 'Diabetes: the sample'\n")
    assert "- {source: load, source_port: data, target: split, target_port: data}" in text
    imported = import_text(api, text)
    assert imported.status_code == 201, imported.content
    copy = imported.json()
    assert copy["id"] != original["id"] and copy["revision"] == 1
    for key in ("name", "description", "graph", "parameters", "default_compute"):
        assert copy[key] == original[key], key


def test_the_document_is_readable(api):
    original = rich_pipeline(api)
    text = api.get(f"/api/pipelines/{original['id']}/export/").content.decode()
    document = yaml.safe_load(text)
    assert list(document) == list(yaml_io.TOP_KEYS)
    first = document["nodes"][0]
    assert list(first)[:3] == ["id", "component", "params"]
    assert "  comment: |-\n    line one\n    line two: with a colon\n" in text
    assert "  position: {x: 0, y: 160}\n" in text
    assert "    seed: {$param: seed}\n" in text


def test_json_body_with_yaml_and_names_need_not_be_unique(api):
    original = rich_pipeline(api)
    text = api.get(f"/api/pipelines/{original['id']}/export/").content.decode()
    response = api.post("/api/pipelines/import/", {"yaml": text}, format="json")
    assert response.status_code == 201
    assert response.json()["name"] == original["name"]


def test_a_minimal_file_gets_defaults(api):
    response = import_text(api, "pipewright: 1\nname: tiny\n")
    assert response.status_code == 201
    body = response.json()
    assert body["graph"] == {"nodes": [], "edges": []}
    assert (body["parameters"], body["description"], body["default_compute"]) == ({}, "", "default")


@pytest.mark.parametrize(
    ("text", "code", "words"),
    [
        ("pipewright: 1\nname: [unclosed\n", "bad_yaml", "line 3"),
        ("pipewright: 1\nname: a\nname: b\n", "bad_yaml", "twice"),
        ("- just\n- a list\n", "not_a_mapping", "mapping"),
        ("", "not_a_mapping", "empty"),
        ("pipewright: 1\nname: x\nstages: []\n", "unknown_keys", "stages"),
        ("name: x\nnodes: []\n", "not_a_pipeline", "pipewright: 1"),
        ("pipewright: 2\nname: x\n", "unsupported_version", "format 2"),
        ("pipewright: 1\nname: '  '\n", "blank_name", "name"),
        (
            "pipewright: 1\nname: x\nnodes: {a: 1}\n",
            "invalid_pipeline_file",
            "nodes must be a list",
        ),
        ("pipewright: 1\nname: x\nedges: [1]\n", "invalid_pipeline_file", "edges entry #1"),
        ("pipewright: 1\nname: x\nparameters: [1]\n", "invalid_pipeline_file", "parameters"),
        ("pipewright: 1\nname: x\ndescription: 5\n", "invalid_pipeline_file", "string"),
        ("pipewright: 1\nname: &n x\ndescription: *n\n", "bad_yaml", "alias"),
        ("pipewright: 1\nname: x\nnodes: [{id: a, p: .nan}]\n", "invalid_pipeline_file", "nan"),
        (
            "pipewright: 1\nname: x\nnodes: [{id: a, b: !!binary aGk=}]\n",
            "invalid_pipeline_file",
            "bytes",
        ),
        ("pipewright: 1\nname: x\nnodes: " + "[" * 100 + "]" * 100 + "\n", "bad_yaml", "deeper"),
    ],
)
def test_bad_files_are_clear_400s(api, text, code, words):
    response = import_text(api, text)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == code, body
    assert words in body["message"], body["message"]


def test_files_over_two_megabytes_are_refused(api):
    text = "pipewright: 1\nname: big\ndescription: " + "x" * (2 * 1024 * 1024) + "\n"
    response = import_text(api, text)
    assert response.status_code == 400 and response.json()["code"] == "too_large"
    response = api.post("/api/pipelines/import/", {"yaml": text}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "too_large"


def test_other_bodies_are_refused(api):
    assert api.post("/api/pipelines/import/", {}, format="json").status_code == 400
    response = import_text(api, b"\xff\xfe", content_type="text/yaml")
    assert response.status_code == 400 and response.json()["code"] == "not_text"
    assert import_text(api, "a=b", "application/x-www-form-urlencoded").status_code == 415


def test_dates_in_a_hand_written_file_become_text(api):
    response = import_text(api, "pipewright: 1\nname: x\nnodes: [{id: a, when: 2024-01-01}]\n")
    assert response.status_code == 201
    assert response.json()["graph"]["nodes"] == [{"id": "a", "when": "2024-01-01"}]


def test_export_of_a_missing_pipeline_is_a_404(api):
    assert api.get("/api/pipelines/424242/export/").status_code == 404
