"""The distributed deployment with its artifacts in S3: PostgreSQL, a Redis broker and channel
layer, an S3-compatible server (moto, its own process), the web process, and two workers, one
per compute target, each with a local cache of its own, as if on two machines.

A pipeline whose nodes alternate between the targets hands every artifact across through the
bucket. Each worker fetches each input it needs once, however many steps read it."""

from pathlib import Path

import pytest

from designer.artifacts.cache import fetch_count
from tests.support.distributed import RedisServer, postgres_database, start_worker, stop
from tests.support.live import LiveServer, free_port, sample_graph, wait_for_run

PREFIX = "artifacts"
SECOND = "second"
# The nodes of the sample pipeline that run on the second target; the rest run on "default".
ON_SECOND = {"split", "score"}


class Machine:
    """A worker process with the folder it keeps to itself, its artifact cache among them."""

    def __init__(self, env: dict, folder: Path, compute: str) -> None:
        self.folder = folder
        self.cache = folder / "artifact-cache"
        folder.mkdir()
        env = {**env, "DESIGNER_VAR": str(folder), "DESIGNER_ARTIFACT_CACHE": str(self.cache)}
        self.process = start_worker(env, folder / "worker.log", compute=compute)

    def cached(self) -> set[str]:
        """The digests this machine's cache holds."""
        if not self.cache.exists():
            return set()
        return {p.name for p in self.cache.glob("*/*") if p.is_dir()}


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, s3_server):
    var_dir = tmp_path_factory.mktemp("distributed-s3")
    bucket = s3_server.new_bucket()
    broker = RedisServer(var_dir)
    broker.start()
    with postgres_database() as database_url:
        env = {
            "DATABASE_URL": database_url,
            "DESIGNER_BROKER_URL": broker.url,
            "DESIGNER_CHANNEL_URL": broker.url.replace("/0", "/1"),
            "DESIGNER_ARTIFACTS": f"s3://{bucket}/{PREFIX}",
            **s3_server.env,
        }
        (var_dir / "web").mkdir()
        server = LiveServer(var_dir / "web", port=free_port(), env=env)
        server.start()
        with server.client() as client:
            created = client.post("/api/compute/", json={"name": SECOND})
            assert created.status_code == 201, created.text
        machines = {
            "default": Machine(server.env, var_dir / "machine-a", "default"),
            SECOND: Machine(server.env, var_dir / "machine-b", SECOND),
        }
        yield server, machines, bucket
        for machine in machines.values():
            stop(machine.process)
        server.stop()
    broker.stop()


def submit(client, pipeline_id: int, force_rerun: bool) -> dict:
    run = client.post(f"/api/pipelines/{pipeline_id}/runs/", json={"force_rerun": force_rerun})
    assert run.status_code == 201, run.text
    final = wait_for_run(client, run.json()["id"])
    assert final["status"] == "completed", final
    return final


def inputs_by_target(graph: dict, runs: list[dict], digest_of) -> dict[str, list[str]]:
    """The digest of every input every executed node read, by the target it ran on."""
    read: dict[str, list[str]] = {"default": [], SECOND: []}
    for run in runs:
        nodes = {n["node"]: n for n in run["nodes"]}
        for edge in graph["edges"]:
            artifact = nodes[edge["source"]]["outputs"][edge["source_port"]]
            read[nodes[edge["target"]]["compute"]].append(digest_of(artifact))
    return read


def test_a_pipeline_across_two_targets_shares_artifacts_through_s3(deployment, s3_server):
    server, machines, bucket = deployment
    sample = sample_graph()
    graph = sample["graph"]
    for node in graph["nodes"]:
        node["compute"] = SECOND if node["id"] in ON_SECOND else None
    with server.client() as client:
        pipeline = client.post(
            "/api/pipelines/",
            json={"name": "across", "graph": graph, "parameters": sample["parameters"]},
        ).json()
        # Run it twice for real: the second run's steps read the same inputs again.
        runs = [submit(client, pipeline["id"], force_rerun=True) for _ in range(2)]

        def digest_of(artifact_id: int) -> str:
            return client.get(f"/api/artifacts/{artifact_id}/").json()["digest"]

        read = inputs_by_target(graph, runs, digest_of)
        outputs = {a for run in runs for n in run["nodes"] for a in n["outputs"].values()}
        produced = {digest_of(a) for a in outputs}
        # Start-up registers the sample datasets: their tables are stored in the bucket too.
        samples = {d["latest"]["digest"] for d in client.get("/api/datasets/").json()["results"]}
        reused = submit(client, pipeline["id"], force_rerun=False)
        nodes = {n["node"]: n for n in runs[-1]["nodes"]}
        preview = client.get(f"/api/artifacts/{nodes['split']['outputs']['first']}/preview/")
        model = nodes["train"]["outputs"]["model"]
        download = client.get(f"/api/artifacts/{model}/download/")
        model_digest = digest_of(model)

    for run in runs:
        assert {n["node"]: n["compute"] for n in run["nodes"]} == {
            n["id"]: SECOND if n["id"] in ON_SECOND else "default" for n in graph["nodes"]
        }
    assert all(n["reused"] for n in reused["nodes"]), "every output is found in the bucket"

    check_fetched_once(machines, read)
    keys = s3_server.keys(bucket)
    assert all(key.startswith(f"{PREFIX}/") for key in keys)
    assert samples and not samples & produced
    stored = {digest_in(key) for key in keys}
    assert stored == produced | samples, "every output and sample is in S3, nothing else"
    for folder in (server.var_dir, *(m.folder for m in machines.values())):
        assert not (folder / "artifacts").exists(), "nothing is stored in a local folder"

    assert preview.status_code == 200 and preview.json()["row_count"] > 0
    assert download.status_code == 200
    [model_key] = [key for key in keys if digest_in(key) == model_digest]
    stored = s3_server.client().get_object(Bucket=bucket, Key=model_key)
    assert download.content == stored["Body"].read()


def check_fetched_once(machines: dict[str, Machine], read: dict[str, list[str]]) -> None:
    """Each worker's cache holds exactly the inputs its steps read, each fetched once."""
    for target, machine in machines.items():
        assert machine.process.poll() is None, f"the {target} worker must still be serving"
        assert machine.cached() == set(read[target]), f"{target} caches exactly what it read"
        assert len(read[target]) > len(machine.cached()), "some inputs were read again"
        counts = {d: fetch_count(d, machine.cache) for d in machine.cached()}
        assert set(counts.values()) == {1}, f"{target} fetched each artifact once: {counts}"


def digest_in(key: str) -> str:
    """The digest part of an object key, `<prefix>/<digest[:2]>/<digest>/<name>[/...]`."""
    return key.split("/")[2]
