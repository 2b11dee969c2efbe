"""A component that declares requirements runs in an environment built for them from PyPI.

Real builds with uv into a folder of each test's own (so every test proves its builds), with
the checkout's download cache (var/uv-cache) so a package is downloaded once per checkout. The
package is toolz, small, pure Python and not installed in the default environment. A worker
runs each node for real: claim, prepare the environment, fork from its zygote, record.
"""

import importlib.util
import json
import threading
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command

from designer.accounts.acting import SYSTEM
from designer.artifacts.models import Artifact
from designer.artifacts.services import materialize
from designer.compute.models import ComputeTarget
from designer.execution import environments, lifecycle
from designer.execution import step as execution
from designer.kernel.spec_environment import EnvironmentSpec
from designer.registry.models import Component
from designer.registry.services import register_folder
from designer.runs import orchestrator
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun, RunEvent
from designer.runtime.virtualenv_build import WAITING_LABEL, EnvironmentStore
from designer.runtime.virtualenv_recipe import recipe_for
from tests.pipelines.factories import node, pipeline

pytestmark = pytest.mark.django_db

USES_TOOLZ = """
import sys

import toolz


def run():
    return {"toolz": toolz.__version__, "prefix": sys.prefix}
"""


@pytest.fixture(autouse=True)
def folders(settings, tmp_path):
    settings.DESIGNER_ARTIFACTS = str(tmp_path / "store")
    settings.DESIGNER_WORK_DIR = str(tmp_path / "work")
    settings.DESIGNER_USER_COMPONENTS_DIR = str(tmp_path / "components")
    settings.DESIGNER_ENVIRONMENTS = str(tmp_path / "environments")
    # Each test's zygotes go soon after it, instead of piling up for the session.
    settings.DESIGNER_ENV_ZYGOTE_IDLE = 5


def user_component(
    tmp_path: Path,
    name: str,
    requirements: list[str] | None,
    code: str = USES_TOOLZ,
    version: str = "1.0.0",
    **spec: object,
) -> Component:
    folder = tmp_path / "src" / f"{name}-{version}"
    folder.mkdir(parents=True)
    body = {
        "name": name,
        "version": version,
        "outputs": {"result": {"type": "json"}},
        "python": "step.py:run",
        **spec,
    }
    if requirements is not None:
        body["environment"] = {"requirements": requirements}
    (folder / "component.yaml").write_text(yaml.safe_dump(body))
    (folder / "step.py").write_text(code)
    return register_folder(SYSTEM, folder)[0]


def submit(component: Component, compute: str | None = None, force_rerun=True) -> NodeRun:
    extra = {"compute": compute} if compute else {}
    graph = {"nodes": [node("step", component.ref, **extra)], "edges": []}
    run = orchestrator.submit_run(SYSTEM, pipeline(graph).pk, force_rerun=force_rerun)
    return NodeRun.objects.get(run=run, node_id="step")


def run_node(component: Component, compute: str | None = None) -> NodeRun:
    node_run = submit(component, compute)
    assert lifecycle.claim_node_run(node_run.pk, "test") is not None
    execution.execute(NodeRun.objects.get(pk=node_run.pk))
    return NodeRun.objects.get(pk=node_run.pk)


def result_of(node_run: NodeRun) -> dict:
    assert node_run.status == NodeStatus.COMPLETED, node_run.error
    artifact = Artifact.objects.get(pk=node_run.outputs["result"])
    return json.loads(Path(materialize(artifact)).read_text())


def node_events(node_run: NodeRun, kind: str) -> list[dict]:
    rows = RunEvent.objects.filter(run_id=node_run.run_id, type=kind, node_id=node_run.node_id)
    return [row.payload for row in rows.order_by("seq")]


def system_lines(node_run: NodeRun) -> list[str]:
    return [e["line"] for e in node_events(node_run, "log") if e["stream"] == "system"]


