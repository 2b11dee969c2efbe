"""A step's code cannot read the server's secrets from its environment, and runs in its own
work folder: a real Execute Python Script step, run by the worker's `execute` in this process,
from a zygote started after the secrets were put in the worker's environment."""

import json
from pathlib import Path

import pytest

from designer.accounts.acting import SYSTEM
from designer.execution import isolation, launcher, lifecycle, step
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, RunEvent
from designer.runtime.environment import is_kept, step_environment

SECRETS = {
    "DESIGNER_SECRET_KEY": "sekrit-key-123",
    "DESIGNER_ADMIN_PASSWORD": "admin-pass-456",
    "DATABASE_URL": "postgres://u:db-pass-789@db/designer",
    "DESIGNER_BROKER_URL": "redis://:broker-pass@redis:6379/0",
    "AWS_SECRET_ACCESS_KEY": "aws-secret-000",
    "AWS_ACCESS_KEY_ID": "aws-key-id-333",
    "AWS_SESSION_TOKEN": "aws-session-444",
    "DESIGNER_S3_ENDPOINT_URL": "http://s3-user:s3-pass-555@minio:9000",
    "GITHUB_TOKEN": "ghp_token_111",
    "SMTP_PASSWORD": "smtp-pass-222",
}

SCRIPT = """\
import json
import os
import tempfile


def main(data1, data2):
    print(json.dumps({"env": dict(os.environ), "cwd": os.getcwd(), "tmp": tempfile.gettempdir()}))
    return None
"""


def restart_zygote() -> None:
    # The zygote keeps the environment it started with; the next step starts a new one.
    launcher.restart_zygotes()


@pytest.fixture
def secrets(monkeypatch):
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    restart_zygote()
    yield
    restart_zygote()


@pytest.mark.django_db
def test_a_step_sees_no_secret_and_runs_in_its_work_folder(builtins, settings, tmp_path, secrets):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node = {"id": "spy", "component": "execute_python_script@1.0.0", "params": {"script": SCRIPT}}
    pipeline = Pipeline.objects.create(name="spy", graph={"nodes": [node], "edges": []})
    run = orchestrator.submit_run(SYSTEM, pipeline.pk)
    node_run = lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test")
    step.execute(node_run)
    node_run.refresh_from_db()
    assert node_run.status == NodeStatus.COMPLETED, node_run.error

    lines = RunEvent.objects.filter(run=run, type="log").values_list("payload", flat=True)
    seen = json.loads(next(p["line"] for p in lines if p["line"].startswith('{"env"')))
    env = seen["env"]
    for value in SECRETS.values():
        assert all(value not in text for text in env.values()), value
    assert not [name for name in env if name.startswith(("DESIGNER_", "DJANGO_", "DATABASE"))]
    work_dir = Path(settings.DESIGNER_WORK_DIR) / f"run-{run.pk}" / "spy-1"
    assert Path(seen["cwd"]) == work_dir.resolve()
    assert env["HOME"] == str(work_dir.resolve())
    assert Path(seen["tmp"]) == work_dir.resolve() / "tmp"
    assert env["LC_ALL"] == "C.UTF-8" and env["PATH"]
    assert env["OMP_NUM_THREADS"] == "1"


@pytest.mark.skipif(not isolation.mode().isolated, reason="steps are not walled in here")
@pytest.mark.django_db
def test_the_zygotes_of_walled_steps_hold_no_secret_even_in_their_first_environment(
    builtins, settings, tmp_path, secrets
):
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "artifacts")
    node = {"id": "any", "component": "execute_python_script@1.0.0", "params": {"script": SCRIPT}}
    pipeline = Pipeline.objects.create(name="any", graph={"nodes": [node], "edges": []})
    run = orchestrator.submit_run(SYSTEM, pipeline.pk)
    step.execute(lifecycle.claim_node_run(NodeRun.objects.get(run=run).pk, "test"))

    zygotes = list(launcher._walled_zygotes.values())
    assert zygotes
    for zygote in zygotes:
        # The block the process began with: what a process that can read its memory finds.
        block = Path(f"/proc/{zygote.process.pid}/environ").read_bytes().decode()
        assert [value for value in SECRETS.values() if value in block] == []
        assert "LC_ALL=C.UTF-8" in block.split("\0")


@pytest.mark.parametrize("name", [*SECRETS, "DJANGO_SETTINGS_MODULE", "HOME", "SSH_AUTH_SOCK"])
def test_secrets_and_unknown_variables_are_not_kept(name):
    assert not is_kept(name)


def test_the_step_environment_is_the_allow_list(tmp_path):
    source = {**SECRETS, "PATH": "/bin", "LANG": "C.UTF-8", "LC_TIME": "C", "TZ": "UTC", "X": "1"}
    assert step_environment(source, tmp_path) == {
        "PATH": "/bin",
        "LANG": "C.UTF-8",
        "LC_TIME": "C",
        "TZ": "UTC",
        "HOME": str(tmp_path),
        "TMPDIR": str(tmp_path / "tmp"),
    }
