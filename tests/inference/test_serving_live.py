"""Real-time endpoints served by a real server (the embedded default in its own process):
a model trained there, derived, deployed, and scored over HTTP with a scoped API token."""

import io
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import pandas as pd
import pytest

from tests.pipelines.factories import edge, graph, node
from tests.support.live import (
    ADMIN_PASSWORD,
    create_pipeline,
    register,
    sample_graph,
    wait_for,
    wait_for_run,
)

FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
ENDPOINT = "live-diabetes"
TARGET = "X-Pipewright-Deployment"


@dataclass
class Trained:
    run: dict
    pipeline: int  # the derived real-time pipeline
    rows: pd.DataFrame  # the run's test rows, features only
    scored: list[float]  # what Score Model predicted for them in the run


@dataclass
class Deployed:
    client: httpx.Client
    scorer: httpx.Client  # a token that may only score ENDPOINT
    first: Trained


def download(client: httpx.Client, artifact: int) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(client.get(f"/api/artifacts/{artifact}/download/").content))


def train(client: httpx.Client, seed: int) -> Trained:
    sample = sample_graph()
    pipeline = create_pipeline(client, f"diabetes {seed}", sample["graph"], sample["parameters"])
    submitted = client.post(
        f"/api/pipelines/{pipeline['id']}/runs/", json={"parameters": {"seed": seed}}
    )
    run = wait_for_run(client, submitted.json()["id"])
    assert run["status"] == "completed", run
    derived = client.post(f"/api/runs/{run['id']}/inference-pipeline/", json={})
    assert derived.status_code == 201, derived.text
    outputs = {n["node"]: n["outputs"] for n in run["nodes"]}
    rows = download(client, outputs["split"]["second"])[FEATURES]
    scored = download(client, outputs["score"]["scored"])["scored_label"].tolist()
    return Trained(run, derived.json()["pipeline"]["id"], rows, scored)


def token_client(live, client: httpx.Client, scopes: list[str]) -> httpx.Client:
    created = client.post("/api/tokens/", json={"name": f"t {scopes}", "scopes": scopes})
    assert created.status_code == 201, created.text
    token = created.json()["token"]
    return httpx.Client(base_url=live.url, headers={"Authorization": f"Token {token}"}, timeout=60)


@pytest.fixture(scope="module")
def deployed(live) -> Deployed:
    client = live.client()
    first = train(client, seed=0)
    body = {"name": ENDPOINT, "deployments": [{"name": "blue", "pipeline": first.pipeline}]}
    created = client.post("/api/inference/", json=body)
    assert created.status_code == 201, created.text
    registered = client.post(
        "/api/models/",
        json={"name": ENDPOINT, "run": first.run["id"], "node": "train", "port": "model"},
    )
    assert registered.status_code == 201, registered.text
    return Deployed(client, token_client(live, client, [f"inference:score:{ENDPOINT}"]), first)


def score(client: httpx.Client, body: dict, deployment: str | None = None) -> httpx.Response:
    headers = {TARGET: deployment} if deployment else {}
    return client.post(f"/api/inference/{ENDPOINT}/score", json=body, headers=headers)


def records(rows: pd.DataFrame) -> list[dict]:
    return rows.to_dict(orient="records")


def set_deployments(deployed: Deployed, **body) -> dict:
    answer = deployed.client.patch(f"/api/inference/{ENDPOINT}/", json=body)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_scored_over_http_as_score_model_scored_in_the_run(deployed):
    rows, expected = deployed.first.rows, deployed.first.scored
    answer = score(deployed.scorer, {"rows": records(rows)})
    assert answer.status_code == 200, answer.text
    # The same model on the same rows, all in one call as in the run: equal to 12 digits (the
    # rows arrive as JSON and make a frame anew, whose path through the BLAS kernels can round
    # a last bit apart from the run's on some CPUs).
    assert answer.json() == {
        "predictions": pytest.approx(expected, rel=1e-12),
        "deployment": "blue",
    }
    columnar = {"columns": FEATURES, "data": rows.values.tolist()}
    assert score(deployed.scorer, columnar).json()["predictions"] == pytest.approx(
        expected, rel=1e-12
    )
    # Row by row, each answer may come out of a different micro-batch, whose shape can
    # change how the last bit of a float is rounded: equal to 12 digits.
    for row, value in list(zip(records(rows), expected, strict=True))[:20]:
        single = score(deployed.scorer, {"rows": [row]})
        assert single.json()["predictions"] == [pytest.approx(value, rel=1e-12)]


