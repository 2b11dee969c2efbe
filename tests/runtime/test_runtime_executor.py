"""The executor child run for real: ``python -m designer.runtime.executor task.json``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from designer.runtime import io
from tests.runtime.runtime_helpers import (
    REPO_ROOT,
    logs,
    make_component,
    read_events,
    run_executor,
    write_task,
)

SPLIT_DATA = REPO_ROOT / "components" / "data_transformation" / "split_data"
TWO_FRAMES = {"first": {"type": "dataframe"}, "second": {"type": "dataframe"}}


CHATTY = """
import os
import subprocess
import sys

from helper import GREETING
from designer.runtime import log_metric, report_progress

def run(count):
    print(GREETING)
    print("to stderr", file=sys.stderr)
    log_metric("loss", 0.25, step=1)
    report_progress(1, 2)
    os.write(1, b"straight to fd 1\\n")
    os.write(2, b"straight to fd 2, caf\\xc3")
    os.write(2, b"\\xa9\\n")
    subprocess.run([sys.executable, "-c", "print('from a grandchild')"], check=True)
    to_stderr = "import sys; print('grandchild err', file=sys.stderr)"
    subprocess.run([sys.executable, "-c", to_stderr], check=True)
    print("no newline at the end", end="")
    return {"value": count * 2}
