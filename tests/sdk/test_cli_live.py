"""The `pipewright` command against a live server, run as a user runs it: sign in, register,
validate, push, pull, run and wait, inspect runs, cancel, publish and call an endpoint; tables by
default, JSON with --json, and a non-zero exit with one line when something is refused."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
import uuid

import pytest
from pipewright.documents import load_pipelines

from tests.support.live import ADMIN_PASSWORD, ROOT

GOOD = '''
from __future__ import annotations

import pandas as pd

from pipewright import Component, Parameter, Pipeline, component


@component
def count_rows(scored: pd.DataFrame) -> int:
    """How many rows were scored."""
    print(f"counted {len(scored)} rows")
    return len(scored)


with Pipeline("NAME", description="diabetes from a file") as pipeline:
    seed = Parameter("seed", 0)
    load = Component.from_ref("sample_dataset@1.0.0")(dataset="diabetes").named("load")
    split = Component.from_ref("split_data@1.1.0")(data=load.outputs["data"], seed=seed)
    learner = Component.from_ref("linear_regression@1.0.0")()
    train = Component.from_ref("train_model@1.0.0")(
        learner=learner.outputs["model"], data=split.outputs["first"], label_column="target"
    )
    score = Component.from_ref("score_model@1.0.0")(
        model=train.outputs["model"], data=split.outputs["second"]
    )
    Component.from_ref("evaluate_model@1.1.0")(scored=score.outputs["scored"]).named("evaluate")
    count_rows(scored=score.outputs["scored"]).named("rows")
'''

FAILING = """
from pipewright import Pipeline, component


@component
def boom(limit: int = 1) -> dict:
    raise ValueError("this step always fails")


with Pipeline("NAME") as pipeline:
    boom().named("boom")
"""

SLOW = """
import time

from pipewright import Pipeline, component


@component(deterministic=False)
def wait_a_while(seconds: float = 120.0) -> dict:
    time.sleep(seconds)
    return {}


with Pipeline("NAME") as pipeline:
    wait_a_while()
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("cli-home")


@pytest.fixture(scope="module")
def cli(live, home):
    """Run `pipewright ARGS` as a separate process, signed in through its own config file."""
    env = {k: v for k, v in os.environ.items() if k not in ("PIPEWRIGHT_URL", "PIPEWRIGHT_TOKEN")}
    env["PIPEWRIGHT_CONFIG"] = str(home / "config.json")
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "sdk"), env.get("PYTHONPATH", "")])

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pipewright", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            cwd=home,
            timeout=300,
        )

    signed_in = run(
        "login", live.url, "--username", "admin", "--password-stdin", stdin=ADMIN_PASSWORD + "\n"
    )
    assert signed_in.returncode == 0, signed_in.stderr
    assert signed_in.stdout.startswith(f"Signed in to {live.url} as admin")
    return run


def write(home, name: str, template: str) -> tuple[str, str]:
    pipeline = f"cli {name} {uuid.uuid4().hex[:6]}"
    path = home / f"{name}.py"
    path.write_text(textwrap.dedent(template).replace("NAME", pipeline))
    return str(path), pipeline


def ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    return done.stdout


def refused(done: subprocess.CompletedProcess, code: int = 1) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("pipewright: ")
    return last


@pytest.fixture(scope="module")
def good(cli, home):
    path, name = write(home, "good", GOOD)
    pushed = json.loads(ok(cli("pipelines", "push", path, "--json")))
    return path, name, pushed[0]["id"]


def test_login_is_saved_for_the_owner_only(cli, home, live):
    saved = home / "config.json"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert json.loads(saved.read_text())["url"] == live.url
    me = json.loads(ok(cli("components", "list", "--search", "split", "--json")))
    assert "split_data" in [c["name"] for c in me]


def test_components_list_show_and_register(cli, home):
    table = ok(cli("components", "list", "--category", "Data Transformation"))
    assert table.splitlines()[0].split() == ["NAME", "VERSION", "CATEGORY", "DISPLAY_NAME"]
    assert "split_data" in table
    shown = ok(cli("components", "show", "split_data@1.1.0"))
    assert "inputs:" in shown and "  data (dataframe)" in shown and "fraction (number" in shown
    path, _ = write(home, "registered", GOOD)
    registered = ok(cli("components", "register", path))
    assert "count_rows" in registered and "0.0.0-dev." in registered
    refused(cli("components", "register", str(home / "missing-folder")))


def test_validate_push_and_pull_round_trip(cli, home, good):
    path, name, pipeline_id = good
    assert ok(cli("pipelines", "validate", path)).strip() == f"{name}: valid"
    listed = json.loads(ok(cli("pipelines", "list", "--search", name, "--json")))
    assert [p["id"] for p in listed] == [pipeline_id]
    code = ok(cli("pipelines", "pull", name))
    assert code == load_pipelines(home / "good.py")[0].to_python()
    ok(cli("pipelines", "pull", str(pipeline_id), "--format", "yaml", "-o", "pulled.yaml"))
    assert (home / "pulled.yaml").read_text().startswith("pipewright: 1\n")
    again = json.loads(ok(cli("pipelines", "push", "pulled.yaml", "--json")))
    assert again[0]["id"] == pipeline_id and again[0]["revision"] == listed[0]["revision"]