def test_a_wrong_column_or_value_is_a_400_naming_it_and_logged_without_values(deployed):
    row = records(deployed.first.rows.head(1))[0]
    unknown = score(deployed.scorer, {"rows": [row, {**row, "bmii": 0.1}]})
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "unknown_column"
    assert (unknown.json()["column"], unknown.json()["row"]) == ("bmii", 1)
    missing = score(deployed.scorer, {"rows": [{k: v for k, v in row.items() if k != "s6"}]})
    assert (missing.status_code, missing.json()["column"]) == (400, "s6")
    wrong = score(deployed.scorer, {"rows": [row, row, {**row, "bmi": "heavy-ish"}]})
    assert wrong.status_code == 400
    assert (
        wrong.json()["message"] == "Row 2, column 'bmi': expected a number (double), got a string."
    )
    too_many = score(deployed.scorer, {"rows": [row] * 1001})
    assert (too_many.status_code, too_many.json()["code"]) == (413, "too_many_rows")
    not_json = deployed.scorer.post(
        f"/api/inference/{ENDPOINT}/score",
        content=b"{rows",
        headers={"Content-Type": "application/json"},
    )
    assert (not_json.status_code, not_json.json()["code"]) == (400, "invalid_json")

    def logged():
        found = deployed.client.get(f"/api/inference/{ENDPOINT}/failures/?limit=200").json()
        return found if any(f["code"] == "bad_value" for f in found["results"]) else None

    failures = wait_for(logged, 30, "the failures to be written")["results"]
    bad_value = next(f for f in failures if f["code"] == "bad_value")
    assert bad_value["status"] == 400 and bad_value["deployment"] == "blue"
    assert bad_value["columns"] == FEATURES
    assert "heavy-ish" not in str(failures)


def test_tokens_scopes_and_browser_sessions(live, deployed):
    body = {"rows": records(deployed.first.rows.head(2))}
    anonymous = httpx.post(f"{live.url}/api/inference/{ENDPOINT}/score", json=body)
    assert anonymous.status_code in (401, 403)
    unknown = httpx.post(
        f"{live.url}/api/inference/{ENDPOINT}/score",
        json=body,
        headers={"Authorization": "Token pw_" + "x" * 40},
    )
    assert (unknown.status_code, unknown.json()["code"]) == (401, "unknown_token")
    other = token_client(live, deployed.client, ["inference:score:another"])
    refused = score(other, body)
    assert (refused.status_code, refused.json()["code"]) == (403, "insufficient_scope")
    assert "inference:score:live-diabetes" in refused.json()["message"]
    # The scoring token reaches nothing else.
    assert deployed.scorer.get(f"/api/inference/{ENDPOINT}/").status_code == 403
    assert score(deployed.client, body).status_code == 200  # a token with every scope

    with httpx.Client(base_url=live.url, timeout=60) as browser:
        signed_in = browser.post(
            "/api/auth/login/", json={"username": "admin", "password": ADMIN_PASSWORD}
        )
        assert signed_in.status_code == 200
        browser.get("/api/auth/me/")
        no_csrf = browser.post(f"/api/inference/{ENDPOINT}/score", json=body)
        assert no_csrf.status_code == 403
        tried = browser.post(
            f"/api/inference/{ENDPOINT}/score",
            json=body,
            headers={"X-CSRFToken": browser.cookies["csrftoken"]},
        )
        assert tried.status_code == 200, tried.text
        expected = deployed.first.scored[:2]
        assert tried.json()["predictions"] == pytest.approx(expected, rel=1e-12)


