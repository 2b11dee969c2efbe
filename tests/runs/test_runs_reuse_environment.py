"""Step reuse never outlives the code around a step: the runtime that reads inputs, calls
the component and writes outputs is part of every cache key."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

import designer.runtime
from designer.accounts.acting import SYSTEM
from designer.artifacts.services import ingest
from designer.execution import lifecycle
from designer.pipelines.models import Pipeline
from designer.runs import orchestrator, reuse
from designer.runs.choices import NodeStatus
from designer.runs.models import NodeRun
from designer.runtime.io import write_dataframe

pytestmark = pytest.mark.django_db

RUNTIME = Path(designer.runtime.__file__).parent


def one_node_pipeline() -> Pipeline:
    node = {"id": "load", "component": "sample_dataset@1.0.0", "params": {}}
    return Pipeline.objects.create(name="reuse", graph={"nodes": [node], "edges": []})


def complete(run, tmp_path) -> None:
    node_run = NodeRun.objects.get(run=run, node_id="load")
    frame = pd.DataFrame({"x": [1, 2, 3]})
    artifact = ingest(write_dataframe(frame, tmp_path / f"out-{run.pk}.parquet"), "dataframe")
    assert lifecycle.claim_node_run(node_run.pk, "test") is not None
    lifecycle.finish_node_run(node_run.pk, NodeStatus.COMPLETED, outputs={"data": artifact.pk})


def load_of(run) -> NodeRun:
    return NodeRun.objects.get(run=run, node_id="load")


def test_the_runtime_package_is_part_of_the_environment(settings):
    assert RUNTIME in [Path(p) for p in settings.DESIGNER_RUNTIME_SOURCES]


def test_changing_runtime_code_invalidates_reuse(builtins, settings, tmp_path):
    copy = tmp_path / "src" / "runtime"
    shutil.copytree(RUNTIME, copy, ignore=shutil.ignore_patterns("__pycache__"))
    settings.DESIGNER_RUNTIME_SOURCES = [copy]
    pipeline = one_node_pipeline()

    first = orchestrator.submit_run(SYSTEM, pipeline.pk)
    complete(first, tmp_path)
    # The same code (a byte-identical copy) reuses the result.
    same = orchestrator.submit_run(SYSTEM, pipeline.pk)
    assert load_of(same).status == NodeStatus.REUSED

    io_module = copy / "io.py"
    io_module.write_text(io_module.read_text() + "\n# a change to how outputs are written\n")
    reuse._environment.cache_clear()  # what a restart does: new code is loaded
    changed = orchestrator.submit_run(SYSTEM, pipeline.pk)
    node_run = load_of(changed)
    assert node_run.status == NodeStatus.QUEUED
    assert [c["part"] for c in node_run.reuse_info["changes"]] == ["environment"]
    assert "environment" in node_run.reuse_info["message"]
