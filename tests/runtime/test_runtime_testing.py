"""run_component and the output rules it shares with the executor."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from designer.runtime.component_code import OutputError, collect_outputs, split_entry_point
from designer.runtime.testing import ComponentFailed, run_component
from tests.runtime.runtime_helpers import make_component

SPEC = """
name: {name}
version: 1.0.0
display_name: Test
category: Tests
description: A throwaway component.
inputs:
  data: {{type: dataframe}}
  extra: {{type: json, optional: true}}
outputs:
  data: {{type: dataframe}}
parameters:
  factor: {{type: number, default: 2}}
  label: {{type: string}}
python: {entry}
"""

DOUBLER = """
from helpers import describe

def run(data, extra, factor, label):
    print(describe(label))
    out = data.assign(value=data["value"] * factor)
    out.attrs["seen_attrs"] = dict(data.attrs)
    return out
"""


def _doubler(root: Path, name: str = "doubler", helper_text: str = "HI") -> Path:
    return make_component(
        root,
        name,
        {
            "component.yaml": SPEC.format(name=name, entry="doubler.py:run"),
            "doubler.py": DOUBLER,
            "helpers.py": f"def describe(label):\n    return '{helper_text} ' + label\n",
        },
    )


def test_runs_in_process_with_defaults_attrs_and_captured_prints(tmp_path: Path) -> None:
    frame = pd.DataFrame({"value": [1, 2]})
    frame.attrs["origin"] = "test"
    outputs, events = run_component(
        _doubler(tmp_path), inputs={"data": frame}, params={"label": "there"}
    )
    assert outputs["data"]["value"].tolist() == [2, 4]
    assert outputs["data"].attrs == {"origin": "test", "seen_attrs": {"origin": "test"}}
    assert events == [{"type": "log", "stream": "stdout", "line": "HI there"}]


def test_each_component_imports_its_own_helpers(tmp_path: Path) -> None:
    frame = pd.DataFrame({"value": [1]})
    first = _doubler(tmp_path, "first", "ONE")
    second = _doubler(tmp_path, "second", "TWO")
    assert (
        run_component(first, inputs={"data": frame}, params={"label": "a"})[1][0]["line"] == "ONE a"
    )
    assert (
        run_component(second, inputs={"data": frame}, params={"label": "b"})[1][0]["line"]
        == "TWO b"
    )


@pytest.mark.parametrize(
    ("inputs", "params", "message"),
    [
        ({"data": pd.DataFrame({"value": [1]})}, {}, "parameter 'label' is required"),
        ({"data": pd.DataFrame({"value": [1]})}, {"label": "x", "size": 3}, "unknown parameter"),
        ({}, {"label": "x"}, "input 'data' is required"),
        ({"data": pd.DataFrame({"value": [1]}), "more": 1}, {"label": "x"}, "unknown input"),
    ],
)
def test_inputs_and_params_are_checked_against_the_spec(
    tmp_path: Path, inputs, params, message
) -> None:
    with pytest.raises(ValueError, match=message):
        run_component(_doubler(tmp_path), inputs=inputs, params=params)


def test_command_components_run_in_a_real_executor(tmp_path: Path) -> None:
    spec = """
        name: shout
        version: 1.0.0
        display_name: Shout
        category: Tests
        description: Upper-cases a JSON string.
        inputs:
          text: {type: json}
        outputs:
          text: {type: json}
        command: python shout.py ${{inputs.text}} ${{outputs.text}}
    """
    script = """
        import json, sys
        text = json.load(open(sys.argv[1]))
        print("shouting")
        json.dump(text.upper(), open(sys.argv[2], "w"))
    """
    component = make_component(tmp_path, "shout", {"component.yaml": spec, "shout.py": script})
    outputs, events = run_component(component, inputs={"text": "quiet"}, tmp_dir=tmp_path / "run")
    assert outputs == {"text": "QUIET"}
    assert {"type": "log", "stream": "stdout", "line": "shouting"} in events
    (component / "shout.py").write_text("import sys\nsys.exit('no way')\n")
    with pytest.raises(ComponentFailed, match="exited with code 1: no way"):
        run_component(component, inputs={"text": "quiet"})


def test_collect_outputs_rules() -> None:
    one = {"model": {"type": "model"}}
    assert collect_outputs(5, one) == {"model": 5}
    assert collect_outputs({"model": 5}, one) == {"model": 5}
    json_out = {"metrics": {"type": "json"}}
    assert collect_outputs({"r2": 0.5}, json_out) == {"metrics": {"r2": 0.5}}
    two = {"a": {"type": "json"}, "b": {"type": "json", "optional": True}}
    assert collect_outputs({"a": 1}, two) == {"a": 1}
    assert collect_outputs({"a": 1, "b": None}, two) == {"a": 1}
    with pytest.raises(OutputError, match="did not return output\\(s\\) 'a'"):
        collect_outputs({"b": 1}, two)
    with pytest.raises(OutputError, match="declares no outputs"):
        collect_outputs(3, {})
    assert collect_outputs(None, {}) == {}


def test_entry_points_must_name_a_file_and_function() -> None:
    assert split_entry_point("split.py:run") == ("split.py", "run")
    for bad in ("split.py", "split:run", "split.py:"):
        with pytest.raises(ValueError, match="file.py:function"):
            split_entry_point(bad)
