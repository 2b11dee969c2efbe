"""The execution engine against a real server: step reuse that never goes stale, partial
runs, re-running failures, retries, timeouts."""

from pathlib import Path

import pytest

from tests.pipelines.factories import edge
from tests.support.live import create_pipeline, register, wait_for_run

FLAKY = {
    "component.yaml": """name: flaky
version: 1.0.0
category: Testing
description: Fails until it has been tried `succeed_on` times (counted in a marker file).
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  marker: {type: string}
  succeed_on: {type: integer, default: 2}
python: main.py:run
max_retries: 2
""",
    "main.py": """from pathlib import Path


def run(data, marker, succeed_on):
    path = Path(marker)
    tries = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(tries))
    if tries < succeed_on:
        raise RuntimeError(f"attempt {tries} fails on purpose")
    return data
""",
}

RANDOM = {
    "component.yaml": """name: random_column
version: 1.0.0
category: Testing
description: Adds a column of random numbers; never the same twice.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
python: main.py:run
deterministic: false
""",
    "main.py": """import numpy as np


def run(data):
    data["noise"] = np.random.default_rng().random(len(data))
    return data
""",
}

SLEEPY = {
    "component.yaml": """name: sleepy
version: 1.0.0
category: Testing
description: Sleeps, then passes its input on.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  seconds: {type: number, default: 30}
python: main.py:run
""",
    "main.py": (
        "import time\n\n\ndef run(data, seconds):\n    time.sleep(seconds)\n    return data\n"
    ),
}


def node(node_id, component, params=None, **extra):
    return {
        "id": node_id,
        "component": component,
        "params": params or {},
        "position": {"x": 0, "y": 0},
        **extra,
    }


def chain_graph(fraction=0.7, seed=0, dataset="diabetes"):
    return {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": dataset}),
            node("split", "split_data@1.0.0", {"fraction": fraction, "seed": seed}),
            node("learner", "linear_regression@1.0.0"),
            node("train", "train_model@1.0.0", {"label_column": "target"}),
            node("score", "score_model@1.0.0"),
        ],
        "edges": [
            edge("load", "data", "split", "data"),
            edge("split", "first", "train", "data"),
            edge("learner", "model", "train", "learner"),
            edge("train", "model", "score", "model"),
            edge("split", "second", "score", "data"),
        ],
    }


@pytest.fixture(scope="module")
def client(live):
    with live.client() as c:
        for files in (FLAKY, RANDOM, SLEEPY):
            register(c, files)
        yield c


def submit(client, pipeline, **body):
    response = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json=body)
    assert response.status_code == 201, response.text
    return wait_for_run(client, response.json()["id"])


def by_node(run):
    return {n["node"]: n for n in run["nodes"]}


def update_graph(client, pipeline, graph):
    current = client.get(f"/api/pipelines/{pipeline['id']}/").json()
    response = client.patch(
        f"/api/pipelines/{pipeline['id']}/", json={"graph": graph, "revision": current["revision"]}
    )
    assert response.status_code == 200, response.text


def test_identical_rerun_reuses_every_node(client):
    pipeline = create_pipeline(client, "reuse all", chain_graph(seed=11))
    first = submit(client, pipeline)
    assert first["status"] == "completed"
    second = submit(client, pipeline)
    nodes = by_node(second)
    assert second["status"] == "completed"
    assert {n["status"] for n in nodes.values()} == {"reused"}
    for name, n in nodes.items():
        # The first run may itself have reused a node an earlier test's run executed (the live
        # server is shared): the second names the run that executed it.
        executed = by_node(first)[name]["reused_from"] or {"run": first["id"], "node": name}
        assert n["reused_from"] == executed
        assert n["outputs"] == by_node(first)[name]["outputs"]
        assert n["reuse"]["reused"] is True


