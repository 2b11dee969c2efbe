"""`make distributed` for real: scripts/distributed makes the database, then honcho starts Redis,
the S3 store, the web process, the scheduler and one worker per compute target from
deploy/Procfile. A pipeline split over both targets completes with its outputs in the bucket,
and Ctrl-C stops every process of the group."""

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import httpx
import psycopg
import pytest

from tests.support.distributed import PG, pid_alive
from tests.support.live import ADMIN_PASSWORD, ROOT, free_port, sample_graph, wait_for, wait_for_run

ON_SECOND = {"split", "score"}


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found: set[int] = set()
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class Launched:
    def __init__(self, folder: Path) -> None:
        self.web_port, self.s3_port = free_port(), free_port()
        self.database = f"pipewright_test_{uuid.uuid4().hex[:10]}"
        self.url = f"http://127.0.0.1:{self.web_port}"
        self.log_path = folder / "honcho.log"
        self.env = {
            **os.environ,
            "PIPEWRIGHT_WEB_PORT": str(self.web_port),
            "PIPEWRIGHT_REDIS_PORT": str(free_port()),
            "PIPEWRIGHT_S3_PORT": str(self.s3_port),
            "PIPEWRIGHT_DATABASE": self.database,
            "PIPEWRIGHT_DISTRIBUTED_VAR": str(folder / "var"),
            "DESIGNER_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "DESIGNER_LOG_LEVEL": "WARNING",
        }
        self.process = subprocess.Popen(
            [sys.executable, "scripts/distributed.py"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log_path.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group, as a terminal's Ctrl-C would reach it
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def healthy(self) -> bool:
        assert self.process.poll() is None, f"the deployment stopped:\n{self.log()}"
        try:
            return httpx.get(f"{self.url}/api/health/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def client(self) -> httpx.Client:
        token = httpx.post(
            f"{self.url}/api/auth/token/", json={"username": "admin", "password": ADMIN_PASSWORD}
        ).json()["token"]
        return httpx.Client(base_url=self.url, headers={"Authorization": f"Token {token}"})

    def interrupt(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(10)

    def drop_database(self) -> None:
        with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture
def launched(tmp_path):
    deployment = Launched(tmp_path)
    try:
        yield deployment
    finally:
        deployment.interrupt()
        deployment.drop_database()


def test_one_command_starts_the_distributed_deployment_and_ctrl_c_stops_it(launched):
    wait_for(launched.healthy, 240, "the distributed deployment to answer")
    with launched.client() as client:
        assert client.get("/api/health/").json()["database"] == "postgresql"

        def both_targets_served():
            targets = client.get("/api/compute/").json()
            served = {t["name"] for t in targets if t["workers"]}
            return {"default", "second"} <= served

        wait_for(both_targets_served, 120, "a worker on each compute target")
        sample = sample_graph()
        for node in sample["graph"]["nodes"]:
            node["compute"] = "second" if node["id"] in ON_SECOND else None
        pipeline = client.post(
            "/api/pipelines/",
            json={"name": "launched", "graph": sample["graph"], "parameters": sample["parameters"]},
        ).json()
        run = client.post(f"/api/pipelines/{pipeline['id']}/runs/", json={"force_rerun": True})
        assert run.status_code == 201, run.text
        final = wait_for_run(client, run.json()["id"], timeout=240)
        model = next(n for n in final["nodes"] if n["node"] == "train")["outputs"]["model"]
        digest = client.get(f"/api/artifacts/{model}/").json()["digest"]

    assert final["status"] == "completed", final
    assert {n["node"]: n["compute"] for n in final["nodes"]} == {
        n["id"]: "second" if n["id"] in ON_SECOND else "default" for n in sample["graph"]["nodes"]
    }
    s3 = boto3.client(
        "s3",
        endpoint_url=f"http://127.0.0.1:{launched.s3_port}",
        aws_access_key_id="trial",
        aws_secret_access_key="trial",
        region_name="us-east-1",
    )
    keys = [o["Key"] for o in s3.list_objects_v2(Bucket="pipewright")["Contents"]]
    assert any(digest in key for key in keys), "the trained model is stored in the bucket"

    processes = descendants(launched.process.pid)
    assert len(processes) >= 6, "redis, s3, web, scheduler and two workers run under honcho"
    launched.interrupt()
    assert launched.process.returncode is not None
    wait_for(
        lambda: not any(pid_alive(pid) for pid in processes),
        60,
        "every process of the deployment to stop",
    )
