"""Fitted transforms: what apply does, and that a pickled one loads in a fresh process."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from designer.runtime.transforms import ColumnScaler, MissingValueCleaner, fill_missing
from tests.runtime.runtime_helpers import REPO_ROOT


def test_scaler_shifts_scales_and_squashes() -> None:
    frame = pd.DataFrame({"x": [0.0, 2.0, 4.0], "name": ["a", "b", "c"]})
    frame.attrs["label_column"] = "name"
    scaled = ColumnScaler("zscore", {"x": 2.0}, {"x": 2.0}).apply(frame)
    assert scaled["x"].tolist() == [-1.0, 0.0, 1.0]
    assert scaled["name"].tolist() == ["a", "b", "c"]
    assert scaled.attrs == {"label_column": "name"}
    squashed = ColumnScaler("logistic", {"x": 0.0}, {"x": 1.0}).apply(frame)
    assert squashed["x"].tolist() == pytest.approx(1 / (1 + np.exp(-frame["x"])))


def test_scaler_names_missing_and_non_numeric_columns() -> None:
    frame = pd.DataFrame({"name": ["a"]})
    with pytest.raises(ValueError, match="lacks column\\(s\\) 'x' that the minmax normalizer"):
        ColumnScaler("minmax", {"x": 0.0}, {"x": 1.0}).apply(frame)
    with pytest.raises(ValueError, match="column 'name' must be numeric"):
        ColumnScaler("minmax", {"name": 0.0}, {"name": 1.0}).apply(frame)


def test_cleaner_fills_drops_and_marks() -> None:
    frame = pd.DataFrame({"x": [1.0, None, 3.0], "y": [None, "b", "c"], "z": [1, 2, 3]})
    cleaner = MissingValueCleaner(
        fill_values={"x": 9.0}, drop_row_columns=["y"], indicator_columns=["x"]
    )
    cleaned = cleaner.apply(frame)
    assert cleaned["x"].tolist() == [9.0, 3.0]
    assert cleaned["x_missing"].tolist() == [True, False]
    assert cleaned.index.tolist() == [0, 1]
    assert MissingValueCleaner(drop_columns=["y", "gone"]).apply(frame).columns.tolist() == [
        "x",
        "z",
    ]


def test_fill_missing_widens_integer_and_categorical_columns() -> None:
    integers = pd.Series([1, None, 2], dtype="Int64")
    assert fill_missing(integers, 1.5).tolist() == [1.0, 1.5, 2.0]
    assert str(fill_missing(integers, 4.0).dtype) == "Int64"
    categories = pd.Series(["a", None], dtype="category")
    assert fill_missing(categories, "other").tolist() == ["a", "other"]


def test_a_pickled_transform_loads_in_a_fresh_interpreter(tmp_path: Path) -> None:
    path = tmp_path / "scaler.pkl"
    path.write_bytes(pickle.dumps(ColumnScaler("zscore", {"x": 1.0}, {"x": 2.0})))
    script = (
        "import pickle, sys, pandas as pd\n"
        "scaler = pickle.load(open(sys.argv[1], 'rb'))\n"
        "print(scaler.apply(pd.DataFrame({'x': [5.0]}))['x'].tolist())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        cwd=tmp_path,
        env={"PYTHONPATH": str(REPO_ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[2.0]"
