"""The wall around user code that is not a step, tried from inside: a real-time endpoint's
scoring process running an Execute Python Script node, and the probe that unpickles an
uploaded model. Both must run as the step user, see none of the server's files, and leave no
process behind.

These need what the isolation needs (root, Linux namespaces); where the machine does not allow
them they are skipped, saying why, as the worker's log would."""

import asyncio
import json
import os
import pickle
import signal
import socket
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings as django_settings

from designer.errors import InvalidInput
from designer.execution import isolation
from designer.inference.serving.worker import ScoringProcess
from designer.models.services import upload
from tests.models.factories import fitted_model

MODE = isolation.mode()
pytestmark = pytest.mark.skipif(not MODE.isolated, reason=MODE.describe())

ROOT = Path(__file__).resolve().parents[1]
EXECUTE_PYTHON_SCRIPT = ROOT / "components" / "python_language" / "execute_python_script"

SCRIPT = """\
import json
import os
import subprocess
import sys

import pandas as pd

PATHS = {paths!r}


def attempt(path):
    try:
        with open(path, "rb") as handle:
            handle.read(1)
        return "opened"
    except OSError as exc:
        return type(exc).__name__


def main(data1, data2):
    seen = {{name: attempt(path) for name, path in PATHS.items()}}
    seen["uid"] = os.getuid()
    # A process of its own, in a session of its own: it must not outlive the scorer.
    subprocess.Popen(
        [sys.executable, "-c", "import time; time.sleep(3600)", {marker!r}],
        start_new_session=True,
    )
    return data1.assign(scored_label=[json.dumps(seen)] * len(data1)), None
"""


@pytest.fixture
def server_files():
    """The server's files user code must not reach, by name (the database file made if the
    embedded default has none yet)."""
    var = Path(django_settings.VAR_DIR)
    database = var / "designer.sqlite3"
    made = not database.exists()
    if made:
        database.write_bytes(b"SQLite format 3\0")
    files = {
        "database": str(database),
        "settings.py": str(Path(django_settings.BASE_DIR) / "designer" / "settings.py"),
        "server environ": f"/proc/{os.getpid()}/environ",
        "shadow": "/etc/shadow",
    }
    if (var / "secret_key").exists():
        files["secret key"] = str(var / "secret_key")
    yield files
    if made:
        database.unlink()