def built_environments(settings) -> list[Path]:
    root = Path(settings.DESIGNER_ENVIRONMENTS)
    return sorted(p for p in root.iterdir() if (p / "environment.json").is_file())


def test_a_component_imports_a_package_the_default_environment_cannot(settings, tmp_path):
    assert importlib.util.find_spec("toolz") is None, "the default environment must lack toolz"
    with_toolz = run_node(user_component(tmp_path, "with_toolz", ["toolz"]))
    found = result_of(with_toolz)
    assert found["toolz"]
    [built] = built_environments(settings)
    assert Path(found["prefix"]) == built / "venv"

    without = run_node(user_component(tmp_path, "without_toolz", None))
    assert without.status == NodeStatus.FAILED
    assert "No module named 'toolz'" in without.error


def test_the_build_is_shown_on_the_node(settings, tmp_path):
    node_run = run_node(user_component(tmp_path, "shown", ["toolz"]))
    result_of(node_run)
    building = [e for e in node_events(node_run, "progress") if e.get("label")]
    assert {e["label"] for e in building} == {"preparing environment"}
    percents = [e["current"] for e in building]
    assert percents == sorted(percents) and percents[-1] == 100 and len(percents) >= 3
    lines = system_lines(node_run)
    assert any(line.endswith("is not built yet") for line in lines)
    assert any(line.startswith("environment: Installed") for line in lines)
    [built] = built_environments(settings)
    assert any(f"in environment {built.name} (python" in line for line in lines)


def test_a_second_component_with_the_same_requirements_reuses_the_environment(settings, tmp_path):
    first = run_node(user_component(tmp_path, "first_user", ["toolz"]))
    [built] = built_environments(settings)
    record = (built / "environment.json").read_text()

    # This environment's zygotes only: an earlier test's may be let go meanwhile.
    def zygotes() -> dict:
        return {k: pid for k, pid in environments.zygotes.running().items() if k[0] == str(built)}

    zygotes_after_first = zygotes()
    assert zygotes_after_first

    second = run_node(user_component(tmp_path, "second_user", [" toolz "]))
    assert result_of(second)["prefix"] == result_of(first)["prefix"]
    assert built_environments(settings) == [built]
    assert (built / "environment.json").read_text() == record, "built again"
    assert not any(e.get("label") for e in node_events(second, "progress"))
    assert not any("not built yet" in line for line in system_lines(second))
    # The same zygote forked both steps.
    assert zygotes() == zygotes_after_first


def test_changing_the_requirements_changes_the_cache_key(tmp_path):
    same_a = submit(user_component(tmp_path, "keyed_a", ["toolz"]), force_rerun=False)
    assert lifecycle.claim_node_run(same_a.pk, "test") is not None
    lifecycle.finish_node_run(same_a.pk, NodeStatus.FAILED, error="stopped by the test")
    same_b = submit(user_component(tmp_path, "keyed_b", ["Toolz"]))
    changed = user_component(tmp_path, "keyed_a", ["toolz", "more-itertools"], version="1.1.0")
    more = submit(changed, force_rerun=False)
    default = submit(user_component(tmp_path, "keyed_c", None))

    base, _, own = same_a.cache_parts["environment"].partition("+")
    assert same_b.cache_parts["environment"] == same_a.cache_parts["environment"]
    assert more.cache_parts["environment"] != same_a.cache_parts["environment"]
    assert more.cache_parts["environment"].startswith(f"{base}+")
    assert default.cache_parts["environment"] == base and own
    assert "the component's environment" in more.reuse_info["message"]


def test_an_uninstallable_requirement_fails_the_node_with_the_installers_message(tmp_path):
    broken = user_component(tmp_path, "broken", ["pipewright-no-such-package-0xdead==1.0"])
    node_run = run_node(broken)
    assert node_run.status == NodeStatus.FAILED
    assert node_run.error.startswith("Could not prepare the environment: uv pip install failed")
    assert "pipewright-no-such-package-0xdead" in node_run.error
    # uv wraps its explanation to a width, so a phrase may span lines.
    assert "not found in the package registry" in " ".join(node_run.error.split())
    assert node_run.traceback  # the installer's whole output


