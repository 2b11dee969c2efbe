"""A real Pipewright server (and workers) in child processes, for integration tests."""

import io
import json
import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
ADMIN_PASSWORD = "test-admin-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    def __init__(self, var_dir: Path, port: int, env: dict[str, str] | None = None) -> None:
        self.var_dir = Path(var_dir)
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.ws_url = f"ws://127.0.0.1:{port}"
        self.env = {
            **os.environ,
            "DESIGNER_VAR": str(self.var_dir),
            "DESIGNER_ADMIN_USER": "admin",
            "DESIGNER_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "DESIGNER_LOG_LEVEL": "WARNING",
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None
        self.log_path = self.var_dir / "server.log"
        self._token: str | None = None

    def manage(self, *args: str, timeout: float = 120) -> str:
        done = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    def start(self, prepare: bool = True) -> None:
        # Export Data and a test's marker files write in the data root: as a deployment
        # would, let the user isolated steps run as write there (docs/security.md).
        data = self.var_dir / "data"
        data.mkdir(parents=True, exist_ok=True)
        data.chmod(0o1777)
        if prepare:
            self.manage("migrate", "--noinput", "-v", "0")
            self.manage("bootstrap")
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: self._healthy(), 60, f"server on {self.url} (log: {self.log_path})")

    def _healthy(self) -> bool:
        if self.process and self.process.poll() is not None:
            raise RuntimeError(f"server exited: {self.log_path.read_text()[-3000:]}")
        try:
            return httpx.get(f"{self.url}/api/health/", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def stop(self, kill: bool = False) -> None:
        if self.process and self.process.poll() is None:
            if kill:
                os.killpg(self.process.pid, 9)
            else:
                self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(5)

    @property
    def token(self) -> str:
        if self._token is None:
            response = httpx.post(
                f"{self.url}/api/auth/token/",
                json={"username": "admin", "password": ADMIN_PASSWORD},
            )
            response.raise_for_status()
            self._token = response.json()["token"]
        return self._token

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"Authorization": f"Token {self.token}"}, timeout=30
        )


def wait_for(predicate, timeout: float, what: str, interval: float = 0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def wait_for_run(client: httpx.Client, run_id: int, timeout: float = 120) -> dict:
    def final():
        response = client.get(f"/api/runs/{run_id}/")
        if response.status_code >= 500:
            # A crowded machine (e.g. the database out of connections for a moment): ask
            # again; a client error still fails below.
            return None
        run = response.json()
        return run if run["status"] in {"completed", "failed", "canceled"} else None

    return wait_for(final, timeout, f"run {run_id} to finish")


def component_zip(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def register(client: httpx.Client, files: dict[str, str]) -> dict:
    response = client.post(
        "/api/components/", files={"archive": ("c.zip", component_zip(files), "application/zip")}
    )
    assert response.status_code in (200, 201), response.text
    return response.json()


def create_pipeline(
    client: httpx.Client, name: str, graph: dict, parameters: dict | None = None
) -> dict:
    response = client.post(
        "/api/pipelines/", json={"name": name, "graph": graph, "parameters": parameters or {}}
    )
    assert response.status_code == 201, response.text
    return response.json()


def sample_graph() -> dict:
    sample = ROOT / "designer" / "pipelines" / "samples" / "diabetes_regression.json"
    return json.loads(sample.read_text())


FINAL = {"completed", "failed", "canceled"}


def watch_run(
    server: "LiveServer", run_id: int, headers: dict | None = None, on_snapshot=None
) -> list[dict]:
    """Everything the run's websocket says until the run ends, snapshot first.
    `on_snapshot()` is called once the snapshot is in (to let a held step go on, say)."""
    from websockets.sync.client import connect

    headers = {"Authorization": f"Token {server.token}"} if headers is None else headers
    events: list[dict] = []
    with connect(f"{server.ws_url}/ws/runs/{run_id}/", additional_headers=headers) as ws:
        while True:
            event = json.loads(ws.recv(timeout=120))
            events.append(event)
            if on_snapshot is not None and len(events) == 1:
                on_snapshot()
            if event["type"] == "run" and event["status"] in FINAL:
                return events
            if event["type"] == "snapshot" and event["run"]["status"] in FINAL:
                return events
