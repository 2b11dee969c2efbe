"""Bad input is a 4xx with a message a person can act on, never a 500: each case here once was
a 500 (or an HTML page) and stays fixed."""

import pytest
from rest_framework.test import APIClient

from designer.accounts.acting import SYSTEM
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator
from tests.pipelines.factories import graph, node, post_pipeline

pytestmark = pytest.mark.django_db

HUGE = 10**19


def one_node(**settings) -> dict:
    return graph([node("load", "sample_dataset@1.0.0", **settings)])


# --- a node's timeout and retries -------------------------------------------------------------


@pytest.mark.parametrize("key", ["timeout", "max_retries"])
@pytest.mark.parametrize("value", ["abc", -1, HUGE, 1.5, True])
def test_a_bad_timeout_or_retry_limit_is_invalid_at_validate_and_at_submit(
    api, builtins, key, value
):
    drawn = one_node(**{key: value})
    pipeline = post_pipeline(api, drawn)
    checked = api.post(f"/api/pipelines/{pipeline['id']}/validate/", {"graph": drawn}, "json")
    assert checked.status_code == 200
    errors = checked.json()["errors"]
    assert [(e["code"], e["node"]) for e in errors] == [("malformed", "load")]
    assert key in errors[0]["message"] and "whole number" in errors[0]["message"]
    submitted = api.post(f"/api/pipelines/{pipeline['id']}/runs/", {}, format="json")
    assert submitted.status_code == 400, submitted.content
    assert submitted.json()["errors"][0]["node"] == "load"


@pytest.mark.parametrize(("key", "value"), [("timeout", 604800), ("max_retries", 10)])
def test_the_largest_timeout_and_retry_limit_are_fine(api, builtins, key, value):
    pipeline = post_pipeline(api, one_node(**{key: value}))
    submitted = api.post(f"/api/pipelines/{pipeline['id']}/runs/", {}, format="json")
    assert submitted.status_code == 201, submitted.content


# --- deleting a pipeline that has runs --------------------------------------------------------


def test_deleting_a_pipeline_with_runs_is_a_409_that_says_why(api, builtins):
    pipeline = Pipeline.objects.create(name="kept", graph=one_node())
    orchestrator.submit_run(SYSTEM, pipeline.pk)
    orchestrator.submit_run(SYSTEM, pipeline.pk)
    response = api.delete(f"/api/pipelines/{pipeline.pk}/")
    assert response.status_code == 409
    assert response.json()["code"] == "pipeline_in_use"
    assert "has 2 runs" in response.json()["message"]
    assert Pipeline.objects.filter(pk=pipeline.pk).exists()


def test_deleting_a_pipeline_without_runs_still_works(api):
    pipeline = post_pipeline(api)
    assert api.delete(f"/api/pipelines/{pipeline['id']}/").status_code == 204
    assert not Pipeline.objects.filter(pk=pipeline["id"]).exists()


# --- absurdly nested JSON ---------------------------------------------------------------------


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("depth", [100, 10_000])
def test_deeply_nested_json_is_a_400(api, depth):
    body = '{"name": "deep", "graph": {"nodes": [], "edges": []}, "parameters": ' + nested(depth)
    response = api.generic("POST", "/api/pipelines/", body + "}", content_type="application/json")
    assert response.status_code == 400, response.content
    assert "nested" in response.json()["message"]


def test_deeply_nested_params_in_a_graph_are_a_400(api):
    pipeline = post_pipeline(api)
    deep = '{"graph": {"nodes": [{"id": "a", "component": "x@1.0.0", "params": {"p": '
    body = deep + nested(10_000) + '}}], "edges": []}}'
    response = api.generic(
        "POST",
        f"/api/pipelines/{pipeline['id']}/validate/",
        body,
        content_type="application/json",
    )
    assert response.status_code == 400, response.content
    assert "nested" in response.json()["message"]


def test_json_nested_within_the_limit_is_fine(api):
    body = (
        '{"name": "ok", "graph": {"nodes": [], "edges": []}, "description": "", "parameters": {}}'
    )
    response = api.generic("POST", "/api/pipelines/", body, content_type="application/json")
    assert response.status_code == 201, response.content


# --- a huge integer in imported YAML ----------------------------------------------------------


def test_a_4300_digit_integer_in_imported_yaml_is_a_400(api):
    text = f"name: big\ngraph:\n  nodes: []\n  edges: []\ndescription: {'9' * 4400}\n"
    response = api.post("/api/pipelines/import/", {"yaml": text}, format="json")
    assert response.status_code == 400, response.content
    assert "digits" in response.json()["message"]


# --- integers past 64 bits in query strings and paths -----------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/api/runs/?pipeline=9223372036854775808",
        "/api/runs/?pipeline=%C2%B2",  # "²": a digit to str.isdigit, not to int()
        "/api/runs/?limit=%C2%B2",
    ],
)
def test_a_bad_integer_query_parameter_is_a_400(api, url):
    response = api.get(url)
    assert response.status_code == 400, response.content
    assert response.json()["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/runs/9223372036854775808/",
        "/api/pipelines/99999999999999999999999/",
        "/api/artifacts/18446744073709551616/preview/",
        "/api/schedules/99999999999999999999/",
    ],
)
def test_an_id_past_64_bits_in_a_path_is_a_404(api, url):
    response = api.get(url)
    assert response.status_code == 404, response.content
    assert response.json()["code"] == "not_found"


def test_a_log_cursor_that_is_no_number_is_a_400(api, builtins):
    pipeline = Pipeline.objects.create(name="p", graph=one_node())
    run = orchestrator.submit_run(SYSTEM, pipeline.pk)
    response = api.get(f"/api/runs/{run.pk}/nodes/load/logs/?after=%C2%B2")
    assert response.status_code == 400, response.content
    assert "after must be a whole number" in response.json()["message"]


# --- unknown API paths ------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "PATCH", "DELETE"])
def test_an_unknown_api_path_is_a_json_404_for_every_method(user, method):
    browser = APIClient(enforce_csrf_checks=True)
    browser.login(username="ada", password="lovelace")
    response = browser.generic(method, "/api/no/such/thing/", "{}", content_type="application/json")
    assert response.status_code == 404
    assert response.json() == {
        "code": "not_found",
        "message": "No API endpoint at /api/no/such/thing/.",
    }


def test_an_api_path_holding_a_newline_is_a_json_404(api):
    response = api.get("/api/compute/a%0Ab/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