def test_an_offline_target_refuses_an_unbuilt_environment_and_runs_a_prebuilt_one(tmp_path):
    ComputeTarget.objects.create(name="offline", network_installs=False)
    component = user_component(tmp_path, "offline_user", ["toolz"])
    refused = run_node(component, compute="offline")
    assert refused.status == NodeStatus.FAILED
    assert "Compute target 'offline' does not build environments" in refused.error
    assert f"manage.py build_environments {component.ref}" in refused.error

    call_command("build_environments", component.ref)
    assert result_of(run_node(component, compute="offline"))["toolz"]


def test_two_builds_of_one_environment_build_it_once(tmp_path):
    recipe = recipe_for(EnvironmentSpec(requirements=("toolz",)), tmp_path)
    store = EnvironmentStore(tmp_path / "shared", environments.environment_store().uv_cache)
    watchers = [Watcher(), Watcher()]
    threads = [threading.Thread(target=store.build, args=(recipe, w)) for w in watchers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(300)
    assert store.find(recipe) is not None
    # One thread built (and heard the installer); the other waited, then found it ready.
    assert sorted(bool(w.lines) for w in watchers) == [False, True]
    assert any(WAITING_LABEL in w.labels for w in watchers)


def test_a_step_past_its_timeout_is_killed_in_its_environment(tmp_path):
    sleeper = "import time\n\n\ndef run():\n    time.sleep(120)\n    return {}\n"
    component = user_component(tmp_path, "sleeper", ["toolz"], code=sleeper, timeout=2)
    node_run = run_node(component)
    assert node_run.status == NodeStatus.FAILED
    assert node_run.error == "Timed out after 2 seconds; the step was killed."


def test_an_idle_zygote_is_let_go(settings, tmp_path):
    settings.DESIGNER_ENV_ZYGOTE_IDLE = 0.5
    result_of(run_node(user_component(tmp_path, "brief", ["toolz"])))
    [built] = built_environments(settings)
    keys = [key for key in environments.zygotes.running() if key[0] == str(built)]
    assert keys, "the step's zygote is running"
    wait_for(lambda: all(key not in environments.zygotes.running() for key in keys))


def test_neither_the_zygote_nor_the_step_sees_the_servers_secrets(settings, tmp_path, monkeypatch):
    monkeypatch.setenv("DESIGNER_SECRET_KEY", "not-for-steps")
    monkeypatch.setenv("UPLOAD_TOKEN", "not-for-steps-either")
    settings.DESIGNER_ENV_ZYGOTE_IDLE = 60
    reader = "import os\n\n\ndef run():\n    return {'names': sorted(os.environ)}\n"
    names = result_of(run_node(user_component(tmp_path, "env_reader", ["toolz"], code=reader)))
    assert "DESIGNER_SECRET_KEY" not in names["names"] and "UPLOAD_TOKEN" not in names["names"]
    [built] = built_environments(settings)
    [pid] = [pid for key, pid in environments.zygotes.running().items() if key[0] == str(built)]
    zygote_environ = Path(f"/proc/{pid}/environ").read_bytes()
    assert b"not-for-steps" not in zygote_environ
    assert f"VIRTUAL_ENV={built / 'venv'}".encode() in zygote_environ


class Watcher:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.labels: set[str] = set()

    def line(self, text: str) -> None:
        self.lines.append(text)

    def progress(self, percent: int, label: str) -> None:
        self.labels.add(label)

    def keep_going(self) -> bool:
        return True


def wait_for(condition, seconds: float = 30.0) -> None:
    done = threading.Event()
    for _ in range(int(seconds * 10)):
        if condition():
            return
        done.wait(0.1)
    raise AssertionError("the condition did not come true in time")
