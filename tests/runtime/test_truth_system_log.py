"""Every step's log has the executor's `system` lines, even when its code prints nothing: the
component, each input's and output's shape, the time taken and the peak memory."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from designer.runtime import io
from tests.runtime.runtime_helpers import (
    REPO_ROOT,
    logs,
    make_component,
    read_events,
    run_executor,
    write_task,
)

COMPONENTS = REPO_ROOT / "components"
FINISHED = re.compile(r"finished in \d+\.\d\d s, peak memory \d+\.\d (KB|MB|GB)")


def table(tmp_path: Path, rows: int = 100) -> Path:
    frame = pd.DataFrame({"row_id": range(rows), "x": [i * 0.5 for i in range(rows)]})
    return io.write_dataframe(frame, tmp_path / "input.parquet")


def run(tmp_path: Path, name: str, **task) -> list[dict]:
    work = tmp_path / name
    done = run_executor(write_task(work, **task), cwd=tmp_path)
    events = read_events(work)
    assert events[-1]["type"] in ("result", "error"), done.stderr
    return events


def test_a_builtin_that_prints_nothing_logs_its_shapes_time_and_memory(tmp_path: Path) -> None:
    events = run(
        tmp_path,
        "split",
        component_dir=COMPONENTS / "data_transformation" / "split_data",
        python="split_data.py:run",
        inputs={"data": {"type": "dataframe", "path": str(table(tmp_path))}},
        params={"fraction": 0.7, "seed": 0, "mode": "random", "stratify": None},
        outputs={"first": {"type": "dataframe"}, "second": {"type": "dataframe"}},
    )
    assert events[-1]["type"] == "result"
    assert logs(events, "stdout") == [] and logs(events, "stderr") == []
    start, inputs, outputs, finished = logs(events, "system")
    assert start == "start split_data@1.1.0"
    assert inputs == "inputs: data = 100 rows × 2 columns"
    assert outputs == "outputs: first = 70 rows × 2 columns, second = 30 rows × 2 columns"
    assert FINISHED.fullmatch(finished), finished
    # The system lines frame the step: the first events and the last before the result.
    assert events[0]["stream"] == "system" and events[-2]["line"] == finished


def test_models_and_unconnected_inputs_are_named(tmp_path: Path) -> None:
    learner = run(
        tmp_path,
        "learner",
        component_dir=COMPONENTS / "machine_learning" / "two_class_logistic_regression",
        python="two_class_logistic_regression.py:run",
        outputs={"model": {"type": "model"}},
    )
    untrained = "model StandardScaler → LogisticRegression"
    assert logs(learner, "system")[1] == f"outputs: model = {untrained}"
    frame = pd.DataFrame({"x": [0.0, 1.0, 2.0, 3.0] * 5, "y": [0, 0, 1, 1] * 5})
    data = io.write_dataframe(frame, tmp_path / "train.parquet")
    trained = run(
        tmp_path,
        "train",
        component_dir=COMPONENTS / "model_training" / "train_model",
        python="train_model.py:run",
        inputs={
            "learner": learner[-1]["outputs"]["model"],
            "data": {"type": "dataframe", "path": str(data)},
        },
        params={"label_column": "y"},
        outputs={"model": {"type": "model"}},
    )
    system = logs(trained, "system")
    assert system[0] == "start train_model@1.0.0"
    assert system[1] == f"inputs: learner = {untrained}, data = 20 rows × 2 columns"
    assert system[2] == (
        "outputs: model = model StandardScaler → LogisticRegression (classification of 'y')"
    )


def test_a_command_step_is_described_from_its_files(tmp_path: Path) -> None:
    component = make_component(
        tmp_path,
        "copier",
        {
            "component.yaml": "name: copier\nversion: 2.0.1\n",
            "copy_table.py": ("import shutil, sys\n\nshutil.copyfile(sys.argv[1], sys.argv[2])\n"),
        },
    )
    events = run(
        tmp_path,
        "copy",
        component_dir=component,
        command="python copy_table.py ${{inputs.data}} ${{outputs.data}}",
        inputs={"data": {"type": "dataframe", "path": str(table(tmp_path, 12))}, "opt": None},
        outputs={"data": {"type": "dataframe"}},
    )
    start, inputs, outputs, finished = logs(events, "system")
    assert start == "start copier@2.0.1"
    assert inputs == "inputs: data = 12 rows × 2 columns, opt = not connected"
    assert outputs == "outputs: data = 12 rows × 2 columns"
    assert FINISHED.fullmatch(finished)


def test_a_failing_step_says_when_it_failed(tmp_path: Path) -> None:
    component = make_component(tmp_path, "broken", {"broken.py": "def run():\n    1 / 0\n"})
    events = run(
        tmp_path,
        "broken",
        component_dir=component,
        python="broken.py:run",
        outputs={"x": {"type": "json"}},
    )
    assert events[-1]["type"] == "error"
    system = logs(events, "system")
    assert system[0] == "start broken"  # no component.yaml: the folder's name
    assert re.fullmatch(r"failed after \d+\.\d\d s, peak memory .+", system[-1])
