"""Group Data into Bins on the diabetes data: equal-count and equal-width bins."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def diabetes() -> pd.DataFrame:
    return load_diabetes(as_frame=True).frame


def _bin(data: pd.DataFrame, **params) -> tuple[pd.DataFrame, list]:
    outputs, events = run_component(HERE, inputs={"data": data}, params=params)
    return outputs["data"], events


def test_quantile_bins_hold_equal_numbers_of_rows(diabetes) -> None:
    data, events = _bin(diabetes, columns=["target"], bins=4)
    assert data["target"].tolist() == diabetes["target"].tolist()
    assert str(data["target_bin"].dtype) == "int64"
    assert data["target_bin"].tolist() == pd.qcut(diabetes["target"], 4, labels=False).tolist()
    counts = data["target_bin"].value_counts().sort_index()
    assert counts.index.tolist() == [0, 1, 2, 3]
    assert (counts - 442 / 4).abs().max() < 3  # ties keep the counts from being exactly equal
    # Larger values never land in a lower bin.
    ordered = data.sort_values("target")["target_bin"]
    assert ordered.is_monotonic_increasing
    assert events[0]["line"].startswith("target: 4 bins, edges 25, ")


def test_uniform_bins_have_equal_width(diabetes) -> None:
    data, _ = _bin(diabetes, columns=["bmi"], bins=5, strategy="uniform", output_mode="inplace")
    low, high = diabetes["bmi"].min(), diabetes["bmi"].max()
    width = (high - low) / 5
    expected = np.minimum(((diabetes["bmi"] - low) // width).astype(int), 4)
    assert data["bmi"].tolist() == expected.tolist()
    assert list(data.columns) == list(diabetes.columns)


def test_repeated_values_give_fewer_bins_and_missing_stay_missing(diabetes) -> None:
    diabetes.loc[[0, 1], "s4"] = np.nan
    data, events = _bin(diabetes, columns=["s4"], bins=10)
    # s4 has many repeated values, so several decile edges coincide.
    assert data["s4_bin"].max() + 1 < 10
    assert "values repeat" in events[0]["line"]
    assert str(data["s4_bin"].dtype) == "Int64"
    assert data["s4_bin"].isna().tolist() == diabetes["s4"].isna().tolist()


def test_a_constant_column_is_one_bin(diabetes) -> None:
    data, _ = _bin(diabetes.assign(flat=1.5), columns=["flat"], bins=3)
    assert data["flat_bin"].eq(0).all()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"columns": ["name"]}, "column 'name' is str, not numeric"),
        ({"columns": ["bmi"], "strategy": "kmeans"}, "strategy must be one of"),
        ({"columns": ["bmi"]}, "column 'bmi_bin' already exists"),
    ],
)
def test_wrong_input_is_explained(diabetes, params, message) -> None:
    with pytest.raises(ValueError, match=message):
        _bin(diabetes.assign(name="x", bmi_bin=0.0), **params)
