"""@component: a typed function becomes a component spec and a code file that runs on its own.
Hints are written as text here (pandas only under TYPE_CHECKING), as in a thin environment."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import pytest
import yaml

from pipewright import ComponentDefinitionError, FunctionComponent, Pipeline

PREFIX = "from __future__ import annotations\nfrom pipewright import component\n\n"
HEADER = """
from __future__ import annotations
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypedDict
from pipewright import Column, Folder, Model, component
if TYPE_CHECKING:
    import pandas as pd
"""

KEEP_ROWS = (
    HEADER
    + '''
class Parts(TypedDict):
    kept: pd.DataFrame
    report: dict

@component(category="Data Transformation")
def keep_rows(
    data: pd.DataFrame,
    notes: Path | None,
    out: Folder | None = None,
    model: Model = None,
    threshold: float = 0.5,
    label: Annotated[str, Column("data")] = "target",
    mode: Literal["fast", "exact"] = "fast",
    limit: int | None = None,
    verbose: bool = False,
) -> Parts:
    """Keeps the rows above a threshold.

    Args:
        data: Rows to filter
        threshold: Smallest score
            that is kept
    Returns:
        kept: The rows kept
    """
    return {"kept": data, "report": {"rows": len(data)}}
'''
)


def test_ports_and_parameters_come_from_hints_defaults_and_docstring(define):
    keep_rows = define(KEEP_ROWS)["keep_rows"]
    spec = keep_rows.spec
    assert spec["name"] == "keep_rows" and spec["category"] == "Data Transformation"
    assert spec["display_name"] == "Keep Rows"
    assert spec["description"] == "Keeps the rows above a threshold."
    assert spec["inputs"] == {
        "data": {"type": "dataframe", "description": "Rows to filter"},
        "notes": {"type": "file", "description": "", "optional": True},
        "out": {"type": "folder", "description": "", "optional": True},
        "model": {"type": "model", "description": "", "optional": True},
    }
    assert spec["parameters"] == {
        "threshold": {
            "type": "number",
            "default": 0.5,
            "description": "Smallest score that is kept",
        },
        "label": {"type": "column", "input": "data", "default": "target"},
        "mode": {"type": "enum", "values": ["fast", "exact"], "default": "fast"},
        "limit": {"type": "integer", "default": None, "optional": True},
        "verbose": {"type": "boolean", "default": False},
    }
    assert spec["outputs"] == {
        "kept": {"type": "dataframe", "description": "The rows kept"},
        "report": {"type": "json", "description": ""},
    }
    assert spec["python"] == "component.py:keep_rows"


def test_one_returned_value_is_one_output_named_by_the_decorator(define):
    found = define(
        HEADER
        + """
@component(output="scores")
def score(data: pd.DataFrame) -> list:
    return [1, 2]

@component
def nothing(data: dict) -> None:
    return None

@component
def count(data: dict) -> int:
    return len(data)
"""
    )
    assert found["score"].spec["outputs"] == {"scores": {"type": "json", "description": ""}}
    assert found["nothing"].spec["outputs"] == {}
    assert found["nothing"].spec["inputs"]["data"]["type"] == "json"
    assert found["count"].spec["outputs"]["output"]["type"] == "json"


def test_the_code_file_carries_the_imports_it_needs_and_runs_alone(define, tmp_path):
    found = define(
        """
import json
import os.path as osp
from collections import OrderedDict as Ordered
from pipewright import component

SEPARATOR = ", "
LIMITS = (1, 2)

@component(version="1.2.3")
def summarise(data: dict, prefix: str = "n") -> dict:
    # A comment stays.
    keys = Ordered(sorted(data.items()))
    text = SEPARATOR.join(f"{prefix}{k}" for k in keys)
    return {"text": text, "json": json.dumps(keys), "sep": osp.sep, "limits": list(LIMITS)}
"""
    )
    summarise = found["summarise"]
    code = summarise.code
    assert code.startswith("from __future__ import annotations\n")
    assert "import json\n" in code and "import posixpath as osp\n" in code
    assert "from collections import OrderedDict as Ordered\n" in code
    assert "SEPARATOR = ', '\n" in code and "LIMITS = (1, 2)\n" in code
    assert "@component" not in code and "# A comment stays." in code
    (tmp_path / "component.py").write_text(code)
    script = "import component; print(component.summarise({'b': 1, 'a': 2}, prefix='x'))"
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == repr(summarise.function({"b": 1, "a": 2}, prefix="x"))


def test_names_that_cannot_travel_are_refused_with_the_name(define):
    with pytest.raises(ComponentDefinitionError, match="uses 'helper'"):
        define(
            """
from pipewright import component

def helper(x):
    return x

@component
def uses_helper(data: dict) -> dict:
    return helper(data)
"""
        )


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("def f(data) -> dict:\n    return data", r"f\(data\) needs a type hint"),
        ("def f(data: dict):\n    return data", "needs a return type hint"),
        ("def f(*rows: dict) -> dict:\n    return {}", r"\*args and \*\*kwargs"),
        ("def Bad(data: dict) -> dict:\n    return data", "cannot name a component"),
        ("def f(data: Unknown) -> dict:\n    return data", "cannot read the type hint 'Unknown'"),
    ],
)
def test_functions_that_cannot_be_components_say_why(define, source, message):
    with pytest.raises(ComponentDefinitionError, match=message):
        define(f"{PREFIX}@component\n{source}\n")


def test_a_component_inside_a_function_is_refused():
    from pipewright import component

    def outer():
        factor = 2

        @component
        def scaled(data: dict) -> dict:
            return {k: v * factor for k, v in data.items()}

        return scaled

    with pytest.raises(ComponentDefinitionError, match="enclosing function"):
        outer()


def test_the_version_follows_the_content_unless_given(define):
    source = HEADER + "\n@component\ndef echo(data: dict) -> dict:\n    return data\n"
    first, again = define(source)["echo"], define(source)["echo"]
    changed = define(source.replace("return data", "return dict(data)"))["echo"]
    assert first.version == again.version and first.version.startswith("0.0.0-dev.")
    assert changed.version != first.version
    pinned = define(source.replace("@component", '@component(version="2.0.0")'))["echo"]
    assert pinned.version == "2.0.0"


def test_files_and_archive_hold_the_spec_and_the_code(define):
    keep_rows = define(KEEP_ROWS)["keep_rows"]
    files = keep_rows.files()
    assert yaml.safe_load(files["component.yaml"]) == keep_rows.spec
    with zipfile.ZipFile(io.BytesIO(keep_rows.archive())) as archive:
        assert sorted(archive.namelist()) == ["component.py", "component.yaml"]
        assert archive.read("component.py").decode() == keep_rows.code


def test_called_outside_a_pipeline_it_is_the_function_inside_it_adds_a_node(define):
    count = define(
        HEADER + "\n@component\ndef count(data: dict, extra: int = 0) -> int:\n"
        "    return len(data) + extra\n"
    )["count"]
    assert isinstance(count, FunctionComponent)
    assert count({"a": 1}, extra=2) == 3
    with Pipeline("p") as pipeline:
        first = count(extra=1)
        second = count(data=first, extra=2)
    assert [n.id for n in pipeline.nodes.values()] == ["count", "count_2"]
    assert second.inputs["data"].node is first and second.params == {"extra": 2}