def test_validate_names_the_problems_and_fails(cli, home):
    path, _ = write(home, "broken", GOOD.replace('data=split.outputs["first"], ', ""))
    done = cli("pipelines", "validate", path)
    assert done.returncode == 1
    assert "missing_input: train_model.data needs a connection" in done.stdout


def test_run_and_wait_then_inspect_the_run(cli, good):
    _, name, _ = good
    done = cli("pipelines", "run", name, "--param", "seed=2", "--wait")
    ran = ok(done)
    run_id = int(ran.split()[1])
    assert ran.strip() == f"run {run_id} completed"
    assert "/7] evaluate: completed" in done.stderr and f"/runs/{run_id}" in done.stderr
    shown = ok(cli("runs", "show", str(run_id)))
    assert "completed" in shown and "evaluate" in shown and "'seed': 2" in shown.replace('"', "'")
    assert "counted 133 rows" in ok(cli("runs", "logs", str(run_id), "rows")).splitlines()
    listed = json.loads(ok(cli("runs", "list", "--status", "completed", "--json")))
    assert run_id in [r["id"] for r in listed]
    watched = cli("runs", "watch", str(run_id), "--json")
    assert json.loads(ok(watched))["status"] == "completed"


def test_json_run_with_wait_prints_the_final_run(cli, good):
    _, name, _ = good
    run = json.loads(ok(cli("--json", "pipelines", "run", name, "--wait")))
    assert run["status"] == "completed" and {n["node"] for n in run["nodes"]} >= {"rows"}


def test_a_failed_run_exits_3_with_the_reason(cli, home):
    path, name = write(home, "failing", FAILING)
    ok(cli("pipelines", "push", path))
    last = refused(cli("pipelines", "run", name, "--wait"), code=3)
    assert "failed: node boom: ValueError: this step always fails" in last


def test_cancel_a_running_run(cli, home):
    path, name = write(home, "slow", SLOW)
    ok(cli("pipelines", "push", path))
    started = ok(cli("pipelines", "run", name)).split()
    run_id = started[1]
    assert ok(cli("runs", "cancel", run_id)).strip() == f"run {run_id} canceled"
    assert "already canceled" in refused(cli("runs", "cancel", run_id))


def test_publish_and_call_an_endpoint(cli, good):
    _, name, _ = good
    endpoint = f"cli-{uuid.uuid4().hex[:8]}"
    published = ok(cli("endpoints", "publish", name, "--endpoint", endpoint))
    assert published.strip() == f"published {endpoint} version 1 (default: 1)"
    assert endpoint in ok(cli("endpoints", "list"))
    called = ok(cli("endpoints", "call", endpoint, "--param", "seed=1", "--wait"))
    assert called.strip().endswith("completed")


def test_refusals_are_one_line_and_non_zero(cli):
    assert refused(cli("pipelines", "pull", "no such pipeline")) == (
        "pipewright: no pipeline named 'no such pipeline'"
    )
    assert "no run 999999" in refused(cli("runs", "show", "999999")).lower()
    assert "--param takes NAME=VALUE" in refused(cli("pipelines", "run", "x", "--param", "seed"))


def test_datasets_upload_and_download(cli, live, home):
    (home / "houses.csv").write_text("rooms,price\n3,100\n4,150\n")
    name = f"houses-{uuid.uuid4().hex[:6]}"
    uploaded = ok(cli("datasets", "upload", "houses.csv", "--name", name))
    assert uploaded.startswith(f"{name} version 1")
    ok(cli("datasets", "download", name, "-o", "houses.parquet"))
    assert (home / "houses.parquet").read_bytes()[:4] == b"PAR1"


def test_models_register_and_download(cli, live, good):
    _, name, _ = good
    run = json.loads(ok(cli("--json", "pipelines", "run", name, "--wait")))
    model = f"diabetes-{uuid.uuid4().hex[:6]}"
    shown = json.loads(ok(cli("--json", "runs", "show", str(run["id"]))))
    train = next(n["node"] for n in shown["nodes"] if n["component"].startswith("train_model@"))
    registered = ok(cli("models", "register", model, "--run", str(run["id"]), "--node", train))
    assert registered.strip() == f"{model} version 1"
    ok(cli("models", "download", model, "-o", "model.zip"))


def test_import_azure_ml_component(cli, live, home):
    (home / "azure.yaml").write_text(
        textwrap.dedent(
            """\
            $schema: https://azuremlschemas.azureedge.net/latest/commandComponent.schema.json
            type: command
            name: echo_file
            version: 1.0.0
            inputs:
              data: {type: uri_file}
            outputs:
              copy: {type: uri_file}
            command: cp ${{inputs.data}} ${{outputs.copy}}
            environment: azureml:AzureML-sklearn-1.5@latest
            """
        )
    )
    imported = json.loads(ok(cli("import", "azure.yaml", "--json")))
    assert imported["components"]