def test_a_changed_parameter_reruns_that_node_and_what_depends_on_it(client):
    pipeline = create_pipeline(client, "one param", chain_graph(seed=12))
    submit(client, pipeline)
    update_graph(client, pipeline, chain_graph(seed=12, fraction=0.6))
    second = by_node(submit(client, pipeline))
    assert {k: v["status"] for k, v in second.items()} == {
        "load": "reused",
        "learner": "reused",
        "split": "completed",
        "train": "completed",
        "score": "completed",
    }
    why = second["split"]["reuse"]
    assert why["reason"] == "changed"
    assert why["changes"] == [{"part": "param", "name": "fraction", "before": 0.7, "now": 0.6}]
    assert "fraction" in why["message"]
    inputs_changed = {
        c["name"] for c in second["train"]["reuse"]["changes"] if c["part"] == "input"
    }
    assert inputs_changed == {"data"}


def test_a_deleted_cached_artifact_makes_the_node_run_again(client, live):
    pipeline = create_pipeline(client, "deleted artifact", chain_graph(seed=13))
    first = by_node(submit(client, pipeline))
    artifact = client.get(f"/api/artifacts/{first['learner']['outputs']['model']}/").json()
    stored = list((live.var_dir / "artifacts").glob(f"*/{artifact['digest']}/*"))
    assert len(stored) == 1
    stored[0].unlink()
    second = by_node(submit(client, pipeline))
    assert second["learner"]["status"] == "completed"
    assert second["learner"]["reuse"]["reason"] == "outputs_missing"
    assert second["load"]["status"] == "reused"
    # Same content again, so what reads it can still be reused.
    assert second["train"]["status"] == "reused"


def test_a_non_deterministic_node_always_runs_and_its_new_data_flows_on(client):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("noise", "random_column@1.0.0"),
            node("split", "split_data@1.0.0", {"seed": 14}),
        ],
        "edges": [edge("load", "data", "noise", "data"), edge("noise", "data", "split", "data")],
    }
    pipeline = create_pipeline(client, "nondeterministic", graph)
    submit(client, pipeline)
    second = by_node(submit(client, pipeline))
    assert second["noise"]["status"] == "completed"
    assert second["noise"]["reuse"]["reason"] == "not_deterministic"
    assert second["split"]["status"] == "completed", "its input's content changed"
    assert second["split"]["reuse"]["changes"][0]["part"] == "input"


def test_reuse_off_per_node_and_force_rerun_per_run(client):
    graph = chain_graph(seed=15)
    pipeline = create_pipeline(client, "reuse off", graph)
    submit(client, pipeline)
    graph["nodes"][2]["reuse"] = False
    update_graph(client, pipeline, graph)
    second = by_node(submit(client, pipeline))
    assert second["learner"]["status"] == "completed"
    assert second["learner"]["reuse"]["reason"] == "disabled"
    assert second["train"]["status"] == "reused", "the learner's output did not change"
    forced = by_node(submit(client, pipeline, force_rerun=True))
    assert {n["status"] for n in forced.values()} == {"completed"}


def test_partial_runs(client):
    pipeline = create_pipeline(client, "partial", chain_graph(seed=16))
    full = submit(client, pipeline)
    only = submit(client, pipeline, partial={"node": "split", "scope": "only"})
    nodes = by_node(only)
    assert set(nodes) == {"load", "split"}
    assert nodes["split"]["status"] == "completed" and nodes["load"]["status"] == "reused"
    assert nodes["split"]["reuse"]["reason"] == "selected"
    upto = by_node(submit(client, pipeline, partial={"node": "train", "scope": "upto"}))
    assert set(upto) == {"load", "split", "learner", "train"}
    assert upto["train"]["status"] == "completed"
    frm = by_node(submit(client, pipeline, partial={"node": "train", "scope": "from"}))
    assert set(frm) == {"load", "split", "learner", "train", "score"}
    assert frm["train"]["status"] == "completed"
    assert {frm[n]["status"] for n in ("load", "split", "learner")} == {"reused"}
    assert full["status"] == "completed"
    bad = client.post(
        f"/api/pipelines/{pipeline['id']}/runs/",
        json={"partial": {"node": "nope", "scope": "only"}},
    )
    assert bad.status_code == 400 and "nope" in bad.json()["message"]


def marker_in_data_root(live, tmp_path) -> Path:
    """A file the flaky step counts its attempts in: in the live server's data root, the one
    place outside its work folder an isolated step may write."""
    return live.var_dir / "data" / f"marker-{tmp_path.name}"