def test_scoring_needs_a_contributor_of_the_endpoints_workspace(live, deployed):
    """A token's scope is a further limit: its user must be a contributor of the endpoint's
    workspace too. Roles are read with the token, so a change counts within seconds."""
    live.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('grace', password='hopper-grace')",
    )
    signed = httpx.post(
        f"{live.url}/api/auth/token/", json={"username": "grace", "password": "hopper-grace"}
    )
    grace = httpx.Client(
        base_url=live.url, headers={"Authorization": f"Token {signed.json()['token']}"}, timeout=60
    )
    body = {"rows": records(deployed.first.rows.head(1))}
    hidden = score(grace, body)
    nowhere = grace.post("/api/inference/nowhere/score", json=body)
    assert hidden.status_code == nowhere.status_code == 404
    assert hidden.json()["message"] == nowhere.json()["message"].replace("nowhere", ENDPOINT)

    members = "/api/workspaces/default/members/"
    assert deployed.client.post(members, json={"user": "grace", "role": "reader"}).is_success
    refused = wait_for(
        lambda: (r := score(grace, body)).status_code != 404 and r, 30, "the reader's role"
    )
    assert (refused.status_code, refused.json()["code"]) == (403, "role_too_low")

    live.manage(
        "shell",
        "-c",
        "from designer.accounts.models import Membership; "
        "Membership.objects.filter(user__username='grace').update(role='contributor')",
    )
    scored = wait_for(
        lambda: (r := score(grace, body)).status_code == 200 and r, 30, "the contributor's role"
    )
    assert scored.json()["predictions"] == pytest.approx(deployed.first.scored[:1], rel=1e-12)
    scoped = token_client(live, grace, [f"inference:score:{ENDPOINT}"])
    assert score(scoped, body).status_code == 200
    with httpx.Client(base_url=live.url, timeout=60) as browser:
        browser.post("/api/auth/login/", json={"username": "grace", "password": "hopper-grace"})
        browser.get("/api/auth/me/")
        tried = browser.post(
            f"/api/inference/{ENDPOINT}/score",
            json=body,
            headers={"X-CSRFToken": browser.cookies["csrftoken"]},
        )
        assert tried.status_code == 200, tried.text


def test_a_registered_model_deploys_directly_and_a_header_targets_it(deployed):
    changed = set_deployments(
        deployed,
        deployments=[
            {"name": "blue"},
            {"name": "green", "model": {"name": ENDPOINT, "version": "latest"}, "traffic": 0},
        ],
    )
    green = changed["deployments"][1]
    assert green["model"] == {"name": ENDPOINT, "version": 1} and green["traffic"] == 0
    rows = records(deployed.first.rows)
    answer = score(deployed.scorer, {"rows": rows}, deployment="green")
    assert answer.json() == {
        "predictions": pytest.approx(deployed.first.scored, rel=1e-12),
        "deployment": "green",
    }
    assert score(deployed.scorer, {"rows": rows[:1]}).json()["deployment"] == "blue"
    nowhere = score(deployed.scorer, {"rows": rows[:1]}, deployment="purple")
    assert (nowhere.status_code, nowhere.json()["code"]) == (404, "unknown_deployment")


def test_an_80_20_split_over_1000_requests(deployed):
    set_deployments(
        deployed,
        deployments=[
            {"name": "blue", "traffic": 80},
            {"name": "green", "model": {"name": ENDPOINT, "version": "1"}, "traffic": 20},
        ],
    )
    row = {"rows": records(deployed.first.rows.head(1))}
    served = [score(deployed.scorer, row).json()["deployment"] for _ in range(1000)]
    assert abs(served.count("blue") - 800) <= 50 and abs(served.count("green") - 200) <= 50
    assert served.count("blue") + served.count("green") == 1000


class Hammer:
    """Clients sending one row after another from threads, keeping every answer as
    (status, deployment, which client)."""

    def __init__(self, live, token: str, body: dict, clients: int) -> None:
        self.answers: list[tuple[int, str, int]] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        headers = {"Authorization": token}
        self.threads = [
            threading.Thread(target=self._run, args=(live.url, headers, body, number))
            for number in range(clients)
        ]

    def _run(self, url: str, headers: dict, body: dict, number: int) -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=120) as client:
            while not self.stop.is_set():
                answer = client.post(f"/api/inference/{ENDPOINT}/score", json=body)
                deployment = (
                    answer.json().get("deployment", "") if answer.status_code == 200 else ""
                )
                with self._lock:
                    self.answers.append((answer.status_code, deployment, number))

    def __enter__(self) -> "Hammer":
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop.set()
        for thread in self.threads:
            thread.join(120)

    def count(self) -> int:
        with self._lock:
            return len(self.answers)

    def after(self, start: int) -> list[tuple[int, str, int]]:
        with self._lock:
            return self.answers[start:]


