"""From calling a published endpoint to its first node running.

    .venv/bin/python bench/endpoint_latency.py [--calls 100]

Starts the embedded default from this checkout, publishes a one-node pipeline (the no-op
component of bench/components) as an endpoint, and calls it `--calls` times one after the
other, each with a new parameter value so no call is served from step reuse. For each call:
the node's `started_at` (written by the server) minus the moment the client sent the POST
(same machine, same clock), and the POST's own round trip. Prints JSON and writes
bench/results/endpoint-latency.json.
"""

import argparse
import json
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.live import (  # noqa: E402
    LiveServer,
    create_pipeline,
    free_port,
    register,
    wait_for,
)

NOOP = {p.name: p.read_text() for p in (ROOT / "bench" / "components" / "noop").iterdir()}
GRAPH = {
    "nodes": [
        {"id": "step", "component": "bench_noop@1.0.0", "params": {"tag": {"$param": "tag"}}}
    ],
    "edges": [],
}


def ts(value: str) -> float:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def started_at(client, run_id: int) -> float:
    def node_started():
        node = client.get(f"/api/runs/{run_id}/").json()["nodes"][0]
        return node["started_at"] and ts(node["started_at"])

    return wait_for(node_started, 60, f"run {run_id}'s node to start", interval=0.01)


def finished(client, run_id: int) -> bool:
    return client.get(f"/api/runs/{run_id}/").json()["status"] == "completed"


def measure(client, calls: int) -> dict:
    register(client, NOOP)
    parameters = {"tag": {"type": "string", "default": ""}}
    pipeline = create_pipeline(client, "endpoint latency", GRAPH, parameters)
    published = client.post(f"/api/pipelines/{pipeline['id']}/publish/", json={"endpoint": "bench"})
    assert published.status_code == 201, published.text
    to_running, round_trip = [], []
    for i in range(calls + 5):
        sent = time.time()
        answer = client.post("/api/endpoints/bench/runs/", json={"parameters": {"tag": f"c{i}"}})
        returned = time.time()
        assert answer.status_code == 201, answer.text
        began = started_at(client, answer.json()["run_id"])
        if i >= 5:  # the first calls warm the server up
            to_running.append((began - sent) * 1000)
            round_trip.append((returned - sent) * 1000)
        run_id = answer.json()["run_id"]
        wait_for(lambda r=run_id: finished(client, r), 60, "the run to finish", interval=0.01)
    return {
        "calls": calls,
        "post_to_first_node_running_ms": {
            "p50": round(pct(to_running, 0.5), 1),
            "p95": round(pct(to_running, 0.95), 1),
        },
        "post_round_trip_ms": {
            "p50": round(pct(round_trip, 0.5), 1),
            "p95": round(pct(round_trip, 0.95), 1),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server = LiveServer(Path(folder), port=free_port())
        server.start()
        try:
            with server.client() as client:
                result = measure(client, args.calls)
        finally:
            server.stop()
    result["date"] = time.strftime("%Y-%m-%d")
    text = json.dumps(result, indent=2)
    print(text)
    out = ROOT / "bench" / "results" / "endpoint-latency.json"
    out.write_text(text + "\n")


if __name__ == "__main__":
    main()