def test_rerun_a_failed_run_from_its_failures(client, live, tmp_path):
    marker = marker_in_data_root(live, tmp_path)
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "wine"}),
            node("flaky", "flaky@1.0.0", {"marker": str(marker), "succeed_on": 2}, max_retries=0),
            node("split", "split_data@1.0.0", {"seed": 17}),
        ],
        "edges": [edge("load", "data", "flaky", "data"), edge("flaky", "data", "split", "data")],
    }
    pipeline = create_pipeline(client, "rerun failures", graph)
    failed = submit(client, pipeline, force_rerun=True)
    assert failed["status"] == "failed"
    assert by_node(failed)["split"]["status"] == "skipped"
    response = client.post(f"/api/runs/{failed['id']}/rerun/", json={"failed_only": True})
    assert response.status_code == 201
    again = wait_for_run(client, response.json()["id"])
    nodes = by_node(again)
    assert again["status"] == "completed" and again["rerun_of"] == failed["id"]
    assert nodes["load"]["status"] == "reused"
    assert nodes["load"]["reused_from"]["run"] == failed["id"]
    assert nodes["flaky"]["status"] == "completed" and nodes["split"]["status"] == "completed"


def test_retries_with_backoff(client, live, tmp_path):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "wine"}),
            node(
                "flaky",
                "flaky@1.0.0",
                {"marker": str(marker_in_data_root(live, tmp_path)), "succeed_on": 3},
            ),
        ],
        "edges": [edge("load", "data", "flaky", "data")],
    }
    pipeline = create_pipeline(client, "retries", graph)
    run = by_node(submit(client, pipeline))
    assert run["flaky"]["status"] == "completed" and run["flaky"]["attempts"] == 3
    assert run["flaky"]["error"] is None, "a later success clears the earlier attempt's error"


def test_retries_run_out(client, live, tmp_path):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "wine"}),
            node(
                "flaky",
                "flaky@1.0.0",
                {"marker": str(marker_in_data_root(live, tmp_path)), "succeed_on": 9},
                max_retries=1,
            ),
        ],
        "edges": [edge("load", "data", "flaky", "data")],
    }
    pipeline = create_pipeline(client, "retries out", graph)
    run = submit(client, pipeline)
    flaky = by_node(run)["flaky"]
    assert run["status"] == "failed"
    assert flaky["attempts"] == 2 and "attempt 2 fails on purpose" in flaky["error"]


def test_a_node_past_its_timeout_is_killed(client):
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "wine"}),
            node("sleep", "sleepy@1.0.0", {"seconds": 60}, timeout=1),
        ],
        "edges": [edge("load", "data", "sleep", "data")],
    }
    pipeline = create_pipeline(client, "timeout", graph)
    run = submit(client, pipeline)
    sleep = by_node(run)["sleep"]
    assert run["status"] == "failed" and "Timed out after 1 second" in sleep["error"]


HOG = {
    "component.yaml": """name: memory_hog
version: 1.0.0
category: Testing
description: Allocates a block of memory and holds it.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
parameters:
  megabytes: {type: integer, default: 100}
python: main.py:run
""",
    "main.py": """def run(data, megabytes):
    block = bytearray(megabytes * 1024 * 1024)
    data["held"] = len(block)
    return data
""",
}


def test_a_step_over_its_targets_memory_is_stopped(client):
    register(client, HOG)
    created = client.post(
        "/api/compute/", json={"name": "small", "resources": {"memory_mb": 500}, "concurrency": 1}
    )
    assert created.status_code == 201, created.text
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "wine"}),
            node("hog", "memory_hog@1.0.0", {"megabytes": 2000}, compute="small"),
            node("fits", "memory_hog@1.0.0", {"megabytes": 50}, compute="small"),
        ],
        "edges": [edge("load", "data", "hog", "data"), edge("load", "data", "fits", "data")],
    }
    pipeline = create_pipeline(client, "memory", graph)
    run = by_node(submit_any(client, pipeline, continue_on_failure=True))
    assert run["hog"]["status"] == "failed" and "MemoryError" in run["hog"]["error"]
    assert run["fits"]["status"] == "completed"


