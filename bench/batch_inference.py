"""Batch scoring throughput: rows per second through a published batch inference pipeline.

    .venv/bin/python bench/batch_inference.py [--rows 1000000] [--runs 3]

Starts the embedded default from this checkout, registers two generated datasets (2,000 rows
to train on, `--rows` rows to score; ten double features), trains a linear regression (Split
Data, Linear Regression, Train Model, Score Model, Evaluate Model), derives its batch
pipeline, publishes it as an endpoint and calls it `--runs` times with `force_rerun` (so
nothing is served from step reuse), each call registering its predictions as a new dataset.

For each call: rows / (the run's `finished_at` − `created_at`), the server's whole run (bind the
dataset, score in chunks, store, register); and the Score Model step alone (its `finished_at` −
`started_at`). The baseline, measured in the same process on the same file and model: pandas
reads the Parquet file, the model predicts every row in one call, pandas writes the rows with
their predictions as Parquet. Prints JSON and writes bench/results/batch-inference.json.
"""

import argparse
import json
import os
import pickle
import platform
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.live import LiveServer, create_pipeline, free_port, wait_for_run  # noqa: E402

FEATURES = [f"x{i}" for i in range(10)]


def generated(rows: int, seed: int, label: bool) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(rows, len(FEATURES))), columns=FEATURES)
    if label:
        weights = np.arange(1, len(FEATURES) + 1) / 4
        frame["target"] = frame.to_numpy() @ weights + 3 + rng.normal(scale=0.1, size=rows)
    return frame


def training_graph() -> dict:
    def node(node_id: str, component: str, params: dict | None = None) -> dict:
        return {"id": node_id, "component": component, "params": params or {}}

    def edge(source: str, out: str, target: str, into: str) -> dict:
        return {"source": source, "source_port": out, "target": target, "target_port": into}

    return {
        "nodes": [
            node("load", "dataset@1.0.0", {"name": "history"}),
            node("split", "split_data@1.1.0", {"fraction": 0.8, "seed": 4}),
            node("learner", "linear_regression@1.0.0"),
            node("train", "train_model@1.0.0", {"label_column": "target"}),
            node("score", "score_model@1.0.0"),
            node("evaluate", "evaluate_model@1.1.0"),
        ],
        "edges": [
            edge("load", "data", "split", "data"),
            edge("learner", "model", "train", "learner"),
            edge("split", "first", "train", "data"),
            edge("train", "model", "score", "model"),
            edge("split", "second", "score", "data"),
            edge("score", "scored", "evaluate", "scored"),
        ],
    }


def ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def registered(client, data_root: Path, name: str, frame: pd.DataFrame) -> Path:
    """`frame` as a Parquet file in the server's data folder, registered as dataset `name`."""
    path = data_root / f"{name}.parquet"
    frame.to_parquet(path, index=False)
    body = {"name": name, "datastore": "data", "path": path.name}
    answer = client.post("/api/datasets/", json=body, timeout=300)
    assert answer.status_code == 201, answer.text
    return path


def trained_model(client) -> tuple[int, object]:
    """Run the training pipeline; its run id and the model it trained (unpickled here)."""
    pipeline = create_pipeline(client, "batch bench training", training_graph())
    run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()
    final = wait_for_run(client, run["id"], timeout=600)
    assert final["status"] == "completed", final
    model_id = next(n for n in final["nodes"] if n["node"] == "train")["outputs"]["model"]
    content = client.get(f"/api/artifacts/{model_id}/download/").content
    return final["id"], pickle.loads(content)


def batch_endpoint(client, training_run: int) -> str:
    body = {"kind": "batch", "name": "batch bench"}
    derived = client.post(f"/api/runs/{training_run}/inference-pipeline/", json=body)
    assert derived.status_code == 201, derived.text
    pipeline_id = derived.json()["pipeline"]["id"]
    published = client.post(f"/api/pipelines/{pipeline_id}/publish/", json={"endpoint": "bench"})
    assert published.status_code == 201, published.text
    return "bench"


def scored_run(client, endpoint: str, call: int, rows: int) -> dict:
    parameters = {"input_dataset": "incoming", "output_dataset": f"bench-scored-{call}"}
    body = {"parameters": parameters, "force_rerun": True}
    answer = client.post(f"/api/endpoints/{endpoint}/runs/", json=body)
    assert answer.status_code == 201, answer.text
    final = wait_for_run(client, answer.json()["run_id"], timeout=900)
    assert final["status"] == "completed", final
    output = client.get(f"/api/datasets/{parameters['output_dataset']}/").json()
    assert output["versions"][0]["version"] == 1, output
    return {
        "run_s": round(ts(final["finished_at"]) - ts(final["created_at"]), 3),
        "score_step_s": step_seconds(final, "score"),
        "register_step_s": step_seconds(final, "output_dataset"),
    }


def step_seconds(run: dict, node_id: str) -> float:
    node = next(n for n in run["nodes"] if n["node"] == node_id)
    return round(ts(node["finished_at"]) - ts(node["started_at"]), 3)


def baseline(model, source: Path, out: Path) -> float:
    """Read, predict in one call, write: what a script would do, in seconds."""
    started = time.perf_counter()
    frame = pd.read_parquet(source)
    frame["scored_label"] = model.estimator.predict(frame[model.feature_columns])
    frame.to_parquet(out, index=False)
    return time.perf_counter() - started


def median_rate(rows: int, seconds: list[float]) -> dict:
    middle = statistics.median(seconds)
    return {"median_s": round(middle, 3), "rows_per_s": round(rows / middle)}


def measure(client, data_root: Path, rows: int, runs: int) -> dict:
    registered(client, data_root, "history", generated(2000, seed=1, label=True))
    source = registered(client, data_root, "incoming", generated(rows, seed=2, label=False))
    training_run, model = trained_model(client)
    endpoint = batch_endpoint(client, training_run)
    calls = [scored_run(client, endpoint, call, rows) for call in range(runs)]
    plain = [baseline(model, source, data_root / "baseline.parquet") for _ in range(runs)]
    engine = median_rate(rows, [c["run_s"] for c in calls])
    pandas_rate = median_rate(rows, plain)
    return {
        "rows": rows,
        "runs": runs,
        "batch_run": engine,
        "score_step": median_rate(rows, [c["score_step_s"] for c in calls]),
        "register_step": median_rate(rows, [c["register_step_s"] for c in calls]),
        "pandas_baseline": pandas_rate,
        "ratio_to_baseline": round(engine["rows_per_s"] / pandas_rate["rows_per_s"], 2),
        "calls": calls,
    }


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    lines = cpuinfo.read_text().splitlines() if cpuinfo.exists() else []
    names = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return names[0] if names else platform.processor()


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    before = {
        "cpus": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "load_average_before": load_average(),
    }
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder), port=free_port())
        server.start()
        try:
            with server.client() as client:
                client.timeout = 300
                result = measure(client, Path(folder) / "data", args.rows, args.runs)
        finally:
            server.stop()
    result["machine"] = {**before, "load_average_after": load_average()}
    result["date"] = time.strftime("%Y-%m-%d")
    text = json.dumps(result, indent=2)
    print(text)
    (ROOT / "bench" / "results" / "batch-inference.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
