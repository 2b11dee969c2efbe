"""Execute Python Script running real scripts on real data."""

import traceback
from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent

SUMMARISE = """
import pandas as pd


def main(data1, data2):
    print(f"summarising {len(data1)} rows")
    data1 = data1.assign(bmi_band=pd.cut(data1["bmi"], 3, labels=["low", "mid", "high"]))
    summary = data1.groupby("bmi_band", observed=True)["target"].mean().reset_index()
    return data1, summary
"""


def test_transforms_data_and_returns_two_results() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    outputs, events = run_component(HERE, inputs={"data1": diabetes}, params={"script": SUMMARISE})
    result1, result2 = outputs["result1"], outputs["result2"]
    assert list(result1.columns) == [*diabetes.columns, "bmi_band"]
    assert list(result2["bmi_band"]) == ["low", "mid", "high"]
    assert result2["target"].is_monotonic_increasing, "progression rises with body mass index"
    logs = [e["line"] for e in events if e["type"] == "log"]
    assert "summarising 442 rows" in logs


def test_the_default_script_passes_data1_through() -> None:
    iris = load_iris(as_frame=True).frame
    outputs, _ = run_component(HERE, inputs={"data1": iris})
    pd.testing.assert_frame_equal(outputs["result1"], iris)
    assert outputs["result2"].empty


def test_joins_both_inputs() -> None:
    iris = load_iris(as_frame=True)
    names = pd.DataFrame({"target": [0, 1, 2], "species": list(iris.target_names)})
    script = "def main(data1, data2):\n    return data1.merge(data2, on='target')\n"
    outputs, _ = run_component(
        HERE, inputs={"data1": iris.frame, "data2": names}, params={"script": script}
    )
    assert outputs["result1"]["species"].value_counts().to_dict() == {
        "setosa": 50,
        "versicolor": 50,
        "virginica": 50,
    }
    assert outputs["result2"].empty


def _script_error(script: str, data1: pd.DataFrame | None = None) -> str:
    """The message of the ScriptError that running ``script`` raises, with its traceback."""
    with pytest.raises(Exception) as caught:
        run_component(HERE, inputs={"data1": data1}, params={"script": script})
    assert caught.typename == "ScriptError"
    return "".join(traceback.format_exception(caught.value))


def test_a_syntax_error_names_its_line() -> None:
    script = "def main(data1, data2):\n    total = (1 +\n    return data1\n"
    assert "ScriptError: syntax error at line 2 of the script" in _script_error(script)


def test_a_failure_in_main_names_the_script_line_and_shows_it() -> None:
    script = "def main(data1, data2):\n    x = 1\n    return data1['price'], None\n"
    report = _script_error(script, load_diabetes(as_frame=True).frame)
    assert "main() failed at line 3 of the script: KeyError: 'price'" in report
    assert 'File "<script>", line 3, in main' in report
    assert "return data1['price'], None" in report, "the traceback quotes the script's line"


def test_a_script_without_main_is_refused() -> None:
    assert "must define a function main" in _script_error("def transform(data):\n    return 1\n")


def test_returning_something_else_is_refused() -> None:
    script = "def main(data1, data2):\n    return data1['target']\n"
    assert "result1 is a Series" in _script_error(script, load_iris(as_frame=True).frame)