def assert_switched(answers: list[tuple[int, str, int]], to: str) -> None:
    """`answers`: those recorded after the switch returned. A client sends its next request
    only once it has its answer, so of each client's answers only the first can come from
    the request it had in flight during the switch: that one may be the old deployment's,
    every later one is `to`'s. (How late the in-flight one comes back is up to the
    machine: other clients may be answered by `to` many times meanwhile.)"""
    assert to in {d for _, d, _ in answers}, f"{to} never answered after the switch"
    by_client: dict[int, list[str]] = {}
    for _, deployment, number in answers:
        by_client.setdefault(number, []).append(deployment)
    for number, served in by_client.items():
        assert set(served[1:]) <= {to}, (number, served)


def test_switching_deployments_under_load_answers_every_request(live, deployed):
    second = train(deployed.client, seed=1)  # another model: a scoring process of its own
    green = {"name": "green", "model": {"name": ENDPOINT, "version": "1"}, "traffic": 0}
    set_deployments(deployed, deployments=[{"name": "blue", "traffic": 100}, green])
    body = {"rows": records(deployed.first.rows.head(1))}
    token = deployed.scorer.headers["Authorization"]
    with Hammer(live, token, body, clients=12) as hammer:
        wait_for(lambda: hammer.count() > 200, 60, "the clients to get going", interval=0.05)
        set_deployments(deployed, traffic={"blue": 0, "green": 100})
        mark = hammer.count()
        wait_for(lambda: hammer.count() > mark + 200, 60, "answers after the switch", interval=0.05)
        assert_switched(hammer.after(mark), "green")
        set_deployments(
            deployed,
            deployments=[
                {"name": "green", "traffic": 0},
                {"name": "red", "pipeline": second.pipeline, "traffic": 100},
            ],
        )
        mark = hammer.count()
        wait_for(
            lambda: hammer.count() > mark + 200,
            60,
            "answers after the second switch",
            interval=0.05,
        )
        assert_switched(hammer.after(mark), "red")
    statuses = {status for status, _, _ in hammer.answers}
    assert statuses == {200}, [a for a in hammer.answers if a[0] != 200][:5]
    assert len(hammer.answers) > 600
    assert {d for _, d, _ in hammer.answers} == {"blue", "green", "red"}


def test_stats_count_requests_per_deployment_with_the_model_serving(deployed):
    before = deployed.client.get(f"/api/inference/{ENDPOINT}/stats/").json()["total"]["count"]
    row = {"rows": records(deployed.first.rows.head(1))}
    served = {score(deployed.scorer, row).json()["deployment"] for _ in range(30)}

    def counted():
        stats = deployed.client.get(f"/api/inference/{ENDPOINT}/stats/").json()
        return stats if stats["total"]["count"] >= before + 30 else None

    stats = wait_for(counted, 30, "the stats to be written")
    assert 0 < stats["total"]["p50_ms"] <= stats["total"]["p95_ms"]
    by_name = {d["name"]: d for d in stats["deployments"]}
    for name in served:
        assert by_name[name]["current"] and by_name[name]["total"]["count"] > 0
        (source,) = by_name[name]["serving"]["sources"]
        assert source["kind"] in ("run_output", "model") and len(source["digest"]) == 64
    detail = deployed.client.get(f"/api/inference/{ENDPOINT}/").json()
    assert detail["stats"]["count"] >= before + 30


PROBE = {
    "component.yaml": """name: secret_probe
version: 1.0.0
category: Testing
description: Answers which server secrets its process can see.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
python: probe.py:run
""",
    "probe.py": """import os
from pathlib import Path


def run(data):
    environ = Path("/proc/self/environ").read_bytes()
    names = ("DESIGNER_SECRET_KEY", "DATABASE_URL")
    seen = [n for n in names if n in os.environ or n.encode() in environ]
    return data.assign(scored_label=",".join(seen) or "none")
""",
}