def submit_any(client, pipeline, **body):
    response = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json=body)
    assert response.status_code == 201, response.text
    return wait_for_run(client, response.json()["id"])


CRASH = {
    "component.yaml": """name: hard_crash
version: 1.0.0
category: Testing
description: Kills its own process the hard way, as a native crash would.
inputs:
  data: {type: dataframe}
outputs:
  data: {type: dataframe}
python: main.py:run
""",
    "main.py": """import os
import signal


def run(data):
    print("about to crash", flush=True)
    os.kill(os.getpid(), signal.SIGSEGV)
""",
}

GPU_LEARNER = {
    "component.yaml": """name: gpu_learner
version: 1.0.0
category: Testing
description: Declares that it runs on the gpu target unless a node says otherwise.
outputs:
  data: {type: json}
python: main.py:run
compute: gpu
""",
    "main.py": "def run():\n    return {'ok': True}\n",
}


def test_a_crash_in_user_code_fails_the_node_not_the_worker(client):
    register(client, CRASH)
    graph = {
        "nodes": [
            node("load", "sample_dataset@1.0.0", {"dataset": "iris"}),
            node("crash", "hard_crash@1.0.0"),
        ],
        "edges": [edge("load", "data", "crash", "data")],
    }
    run = by_node(submit(client, create_pipeline(client, "crash", graph), force_rerun=True))
    assert run["crash"]["status"] == "failed"
    assert "exit code" in run["crash"]["error"] or "signal" in run["crash"]["error"].lower()
    again = submit(client, create_pipeline(client, "after crash", chain_graph(seed=21)))
    assert again["status"] == "completed", "the worker is still serving"


def test_reuse_works_across_pipelines(client):
    first = submit(client, create_pipeline(client, "across a", chain_graph(seed=22)))
    second = by_node(submit(client, create_pipeline(client, "across b", chain_graph(seed=22))))
    assert {n["status"] for n in second.values()} == {"reused"}
    assert second["score"]["reused_from"]["run"] == first["id"]


def test_new_content_under_the_same_file_name_reruns_what_reads_it(client, live):
    data_dir = live.var_dir / "data"
    data_dir.mkdir(exist_ok=True)
    source = data_dir / "patients.csv"
    source.write_text("age,target\n30,1\n40,0\n50,1\n")
    graph = {
        "nodes": [
            node("read", "import_data@1.0.0", {"path": "patients.csv"}),
            node("pick", "select_columns@1.0.0", {"columns": ["age"]}),
        ],
        "edges": [edge("read", "data", "pick", "data")],
    }
    pipeline = create_pipeline(client, "dataset content", graph)
    first = by_node(submit(client, pipeline))
    assert first["pick"]["status"] == "completed"
    unchanged = by_node(submit(client, pipeline))
    assert unchanged["read"]["status"] == "completed", "a file read always runs"
    assert unchanged["pick"]["status"] == "reused", "same content, so what follows is reused"
    source.write_text("age,target\n31,1\n41,0\n51,1\n")
    changed = by_node(submit(client, pipeline))
    assert changed["pick"]["status"] == "completed"
    assert changed["pick"]["reuse"]["changes"][0]["part"] == "input"
    preview = client.get(f"/api/artifacts/{changed['pick']['outputs']['data']}/preview/").json()
    assert [row[0] for row in preview["rows"]] == [31, 41, 51]


def test_a_components_declared_target_is_used_unless_the_node_overrides(client):
    register(client, GPU_LEARNER)
    graph = {"nodes": [node("fit", "gpu_learner@1.0.0")], "edges": []}
    pipeline = client.post("/api/pipelines/", json={"name": "gpu", "graph": graph}).json()
    refused = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={})
    assert refused.status_code == 400 and "gpu" in refused.json()["errors"][0]["message"]
    client.post("/api/compute/", json={"name": "gpu"})
    run = by_node(submit(client, pipeline))
    assert run["fit"]["compute"] == "gpu" and run["fit"]["status"] == "completed"
