"""Summarize Data on the diabetes and iris data: one correct row per column."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def _summarize(data: pd.DataFrame) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data})[0]["summary"].set_index("column")


def test_diabetes_has_one_row_per_column_with_correct_statistics() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    summary = _summarize(diabetes)
    assert summary.index.tolist() == list(diabetes.columns)
    described = diabetes.describe()
    for column in diabetes.columns:
        row = summary.loc[column]
        assert row["count"] == 442 and row["missing"] == 0
        assert row["mean"] == pytest.approx(diabetes[column].mean())
        assert row["std"] == pytest.approx(described.loc["std", column])
        assert row["min"] == described.loc["min", column]
        assert row["p25"] == pytest.approx(described.loc["25%", column])
        assert row["median"] == pytest.approx(described.loc["50%", column])
        assert row["p75"] == pytest.approx(described.loc["75%", column])
        assert row["max"] == described.loc["max", column]
    assert summary.loc["target", "mean"] == pytest.approx(152.133, abs=1e-3)
    assert summary.loc["sex", "unique"] == 2
    assert summary.loc["bmi", "dtype"] == "float64"


def test_text_boolean_and_missing_values() -> None:
    bunch = load_iris(as_frame=True)
    iris = bunch.frame.assign(
        species=bunch.target_names[bunch.target], long=bunch.frame["petal length (cm)"] > 4
    )
    iris.loc[[0, 1, 2], "sepal width (cm)"] = np.nan
    summary = _summarize(iris)
    assert summary.loc["species", "unique"] == 3
    assert np.isnan(summary.loc["species", "mean"])
    assert summary.loc["long", "mean"] == pytest.approx(iris["long"].mean())
    width = summary.loc["sepal width (cm)"]
    assert (width["count"], width["missing"]) == (147, 3)
    assert width["mean"] == pytest.approx(iris["sepal width (cm)"].mean())
