"""A real scoring process (`python -m designer.runtime.scoring`) started and spoken to as the
server does, with plans built by hand from a fitted model and the built-in components."""

import asyncio
import os
import pickle
import signal
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest

from designer.inference.serving.errors import RowsRefused, ScorerUnavailable
from designer.inference.serving.worker import ScoringProcess, Worker
from tests.models.factories import fitted_model

ROOT = Path(__file__).resolve().parents[2]
COMPONENTS = ROOT / "components"
SETTINGS = SimpleNamespace(
    max_batch_rows=1000, pythonpath=str(ROOT), start_timeout=120.0, timeout=30.0
)

PROBE = """\
import os
from pathlib import Path


def run(data):
    print("a component may print; the answers must not mind")
    environ = Path("/proc/self/environ").read_bytes().decode(errors="replace")
    seen = [name for name in ("DESIGNER_SECRET_KEY", "SCORING_TEST_API_TOKEN")
            if name in os.environ or name + "=" in environ]
    return data.assign(scored_label=[",".join(seen) or "none"] * len(data))
"""
PROBE_SPEC = """\
name: env_probe
version: 1.0.0
description: Says which secrets it can see.
inputs:
  data: {type: dataframe, description: Rows}
outputs:
  data: {type: dataframe, description: Rows}
python: probe.py:run
"""


def code_node(node_id: str, folder: Path, entry: str, inputs: dict, outputs: dict, params=None):
    return {
        "id": node_id,
        "component_dir": str(folder),
        "python": entry,
        "params": params or {},
        "inputs": inputs,
        "outputs": {name: {"type": kind, "optional": False} for name, kind in outputs.items()},
    }


def model_plan(model_path: Path, columns: list[str]) -> dict:
    """Web Service Input → Score Model (with the stored model) → Web Service Output."""
    schema = [{"name": c, "dtype": "double"} for c in columns]
    return {
        "nodes": [
            {"id": "model", "values": {"model": {"type": "model", "path": str(model_path)}}},
            code_node(
                "input",
                COMPONENTS / "web_service" / "web_service_input",
                "web_service_input.py:run",
                {"data": "dataframe"},
                {"data": "dataframe"},
                {"columns": schema},
            ),
            code_node(
                "score",
                COMPONENTS / "model_scoring_evaluation" / "score_model",
                "score_model.py:run",
                {"model": "model", "data": "dataframe"},
                {"scored": "dataframe"},
            ),
            code_node(
                "output",
                COMPONENTS / "web_service" / "web_service_output",
                "web_service_output.py:run",
                {"data": "dataframe"},
                {"data": "dataframe"},
            ),
        ],
        "edges": [
            {"source": "model", "source_port": "model", "target": "score", "target_port": "model"},
            {"source": "input", "source_port": "data", "target": "score", "target_port": "data"},
            {"source": "score", "source_port": "scored", "target": "output", "target_port": "data"},
        ],
        "input": {"node": "input", "port": "data"},
        "answer": {"node": "output", "port": "data"},
    }


@pytest.fixture
def trained(tmp_path):
    model, frame = fitted_model(features=10, rows=60)
    path = tmp_path / "model.pkl"
    path.write_bytes(pickle.dumps(model))
    return model, frame, path


def run(coroutine):
    return asyncio.run(coroutine)