def test_user_code_in_a_scoring_process_cannot_read_the_servers_secret_key(live, deployed):
    register(deployed.client, PROBE)
    probe = graph(
        [
            node(
                "web_service_input",
                "web_service_input@1.0.0",
                {"columns": [{"name": "a", "dtype": "double"}]},
            ),
            node("probe", "secret_probe@1.0.0"),
            node("web_service_output", "web_service_output@1.0.0"),
        ],
        [
            edge("web_service_input", "data", "probe", "data"),
            edge("probe", "data", "web_service_output", "data"),
        ],
    )
    pipeline = create_pipeline(deployed.client, "secret probe", probe)
    body = {"name": "secret-probe", "deployments": [{"name": "main", "pipeline": pipeline["id"]}]}
    assert deployed.client.post("/api/inference/", json=body).status_code == 201
    answer = deployed.client.post("/api/inference/secret-probe/score", json={"rows": [{"a": 1.0}]})
    assert answer.json()["predictions"] == ["none"]
    # And from outside: no scoring process of the server was given the key.
    scorers = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _is_scorer(p, live)]
    assert scorers
    for process in scorers:
        assert b"DESIGNER_SECRET_KEY" not in (process / "environ").read_bytes()


def _is_scorer(process: Path, live) -> bool:
    try:
        command = (process / "cmdline").read_bytes()
        parent = int((process / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError):
        return False
    return b"designer.runtime.scoring" in command and parent == live.process.pid


def test_a_revoked_token_stops_scoring_within_the_cache_time(live, deployed):
    created = deployed.client.post(
        "/api/tokens/", json={"name": "short-lived", "scopes": [f"inference:score:{ENDPOINT}"]}
    ).json()
    headers = {"Authorization": f"Token {created['token']}"}
    body = {"rows": records(deployed.first.rows.head(1))}
    with httpx.Client(base_url=live.url, headers=headers, timeout=60) as client:
        assert score(client, body).status_code == 200
        assert deployed.client.delete(f"/api/tokens/{created['id']}/").status_code == 204
        refused = wait_for(
            lambda: (answer := score(client, body)).status_code == 401 and answer,
            15,  # DESIGNER_INFERENCE_TOKEN_SECONDS is 5
            "the revocation to reach the serving process",
            interval=0.25,
        )
        assert refused.json()["code"] == "token_revoked"


BROKEN = {
    "component.yaml": """name: broken_on_import
version: 1.0.0
category: Testing
description: Cannot even be imported.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
python: broken.py:run
""",
    "broken.py": """raise RuntimeError("this module refuses to load")


def run(data):
    return data
""",
}


def test_a_deployment_that_does_not_load_is_refused_and_nothing_changes(deployed):
    register(deployed.client, BROKEN)
    broken = graph(
        [
            node("web_service_input", "web_service_input@1.0.0", {"columns": []}),
            node("broken", "broken_on_import@1.0.0"),
            node("web_service_output", "web_service_output@1.0.0"),
        ],
        [
            edge("web_service_input", "data", "broken", "data"),
            edge("broken", "data", "web_service_output", "data"),
        ],
    )
    pipeline = create_pipeline(deployed.client, "broken", broken)["id"]
    body = {"name": "never-made", "deployments": [{"name": "main", "pipeline": pipeline}]}
    refused = deployed.client.post("/api/inference/", json=body)
    assert (refused.status_code, refused.json()["code"]) == (503, "deployment_failed")
    assert "this module refuses to load" in refused.json()["message"]
    assert deployed.client.get("/api/inference/never-made/").status_code == 404

    before = deployed.client.get(f"/api/inference/{ENDPOINT}/").json()
    change = {"deployments": [*({"name": d["name"]} for d in before["deployments"])]}
    change["deployments"].append({"name": "broken", "pipeline": pipeline, "traffic": 0})
    refused = deployed.client.patch(f"/api/inference/{ENDPOINT}/", json=change)
    assert refused.status_code == 503
    after = deployed.client.get(f"/api/inference/{ENDPOINT}/").json()
    assert (after["revision"], after["deployments"]) == (before["revision"], before["deployments"])
    assert score(deployed.scorer, {"rows": records(deployed.first.rows.head(1))}).status_code == 200
