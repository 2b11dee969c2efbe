"""Clip Values on the diabetes data: bounds by value and by percentile."""

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


def _clip(data: pd.DataFrame, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data}, params=params)[0]["data"]


def test_clips_to_given_values(diabetes) -> None:
    data = _clip(diabetes, columns=["target"], lower=50, upper=250)
    assert data["target"].min() == 50 and data["target"].max() == 250
    inside = diabetes["target"].between(50, 250)
    assert data.loc[inside, "target"].tolist() == diabetes.loc[inside, "target"].tolist()
    assert (data.loc[diabetes["target"] > 250, "target"] == 250).all()
    assert data["bmi"].tolist() == diabetes["bmi"].tolist()


def test_one_sided_bound(diabetes) -> None:
    data = _clip(diabetes, columns=["bmi", "bp"], upper=0.0)
    assert data["bmi"].max() == 0.0 and data["bp"].max() == 0.0
    assert data["bmi"].min() == diabetes["bmi"].min()


def test_percentiles_are_taken_per_column(diabetes) -> None:
    data = _clip(diabetes, columns=["s1", "target"], mode="percentile", lower=5, upper=95)
    for column in ("s1", "target"):
        low, high = np.percentile(diabetes[column], [5, 95])
        assert data[column].min() == pytest.approx(low)
        assert data[column].max() == pytest.approx(high)


def test_missing_values_stay_missing(diabetes) -> None:
    diabetes.loc[[0, 1], "bp"] = np.nan
    data = _clip(diabetes, columns=["bp"], mode="percentile", lower=10)
    assert data["bp"].isna().sum() == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"columns": ["bmi"]}, "set lower, upper or both"),
        ({"columns": ["bmi"], "lower": 2, "upper": 1}, "lower \\(2\\) is above upper \\(1\\)"),
        ({"columns": ["bmi"], "mode": "percentile", "upper": 150}, "upper must be a percentile"),
        ({"columns": ["name"], "lower": 0}, "column 'name' is str, not numeric"),
    ],
)
def test_wrong_input_is_explained(diabetes, params, message) -> None:
    with pytest.raises(ValueError, match=message):
        _clip(diabetes.assign(name="x"), **params)