def test_predictions_equal_the_models_own_and_bad_rows_name_the_node(tmp_path, trained):
    model, frame, path = trained

    async def scenario():
        process = ScoringProcess(model_plan(path, model.feature_columns), tmp_path / "w", str(ROOT))
        await process.start(120)
        try:
            rows = frame[model.feature_columns].head(25)
            answer = await process.score({c: rows[c].tolist() for c in rows.columns}, 30)
            broken = {c: rows[c].tolist() for c in rows.columns} | {"x3": [None] * 25}
            with pytest.raises(RowsRefused) as refused:
                await process.score(broken, 30)
            again = await process.score({c: rows[c].tolist()[:1] for c in rows.columns}, 30)
            return rows, answer, refused.value, again
        finally:
            await process.stop()

    rows, answer, refused, again = run(scenario())
    # Equal to 12 digits: the rows reach the scorer as JSON columns, and a frame built anew can
    # take another path through the BLAS kernels, which on some CPUs rounds a last bit apart.
    assert answer == {
        "predictions": pytest.approx(model.estimator.predict(rows).tolist(), rel=1e-12)
    }
    assert refused.extra == {"node": "score", "error": "ValueError"}
    assert "NaN" in refused.message
    # The process goes on. (A matrix product over 1 row may round the last bit otherwise than
    # over 25: BLAS picks its kernel by shape, so a batch's size can show in the 16th digit.)
    assert again["predictions"] == pytest.approx(answer["predictions"][:1], rel=1e-12)


def test_user_code_in_a_scoring_process_sees_no_server_secret(tmp_path, monkeypatch):
    monkeypatch.setenv("DESIGNER_SECRET_KEY", "server-secret-for-this-test")
    monkeypatch.setenv("SCORING_TEST_API_TOKEN", "another-secret")
    probe = tmp_path / "probe"
    probe.mkdir()
    (probe / "component.yaml").write_text(PROBE_SPEC)
    (probe / "probe.py").write_text(PROBE)
    plan = {
        "nodes": [
            code_node("probe", probe, "probe.py:run", {"data": "dataframe"}, {"data": "dataframe"})
        ],
        "edges": [],
        "input": {"node": "probe", "port": "data"},
        "answer": {"node": "probe", "port": "data"},
    }

    async def scenario():
        process = ScoringProcess(plan, tmp_path / "w", str(ROOT))
        await process.start(120)
        try:
            answer = await process.score({"a": [1, 2]}, 30)
            environ = Path(f"/proc/{process.pid}/environ").read_bytes()
            return answer, environ
        finally:
            await process.stop()

    answer, environ = run(scenario())
    assert answer["predictions"] == ["none", "none"]
    assert b"DESIGNER_SECRET_KEY" not in environ and b"server-secret" not in environ
    assert b"SCORING_TEST_API_TOKEN" not in environ
    log = tmp_path / "w"
    assert not log.exists()  # an orderly stop leaves nothing behind


def test_a_model_that_does_not_load_refuses_to_start_saying_why(tmp_path):
    broken = tmp_path / "broken.pkl"
    broken.write_bytes(b"not a pickle")

    async def scenario():
        process = ScoringProcess(model_plan(broken, ["x0"]), tmp_path / "w", str(ROOT))
        with pytest.raises(ScorerUnavailable) as refused:
            await process.start(120)
        return process, refused.value

    process, refused = run(scenario())
    assert refused.code == "deployment_failed"
    assert "UnpicklingError" in refused.message
    assert not process.alive


def test_a_worker_restarts_a_process_that_died(tmp_path, trained):
    model, frame, path = trained
    plan = model_plan(path, model.feature_columns)
    row = {c: [float(frame[c].iloc[0])] for c in model.feature_columns}
    expected = model.estimator.predict(frame[model.feature_columns].head(1)).tolist()

    async def scenario():
        async def plan_for():
            return plan

        worker = Worker("k", plan_for, tmp_path / "w", SETTINGS)
        try:
            first = await worker.submit(row, 1)
            # Its whole process group: behind a wall, the scorer is a child of the process
            # the worker knows, and would answer once more before it follows that one.
            os.killpg(worker.pid, signal.SIGKILL)
            with pytest.raises(ScorerUnavailable) as stopped:
                await worker.submit(row, 1)
            after = await worker.submit(row, 1)
            return first, stopped.value, after
        finally:
            await worker.retire()

    first, stopped, after = run(scenario())
    assert first["predictions"] == after["predictions"]
    assert first["predictions"] == pytest.approx(expected, rel=1e-12)  # see above
    assert "restarts on the next request" in stopped.message
    assert np.isfinite(first["predictions"][0])
