"""The sample pipelines: listed for the gallery, cloned into pipelines of one's own, valid as
they ship, laid out left to right; first start-up still creates the diabetes sample once."""

import json
from pathlib import Path

import pytest

from designer.pipelines.samples import ORDER, ensure_samples
from designer.pipelines.samples import __path__ as samples_path

pytestmark = pytest.mark.django_db
FILES = sorted(Path(samples_path[0]).glob("*.json"))


def test_the_gallery_lists_every_sample_in_order(api):
    response = api.get("/api/pipelines/samples/")
    assert response.status_code == 200
    listed = response.json()
    assert [s["key"] for s in listed] == list(ORDER)
    assert {s["key"] for s in listed} == {path.stem for path in FILES}
    for sample in listed:
        assert sample["name"].startswith("Sample: ") and len(sample["description"]) > 40
        assert sample["node_count"] == len(sample["graph"]["nodes"]) >= 5
        assert "seed" in sample["parameters"]


def test_cloning_a_sample_makes_a_pipeline_of_one_s_own(api, user):
    response = api.post("/api/pipelines/samples/wine_multiclass/clone/", {}, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    shipped = json.loads(Path(samples_path[0], "wine_multiclass.json").read_text())
    assert created["name"] == shipped["name"] and created["revision"] == 1
    assert created["graph"] == shipped["graph"]
    assert created["parameters"] == shipped["parameters"]
    assert created["description"] == shipped["description"]
    named = api.post(
        "/api/pipelines/samples/wine_multiclass/clone/", {"name": "My wines"}, format="json"
    )
    assert named.status_code == 201 and named.json()["name"] == "My wines"
    assert named.json()["id"] != created["id"], "every clone is a new pipeline"
    from designer.pipelines.models import Pipeline

    assert Pipeline.objects.get(pk=created["id"]).owner == user


def test_an_unknown_sample_is_a_404_naming_the_samples(api):
    response = api.post("/api/pipelines/samples/titanic/clone/", {}, format="json")
    assert response.status_code == 404
    message = response.json()["message"]
    assert "titanic" in message and "wine_multiclass" in message


def test_samples_need_a_signed_in_user(anon):
    assert anon.get("/api/pipelines/samples/").status_code in (401, 403)
    cloned = anon.post("/api/pipelines/samples/wine_multiclass/clone/", {}, format="json")
    assert cloned.status_code in (401, 403)


@pytest.mark.parametrize("key", ORDER)
def test_every_sample_is_valid_as_it_ships(api, builtins, key):
    created = api.post(f"/api/pipelines/samples/{key}/clone/", {}, format="json").json()
    checked = api.post(f"/api/pipelines/{created['id']}/validate/", {}, format="json").json()
    assert checked == {"valid": True, "errors": []}


# The width of a drawn node at most (.pw-node max-width), so an edge never runs back under one.
NODE_MAX_WIDTH = 280


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_sample_ships_laid_out_left_to_right(path):
    """As the app's auto layout draws it: every edge runs forward from an output on a node's
    right to an input on a later node's left, so none loops back around a node."""
    graph = json.loads(path.read_text())["graph"]
    x = {node["id"]: node["position"]["x"] for node in graph["nodes"]}
    backwards = [
        f"{e['source']} -> {e['target']}"
        for e in graph["edges"]
        if x[e["target"]] < x[e["source"]] + NODE_MAX_WIDTH
    ]
    assert backwards == [], path.stem
    places = [(n["position"]["x"], n["position"]["y"]) for n in graph["nodes"]]
    assert len(set(places)) == len(places), "no two nodes on the same spot"


def test_start_up_creates_the_diabetes_sample_once():
    from designer.pipelines.models import Pipeline

    assert ensure_samples() == ["Sample: diabetes regression"]
    assert ensure_samples() == []
    assert list(Pipeline.objects.values_list("name", flat=True)) == ["Sample: diabetes regression"]
