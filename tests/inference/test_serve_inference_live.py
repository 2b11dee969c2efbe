"""Distributed serving: `manage.py serve_inference` next to the web server, sharing its
database and artifact store, scores by itself and follows changes made through the web."""

import subprocess
import sys

import httpx
import pytest

from tests.pipelines.factories import edge, graph, node
from tests.support.live import ROOT, create_pipeline, free_port, wait_for

ENDPOINT = "far-echo"


def echo(columns: list[str]) -> dict:
    """Web Service Input → Web Service Output: answers with the rows it is sent."""
    schema = [{"name": c, "dtype": "double"} for c in columns]
    return graph(
        [
            node("web_service_input", "web_service_input@1.0.0", {"columns": schema}),
            node("web_service_output", "web_service_output@1.0.0"),
        ],
        [edge("web_service_input", "data", "web_service_output", "data")],
    )


@pytest.fixture(scope="module")
def scorer_server(live, tmp_path_factory):
    port = free_port()
    log = (tmp_path_factory.mktemp("serve_inference") / "serve.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "manage.py", "serve_inference", "--port", str(port)],
        cwd=ROOT,
        env={**live.env, "DESIGNER_INFERENCE_POLL_SECONDS": "0.5"},
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"

    def healthy():
        assert process.poll() is None, "serve_inference exited"
        try:
            return httpx.get(f"{url}/api/health/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        wait_for(healthy, 60, "serve_inference to answer")
        yield url
    finally:
        process.terminate()
        process.wait(30)


def test_serve_inference_scores_and_follows_changes_made_on_the_web(live, scorer_server):
    web = live.client()
    first = create_pipeline(web, "echo a", echo(["a"]))
    second = create_pipeline(web, "echo a b", echo(["a", "b"]))
    body = {"name": ENDPOINT, "deployments": [{"name": "one", "pipeline": first["id"]}]}
    assert web.post("/api/inference/", json=body).status_code == 201
    far = httpx.Client(base_url=scorer_server, headers={"Authorization": f"Token {live.token}"})

    answer = far.post(f"/api/inference/{ENDPOINT}/score", json={"rows": [{"a": 1.5}]})
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"predictions": [{"a": 1.5}], "deployment": "one"}
    wrong = far.post(f"/api/inference/{ENDPOINT}/score", json={"rows": [{"a": "x"}]})
    assert (wrong.status_code, wrong.json()["column"]) == (400, "a")

    change = {
        "deployments": [
            {"name": "one", "traffic": 0},
            {"name": "two", "pipeline": second["id"], "traffic": 100},
        ]
    }
    assert web.patch(f"/api/inference/{ENDPOINT}/", json=change).status_code == 200

    def switched():
        found = far.post(f"/api/inference/{ENDPOINT}/score", json={"rows": [{"a": 1.0, "b": 2.0}]})
        return found.json() if found.status_code == 200 else None

    assert wait_for(switched, 60, "serve_inference to switch") == {
        "predictions": [{"a": 1.0, "b": 2.0}],
        "deployment": "two",
    }

    def counted():
        stats = web.get(f"/api/inference/{ENDPOINT}/stats/").json()
        return stats if stats["total"]["count"] >= 3 else None

    assert wait_for(counted, 30, "serve_inference's counts in the database")["total"]["errors"] >= 1

    assert far.get("/api/inference/").status_code == 404
    anonymous = httpx.post(f"{scorer_server}/api/inference/{ENDPOINT}/score", json={"rows": []})
    assert anonymous.status_code == 401
    assert web.delete(f"/api/inference/{ENDPOINT}/").status_code == 204

    def gone():
        found = far.post(f"/api/inference/{ENDPOINT}/score", json={"rows": [{"a": 1.0}]})
        return found.status_code == 404

    wait_for(gone, 30, "serve_inference to drop the deleted endpoint")