def processes_with(marker: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def test_a_scoring_process_runs_walled_in_as_the_step_user(tmp_path, server_files):
    model, frame = fitted_model()
    stored = tmp_path / "artifacts"
    stored.mkdir()
    (stored / "model.pkl").write_bytes(pickle.dumps(model))
    (stored / "someone-elses.parquet").write_text("another deployment's artifact")
    marker = f"pipewright-scoring-test-{uuid.uuid4().hex}"
    paths = {
        **server_files,
        "its model": str(stored / "model.pkl"),
        "an artifact it was not given": str(stored / "someone-elses.parquet"),
    }
    plan = {
        "nodes": [
            {"id": "model", "values": {"model": {"type": "model", "path": paths["its model"]}}},
            {
                "id": "script",
                "component_dir": str(EXECUTE_PYTHON_SCRIPT),
                "python": "execute_python_script.py:run",
                "params": {"script": SCRIPT.format(paths=paths, marker=marker)},
                "inputs": {"data1": "dataframe", "data2": "dataframe"},
                "outputs": {
                    "result1": {"type": "dataframe", "optional": False},
                    "result2": {"type": "dataframe", "optional": False},
                },
            },
        ],
        "edges": [],
        "input": {"node": "script", "port": "data1"},
        "answer": {"node": "script", "port": "result1"},
    }

    async def scenario():
        process = ScoringProcess(plan, tmp_path / "scoring", str(django_settings.BASE_DIR))
        await process.start(120)
        try:
            answer = await process.score({"a": [1]}, 60)
            # The script's Popen returns once the new process has begun its exec; until Linux
            # has set its arguments up, its command line reads empty: wait to see the marker.
            deadline = time.monotonic() + 30
            while not (running := processes_with(marker)) and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
        finally:
            await process.stop()
        return answer, running

    try:
        answer, running = asyncio.run(scenario())
        deadline = time.monotonic() + 10
        while processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = processes_with(marker)
    finally:
        for pid in processes_with(marker):
            os.kill(pid, signal.SIGKILL)
    seen = json.loads(answer["predictions"][0])
    assert seen["uid"] == MODE.uid != 0
    assert seen["its model"] == "opened"
    for name in server_files:
        assert seen[name] in {"FileNotFoundError", "PermissionError"}, (name, seen[name])
    for name in ("database", "settings.py", "server environ", "an artifact it was not given"):
        assert seen[name] == "FileNotFoundError", (name, seen[name])
    assert running, "the script's process did not start"
    assert left == []


class Payload:
    """Unpickles by running `code`: what a hostile model file does."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __reduce__(self):
        return (exec, (self.code,))


PAYLOAD = """\
import json, os, socket
seen = {{"uid": os.getuid()}}
for name, path in {paths!r}.items():
    try:
        with open(path, "rb") as handle:
            handle.read(1)
        seen[name] = "opened"
    except OSError as exc:
        seen[name] = type(exc).__name__
try:
    with open({planted!r}, "w") as handle:
        handle.write("x")
    seen["write"] = "written"
except OSError as exc:
    seen["write"] = type(exc).__name__
try:
    socket.create_connection(("127.0.0.1", {port}), timeout=5).close()
    seen["network"] = "connected"
except OSError as exc:
    seen["network"] = type(exc).__name__
raise ValueError("SEEN" + json.dumps(seen, separators=(",", ":")))
"""


def test_the_upload_probe_unpickles_walled_in_without_network(tmp_path, server_files):
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    planted = tmp_path / "planted.txt"
    folder = tmp_path / "upload"
    folder.mkdir(mode=0o700)
    model = folder / "model.pkl"
    code = PAYLOAD.format(paths=server_files, planted=str(planted), port=port)
    model.write_bytes(pickle.dumps(Payload(code)))
    try:
        with pytest.raises(InvalidInput) as refused:
            upload.probe(model)
    finally:
        listener.close()
    assert refused.value.code == "bad_model"
    message = refused.value.message
    seen = json.loads(message[message.index("SEEN") + 4 :])
    assert seen["uid"] == MODE.uid != 0
    for name in server_files:
        assert seen[name] in {"FileNotFoundError", "PermissionError"}, (name, seen[name])
    for name in ("database", "settings.py", "server environ"):
        assert seen[name] == "FileNotFoundError", (name, seen[name])
    assert seen["write"] in {"FileNotFoundError", "PermissionError", "OSError"}
    assert not planted.exists()
    assert seen["network"] in {"ConnectionRefusedError", "OSError"}


def test_the_walled_probe_still_accepts_a_fitted_model(tmp_path):
    model, _ = fitted_model()
    folder = tmp_path / "upload"
    folder.mkdir(mode=0o700)
    path = folder / "model.pkl"
    path.write_bytes(pickle.dumps(model))
    summary = upload.probe(path)
    assert summary["class"] == "LinearRegression"
    assert summary["feature_columns"] == model.feature_columns


@pytest.fixture
def isolation_off(settings):
    settings.DESIGNER_STEP_ISOLATION = "off"
    isolation.mode.cache_clear()
    yield isolation.mode()
    isolation.mode.cache_clear()


def test_with_isolation_off_the_probe_runs_as_the_servers_user_as_before(
    isolation_off, tmp_path, server_files
):
    assert not isolation_off.isolated
    folder = tmp_path / "upload"
    folder.mkdir(mode=0o700)
    model = folder / "model.pkl"
    planted = tmp_path / "planted.txt"
    code = PAYLOAD.format(paths=server_files, planted=str(planted), port=1)
    model.write_bytes(pickle.dumps(Payload(code)))
    with pytest.raises(InvalidInput) as refused:
        upload.probe(model)
    message = refused.value.message
    seen = json.loads(message[message.index("SEEN") + 4 :])
    assert seen["uid"] == os.getuid()
    assert seen["settings.py"] == "opened" and seen["write"] == "written"
