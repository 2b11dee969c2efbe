"""Add Columns on the diabetes data: side by side, by position, with clashing names suffixed."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def diabetes() -> pd.DataFrame:
    frame = load_diabetes(as_frame=True).frame
    frame.attrs["source"] = "diabetes"
    return frame


def test_puts_columns_side_by_side_by_position(diabetes) -> None:
    left = diabetes[["age", "sex"]]
    # A shuffled index must not matter: rows pair up by position.
    right = diabetes[["bmi", "target"]].set_axis(range(441, -1, -1))
    data = run_component(HERE, inputs={"left": left, "right": right})[0]["data"]
    assert list(data.columns) == ["age", "sex", "bmi", "target"]
    pd.testing.assert_frame_equal(data, diabetes[["age", "sex", "bmi", "target"]])
    assert data.attrs == {"source": "diabetes"}


def test_clashing_names_get_a_suffix(diabetes) -> None:
    left = diabetes[["bmi", "bp", "s2"]].rename(columns={"s2": "bmi_2"})
    right = diabetes[["bmi", "s1"]].assign(bp=diabetes["bp"] * 2)
    data = run_component(HERE, inputs={"left": left, "right": right})[0]["data"]
    assert list(data.columns) == ["bmi", "bp", "bmi_2", "bmi_3", "s1", "bp_2"]
    assert data["bp_2"].tolist() == (diabetes["bp"] * 2).tolist()


def test_row_counts_must_match(diabetes) -> None:
    with pytest.raises(ValueError, match="left has 442, right has 100"):
        run_component(HERE, inputs={"left": diabetes, "right": diabetes.head(100)})