"""


@pytest.fixture
def table(tmp_path: Path) -> Path:
    frame = pd.DataFrame({"row_id": range(100), "x": [i * 0.5 for i in range(100)]})
    frame.attrs["source"] = "runtime test"
    return io.write_dataframe(frame, tmp_path / "input.parquet")


def test_split_data_in_a_child_process(tmp_path: Path, table: Path) -> None:
    work = tmp_path / "work"
    task = write_task(
        work,
        component_dir=SPLIT_DATA,
        python="split_data.py:run",
        inputs={"data": {"type": "dataframe", "path": str(table)}},
        params={"fraction": 0.7, "seed": 0, "mode": "random", "stratify": None},
        outputs=TWO_FRAMES,
    )
    done = run_executor(task, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "" and done.stderr == ""
    events = read_events(work)
    result = events[-1]
    assert result["type"] == "result"
    assert result["outputs"]["first"] == {
        "type": "dataframe",
        "path": str(work / "outputs" / "first.parquet"),
    }
    first = io.read_dataframe(work / "outputs" / "first.parquet")
    second = io.read_dataframe(work / "outputs" / "second.parquet")
    assert (len(first), len(second)) == (70, 30)
    assert sorted([*first["row_id"], *second["row_id"]]) == list(range(100))
    assert first.attrs == {"source": "runtime test"}


def test_prints_metrics_progress_and_helper_imports(tmp_path: Path) -> None:
    component = make_component(
        tmp_path,
        "chatty",
        {
            "helper.py": "GREETING = 'hello from a helper'\n",
            "chatty.py": CHATTY,
        },
    )
    work = tmp_path / "work"
    task = write_task(
        work,
        component_dir=component,
        python="chatty.py:run",
        params={"count": 21},
        outputs={"answer": {"type": "json"}},
    )
    assert run_executor(task, cwd=tmp_path).returncode == 0
    events = read_events(work)
    stdout = logs(events, "stdout")
    assert stdout[0] == "hello from a helper"
    assert {"straight to fd 1", "from a grandchild", "no newline at the end"} <= set(stdout)
    # Both descriptors are read, and a character split across two writes arrives whole.
    assert sorted(logs(events, "stderr")) == [
        "grandchild err",
        "straight to fd 2, café",
        "to stderr",
    ]
    assert {"type": "metric", "name": "loss", "value": 0.25, "step": 1} in events
    assert {"type": "progress", "current": 1, "total": 2} in events
    # The print came before the metric in the code, and so in the file.
    kinds = [e["type"] for e in events]
    assert kinds.index("log") < kinds.index("metric") < kinds.index("progress")
    assert events[-1]["type"] == "result"
    assert io.read_value("json", events[-1]["outputs"]["answer"]["path"]) == {"value": 42}


def test_an_exception_becomes_an_error_event_and_exit_code_1(tmp_path: Path) -> None:
    component = make_component(
        tmp_path,
        "broken",
        {
            "broken.py": """
                def run():
                    print("about to fail")
                    raise ValueError("the data is upside down")
            """
        },
    )
    work = tmp_path / "work"
    task = write_task(
        work, component_dir=component, python="broken.py:run", outputs={"x": {"type": "json"}}
    )
    assert run_executor(task, cwd=tmp_path).returncode == 1
    events = read_events(work)
    assert logs(events, "stdout") == ["about to fail"]
    error = events[-1]
    assert error["type"] == "error"
    assert error["message"] == "ValueError: the data is upside down"
    assert (
        "broken.py" in error["traceback"]
        and 'raise ValueError("the data is upside down")' in error["traceback"]
    )
    assert not any(e["type"] == "result" for e in events)


@pytest.mark.parametrize(
    ("returned", "message"),
    [
        ("{'first': frame}", "OutputError: did not return output(s) 'second'"),
        (
            "{'first': frame, 'second': frame, 'third': frame}",
            "OutputError: returned unknown output(s) 'third'",
        ),
        (
            "frame",
            "OutputError: the component has outputs 'first', 'second' and must return a dict",
        ),
    ],
)
def test_missing_or_unexpected_outputs_are_errors(
    tmp_path: Path, returned: str, message: str
) -> None:
    component = make_component(
        tmp_path,
        "halfway",
        {
            "halfway.py": f"""
                import pandas as pd

                def run():
                    frame = pd.DataFrame({{"a": [1]}})
                    return {returned}
            """
        },
    )
    work = tmp_path / "work"
    task = write_task(work, component_dir=component, python="halfway.py:run", outputs=TWO_FRAMES)
    assert run_executor(task, cwd=tmp_path).returncode == 1
    assert read_events(work)[-1]["message"].startswith(message)


def test_command_component_copies_a_parquet(tmp_path: Path, table: Path) -> None:
    component = make_component(
        tmp_path,
        "copier",
        {
            "copy_table.py": """
                import shutil
                import sys

                shutil.copyfile(sys.argv[1], sys.argv[2])
                print("copied", sys.argv[3])
                print("a warning", file=sys.stderr)
            """
        },
    )
    work = tmp_path / "work"
    task = write_task(
        work,
        component_dir=component,
        command="python copy_table.py ${{inputs.data}} ${{outputs.data}} ${{params.note}}",
        inputs={"data": {"type": "dataframe", "path": str(table)}},
        params={"note": "two words; $(not a shell)"},
        outputs={"data": {"type": "dataframe"}},
    )
    assert run_executor(task, cwd=tmp_path).returncode == 0
    events = read_events(work)
    assert logs(events, "stdout") == ["copied two words; $(not a shell)"]
    assert logs(events, "stderr") == ["a warning"]
    path = events[-1]["outputs"]["data"]["path"]
    assert path == str(work / "outputs" / "data.parquet")
    assert len(io.read_dataframe(Path(path))) == 100


def test_failing_command_reports_its_stderr(tmp_path: Path) -> None:
    component = make_component(
        tmp_path,
        "failing",
        {
            "fail.py": """
                import sys

                print("step 1", file=sys.stderr)
                print("disk full", file=sys.stderr)
                sys.exit(3)
            """
        },
    )
    work = tmp_path / "work"
    task = write_task(
        work, component_dir=component, command="python fail.py", outputs={"x": {"type": "json"}}
    )
    assert run_executor(task, cwd=tmp_path).returncode == 1
    error = read_events(work)[-1]
    assert error["type"] == "error"
    assert error["message"] == "CommandError: command exited with code 3: disk full"
    assert error["traceback"] == "step 1\ndisk full"


def test_command_that_skips_an_output_fails(tmp_path: Path) -> None:
    component = make_component(tmp_path, "lazy", {"lazy.py": "print('did nothing')\n"})
    work = tmp_path / "work"
    task = write_task(
        work,
        component_dir=component,
        command="python lazy.py",
        outputs={"report": {"type": "json"}},
    )
    assert run_executor(task, cwd=tmp_path).returncode == 1
    assert "did not write output 'report'" in read_events(work)[-1]["message"]


def test_unreadable_task_reports_next_to_the_task_file(tmp_path: Path) -> None:
    task = tmp_path / "task.json"
    task.write_text("{not json", encoding="utf-8")
    assert run_executor(task, cwd=tmp_path).returncode == 1
    error = read_events(tmp_path)[-1]
    assert error["type"] == "error" and error["message"].startswith("JSONDecodeError")
