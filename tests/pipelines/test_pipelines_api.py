"""Pipelines over the REST API: CRUD with revisions, and validation errors that name the spot."""

import pytest

from tests.pipelines.factories import edge, graph, node, post_pipeline
from tests.support.live import sample_graph

pytestmark = pytest.mark.django_db


def validate(api, drawn, parameters=None):
    pipeline = post_pipeline(api)
    body = {"graph": drawn, "parameters": parameters or {}}
    response = api.post(f"/api/pipelines/{pipeline['id']}/validate/", body, format="json")
    assert response.status_code == 200
    return response.json()


def codes(result):
    return {(e["code"], e["node"], e["port"], e["param"]) for e in result["errors"]}


def test_sample_pipeline_is_valid(api, builtins):
    sample = sample_graph()
    result = validate(api, sample["graph"], sample["parameters"])
    assert result == {"valid": True, "errors": []}


def test_cycle_is_reported_with_its_nodes(api, builtins):
    drawn = graph(
        [
            node("a", "select_columns@1.0.0", {"columns": ["x"]}),
            node("b", "select_columns@1.0.0", {"columns": ["x"]}),
        ],
        [edge("a", "data", "b", "data"), edge("b", "data", "a", "data")],
    )
    result = validate(api, drawn)
    cycles = [e for e in result["errors"] if e["code"] == "cycle"]
    assert not result["valid"] and cycles
    assert "a" in cycles[0]["message"] and "b" in cycles[0]["message"]


def test_port_type_mismatch_names_node_and_port(api, builtins):
    drawn = graph(
        [node("learner", "linear_regression@1.0.0"), node("split", "split_data@1.0.0")],
        [edge("learner", "model", "split", "data")],
    )
    result = validate(api, drawn)
    mismatch = [e for e in result["errors"] if e["code"] == "type_mismatch"]
    assert mismatch and mismatch[0]["node"] == "split" and mismatch[0]["port"] == "data"
    assert "model" in mismatch[0]["message"] and "dataframe" in mismatch[0]["message"]


def test_missing_required_input(api, builtins):
    result = validate(api, graph([node("split", "split_data@1.0.0")]))
    assert ("missing_input", "split", "data", None) in codes(result)


def test_out_of_range_parameter(api, builtins):
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0"),
            node("split", "split_data@1.0.0", {"fraction": 1.5}),
        ],
        [edge("load", "data", "split", "data")],
    )
    result = validate(api, drawn)
    bad = [e for e in result["errors"] if e["param"] == "fraction"]
    assert bad and bad[0]["node"] == "split" and bad[0]["code"] == "invalid_param"


def test_empty_code_is_refused_at_validate_and_submit_not_replaced_by_the_template(api, builtins):
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0"),
            node("py", "execute_python_script@1.0.0", {"script": ""}),
        ],
        [edge("load", "data", "py", "data1")],
    )
    result = validate(api, drawn)
    assert [(e["code"], e["node"], e["param"]) for e in result["errors"]] == [
        ("invalid_param", "py", "script")
    ]
    assert "script is empty" in result["errors"][0]["message"]
    pipeline = post_pipeline(api, drawn)
    response = api.post(f"/api/pipelines/{pipeline['id']}/runs/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "invalid_param"


def test_unknown_component(api, builtins):
    result = validate(api, graph([node("x", "no_such_thing@9.9.9")]))
    assert ("unknown_component", "x", None, None) in codes(result)
    assert "no_such_thing@9.9.9" in result["errors"][0]["message"]


def test_unknown_pipeline_parameter(api, builtins):
    drawn = graph(
        [
            node("load", "sample_dataset@1.0.0"),
            node("split", "split_data@1.0.0", {"seed": {"$param": "nope"}}),
        ],
        [edge("load", "data", "split", "data")],
    )
    result = validate(api, drawn)
    assert any(
        e["code"] == "unknown_pipeline_param" and e["node"] == "split" for e in result["errors"]
    )


def test_malformed_json_is_a_400(api):
    response = api.generic("POST", "/api/pipelines/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "JSON" in response.json()["message"]


def test_malformed_graph_is_reported(api, builtins):
    result = validate(api, {"nodes": "oops"})
    assert not result["valid"] and result["errors"][0]["code"] == "malformed"


def test_submitting_an_invalid_pipeline_is_a_400_with_the_errors(api, builtins):
    pipeline = post_pipeline(api, graph([node("split", "split_data@1.0.0")]))
    response = api.post(f"/api/pipelines/{pipeline['id']}/runs/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "missing_input"


def test_stale_revision_is_a_409_and_keeps_the_newer_write(api):
    pipeline = post_pipeline(api)
    url = f"/api/pipelines/{pipeline['id']}/"
    first = api.patch(url, {"name": "first", "revision": pipeline["revision"]}, format="json")
    assert first.status_code == 200 and first.json()["revision"] == pipeline["revision"] + 1
    stale = api.patch(url, {"name": "second", "revision": pipeline["revision"]}, format="json")
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_revision"
    assert stale.json()["revision"] == first.json()["revision"]
    assert api.get(url).json()["name"] == "first"


def test_update_without_revision_is_refused(api):
    pipeline = post_pipeline(api)
    response = api.patch(f"/api/pipelines/{pipeline['id']}/", {"name": "x"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "revision_required"


def test_crud_round_trip(api, builtins):
    sample = sample_graph()
    pipeline = post_pipeline(api, sample["graph"], parameters=sample["parameters"])
    listed = api.get("/api/pipelines/").json()
    assert [p["id"] for p in listed] == [pipeline["id"]] and listed[0]["node_count"] == 6
    fetched = api.get(f"/api/pipelines/{pipeline['id']}/").json()
    assert fetched["graph"] == sample["graph"]
    assert api.delete(f"/api/pipelines/{pipeline['id']}/").status_code == 204
    assert api.get(f"/api/pipelines/{pipeline['id']}/").status_code == 404


def test_without_sign_in_the_api_refuses(anon):
    for method, url in [
        ("get", "/api/pipelines/"),
        ("get", "/api/components/"),
        ("post", "/api/pipelines/"),
        ("get", "/api/runs/"),
    ]:
        response = getattr(anon, method)(url)
        assert response.status_code in (401, 403), url


def test_health_needs_no_sign_in(anon):
    assert anon.get("/api/health/").json()["status"] == "ok"


def test_unknown_api_path_is_a_json_404(api):
    response = api.get("/api/nothing-here/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_a_huge_payload_is_a_4xx_and_changes_nothing(api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
    pipeline = post_pipeline(api)
    filler = [{"id": f"n{i}", "component": "x@1.0.0", "comment": "x" * 200} for i in range(10_000)]
    body = {"graph": {"nodes": filler, "edges": []}, "revision": pipeline["revision"]}
    response = api.patch(f"/api/pipelines/{pipeline['id']}/", body, format="json")
    assert response.status_code == 413
    assert response.json() == {"code": "too_large", "message": "The request is larger than 1 MiB."}
    assert api.get(f"/api/pipelines/{pipeline['id']}/").json()["revision"] == pipeline["revision"]
