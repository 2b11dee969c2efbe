"""Single-row latency of a real-time endpoint, at 1 and at 50 concurrent clients.

    .venv/bin/python bench/inference.py [--requests 10000] [--clients 1 50]

Starts the embedded default from this checkout, trains the sample diabetes pipeline (linear
regression on 10 features), derives its real-time inference pipeline, deploys it as an
endpoint and scores one row per request with an API token. Each client is one keep-alive
connection sending its next request as soon as it has the answer (a closed loop), so at 50
clients there are always 50 requests in flight. The clients are a minimal HTTP/1.1 client on
asyncio streams in this process, so the load generator takes as little as possible of the
same machine's cores. Latency is from writing the request to having the whole answer.

Baseline: the same trained model predicting one row in this process (Score Model's work:
select the feature columns of a one-row DataFrame, `estimator.predict`), no HTTP, no
batching. Prints JSON and writes bench/results/inference.json, with the load average seen
before and after.
"""

import argparse
import asyncio
import io
import json
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.live import (  # noqa: E402
    LiveServer,
    create_pipeline,
    free_port,
    sample_graph,
    wait_for_run,
)

FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]
ENDPOINT = "bench-diabetes"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 2)


def deploy(client) -> tuple[list[dict], object]:
    """Train the sample, derive and deploy it; the test rows and the trained model."""
    sample = sample_graph()
    pipeline = create_pipeline(client, "bench inference", sample["graph"], sample["parameters"])
    run_id = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={}).json()["id"]
    run = wait_for_run(client, run_id)
    assert run["status"] == "completed", run
    derived = client.post(f"/api/runs/{run_id}/inference-pipeline/", json={}).json()
    body = {
        "name": ENDPOINT,
        "deployments": [{"name": "main", "pipeline": derived["pipeline"]["id"]}],
    }
    created = client.post("/api/inference/", json=body)
    assert created.status_code == 201, created.text
    nodes = {n["node"]: n for n in run["nodes"]}
    rows = parquet_rows(client, nodes["split"]["outputs"]["second"])
    model_bytes = client.get(f"/api/artifacts/{nodes['train']['outputs']['model']}/download/")
    return rows, pickle.loads(model_bytes.content)


def parquet_rows(client, artifact_id: int) -> list[dict]:
    import pandas as pd

    data = client.get(f"/api/artifacts/{artifact_id}/download/").content
    return pd.read_parquet(io.BytesIO(data))[FEATURES].to_dict(orient="records")


async def client_loop(port: int, token: str, bodies: list[bytes], count: int, out: list) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = (
        f"POST /api/inference/{ENDPOINT}/score HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Token {token}\r\nContent-Type: application/json\r\n"
    )
    try:
        for i in range(count):
            body = bodies[i % len(bodies)]
            request = (head + f"Content-Length: {len(body)}\r\n\r\n").encode() + body
            sent = time.perf_counter()
            writer.write(request)
            status, answer = await read_response(reader)
            out.append((time.perf_counter() - sent) * 1000)
            assert status == 200, answer
    finally:
        writer.close()


async def read_response(reader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(v)
        for k, _, v in (line.partition(":") for line in lines)
        if k.lower() == "content-length"
    )
    return status, await reader.readexactly(length)


async def load(port: int, token: str, bodies: list[bytes], clients: int, requests: int) -> dict:
    warm: list[float] = []
    await client_loop(port, token, bodies, 50, warm)
    latencies: list[float] = []
    started = time.perf_counter()
    each = max(1, requests // clients)
    await asyncio.gather(
        *(client_loop(port, token, bodies, each, latencies) for _ in range(clients))
    )
    elapsed = time.perf_counter() - started
    return {
        "clients": clients,
        "requests": len(latencies),
        "p50_ms": pct(latencies, 0.5),
        "p95_ms": pct(latencies, 0.95),
        "p99_ms": pct(latencies, 0.99),
        "requests_per_second": round(len(latencies) / elapsed),
    }


def baseline(model, rows: list[dict], calls: int = 2000) -> dict:
    import pandas as pd

    latencies = []
    for i in range(calls + 50):
        started = time.perf_counter()
        frame = pd.DataFrame([rows[i % len(rows)]])
        model.estimator.predict(model.select_features(frame))
        if i >= 50:
            latencies.append((time.perf_counter() - started) * 1000)
    return {"p50_ms": pct(latencies, 0.5), "p95_ms": pct(latencies, 0.95)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10000)
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 50])
    args = parser.parse_args()
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder), port=free_port())
        server.start()
        try:
            with server.client() as client:
                rows, model = deploy(client)
            bodies = [json.dumps({"rows": [row]}).encode() for row in rows]
            runs = [
                asyncio.run(load(server.port, server.token, bodies, clients, args.requests))
                for clients in args.clients
            ]
        finally:
            server.stop()
    result = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "model": "linear regression (sample diabetes pipeline), 10 features, one row per request",
        "served": runs,
        "in_process_predict_baseline": baseline(model, rows),
    }
    text = json.dumps(result, indent=2)
    print(text)
    (ROOT / "bench" / "results" / "inference.json").write_text(text + "\n")


if __name__ == "__main__":
    main()
