"""What a step's process imports on top of what its zygote preloaded: nothing, for a step that
reads and writes dataframes (and, from the default zygote, one that fits and scores models).
An import in the step's process is paid again by every step (pyarrow's dataset layer alone
cost about 10 ms a step)."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in a fresh interpreter: the zygote's imports, then a step's work; prints what the step
# imported. The step's code has the work folder in `folder`.
PROBE = """
import importlib, json, sys
from pathlib import Path

for name in json.loads(sys.argv[1]):
    importlib.import_module(name)
folder = Path(sys.argv[2])
before = set(sys.modules)
{step}
print(json.dumps(sorted(set(sys.modules) - before)))
"""

DATAFRAME_STEP = """
import pandas as pd
from designer.runtime import io

path = io.write_value("dataframe", pd.DataFrame({"n": [1], "s": ["a"]}), folder, "out")
frame = io.read_value("dataframe", str(path))
pd.read_parquet(path)  # what a component's own code does with a Parquet file
"""

MODEL_STEP = """
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.linear_model import LinearRegression

data = load_diabetes(as_frame=True)
frame, target = data.data, data.target
LinearRegression().fit(frame, target).predict(frame)
RandomForestRegressor(n_estimators=2).fit(frame, target).predict(frame)
"""


def imported_by(step: str, preload: list[str], folder: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(step=step), json.dumps(preload), str(folder)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_default_zygote_preloads_everything_a_dataframe_step_imports(tmp_path):
    from designer.execution.launcher import PRELOAD

    assert imported_by(DATAFRAME_STEP, list(PRELOAD), tmp_path) == []


def test_the_dataframe_zygote_preloads_everything_a_dataframe_step_imports(tmp_path):
    """The zygote of steps whose code needs no more than pandas (`launcher.preload_for`)."""
    from designer.execution.launcher import DATAFRAMES, preloaded

    assert imported_by(DATAFRAME_STEP, preloaded(DATAFRAMES), tmp_path) == []


def test_the_lightest_zygote_holds_no_dataframe_library_and_a_json_step_needs_none(tmp_path):
    """A step of a component that imports only the standard library: its ports are read and
    written without pandas, pyarrow or numpy, which its zygote never imported."""
    from designer.execution.launcher import PYTHON, preloaded

    step = (
        "from designer.runtime import io\n"
        "path = io.write_value('json', {'n': 1}, folder, 'out')\n"
        "io.read_value('json', str(path))\n"
        "held = [m for m in ('numpy', 'pandas', 'pyarrow') if m in sys.modules]\n"
        "assert not held, held\n"
    )
    assert imported_by(step, preloaded(PYTHON), tmp_path) == []


def test_the_default_zygote_has_used_what_a_model_step_imports_on_first_use(tmp_path):
    """A bundled dataset read, models fitted and scored on a DataFrame: scikit-learn imports
    parts of itself and of narwhals only then (`fork_ready.use_once` has done it)."""
    from designer.execution.launcher import PRELOAD

    assert imported_by(MODEL_STEP, list(PRELOAD), tmp_path) == []


def test_an_environment_zygote_preloads_everything_a_dataframe_step_imports(tmp_path):
    """With the server's own pandas and pyarrow, as a component environment has them unless its
    component pins others (hence optional there)."""
    from designer.runtime.zygote import OPTIONAL_PRELOAD, PRELOAD

    assert imported_by(DATAFRAME_STEP, [*PRELOAD, *OPTIONAL_PRELOAD], tmp_path) == []
