"""Normalize Data on the wine data: each method's numbers, and the fitted transform."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_wine
from sklearn.preprocessing import RobustScaler, StandardScaler

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
APPLY = HERE.parent / "apply_transformation"


@pytest.fixture
def wine() -> pd.DataFrame:
    return load_wine(as_frame=True).frame


def _normalize(data: pd.DataFrame, **params) -> dict:
    return run_component(HERE, inputs={"data": data}, params=params)[0]


def test_zscore_gives_mean_zero_and_population_std_one(wine) -> None:
    data = _normalize(wine, columns=["proline", "alcohol"])["data"]
    for column in ("proline", "alcohol"):
        assert data[column].mean() == pytest.approx(0, abs=1e-12)
        assert data[column].std(ddof=0) == pytest.approx(1)
    # Same numbers as scikit-learn's StandardScaler, which also uses ddof 0.
    expected = StandardScaler().fit_transform(wine[["proline", "alcohol"]])
    np.testing.assert_allclose(data[["proline", "alcohol"]], expected)
    assert data["hue"].tolist() == wine["hue"].tolist()


def test_minmax_gives_zero_to_one(wine) -> None:
    data = _normalize(wine, columns=["magnesium", "ash"], method="minmax")["data"]
    for column in ("magnesium", "ash"):
        assert data[column].min() == 0.0
        assert data[column].max() == 1.0


def test_robust_matches_scikit_learn(wine) -> None:
    data = _normalize(wine, columns=["proline"], method="robust")["data"]
    np.testing.assert_allclose(data[["proline"]], RobustScaler().fit_transform(wine[["proline"]]))


@pytest.mark.parametrize(
    ("method", "function"),
    [("logistic", lambda x: 1 / (1 + np.exp(-x))), ("tanh", np.tanh)],
)
def test_squashing_methods(wine, method, function) -> None:
    data = _normalize(wine, columns=["hue"], method=method)["data"]
    np.testing.assert_allclose(data["hue"], function(wine["hue"]))


def test_empty_columns_mean_every_numeric_column_but_the_label(wine) -> None:
    wine.attrs["label_column"] = "target"
    data = _normalize(wine.assign(origin="Italy"))["data"]
    assert data["target"].tolist() == wine["target"].tolist()
    assert data["origin"].eq("Italy").all()
    features = wine.columns.drop("target")
    np.testing.assert_allclose(data[features].mean(), 0, atol=1e-12)
    assert data.attrs["label_column"] == "target"


def test_transform_reproduces_the_training_scaling_on_new_rows(wine) -> None:
    train, new = wine.iloc[::2].reset_index(drop=True), wine.iloc[1::2].reset_index(drop=True)
    fitted = _normalize(train, columns=["proline", "color_intensity"])
    applied = run_component(APPLY, inputs={"transform": fitted["transform"], "data": new})[0]
    for column in ("proline", "color_intensity"):
        mean, std = train[column].mean(), train[column].std(ddof=0)
        np.testing.assert_allclose(applied["data"][column], (new[column] - mean) / std)
    # Applied to the training rows it gives exactly the component's own output.
    again = run_component(APPLY, inputs={"transform": fitted["transform"], "data": train})[0]
    pd.testing.assert_frame_equal(again["data"], fitted["data"])


def test_a_constant_column_becomes_zero(wine) -> None:
    data = _normalize(wine.assign(flat=7.0), columns=["flat"])["data"]
    assert data["flat"].eq(0).all()


@pytest.mark.parametrize(
    ("columns", "message"),
    [(["origin"], "column 'origin' is str, not numeric"), (["height"], "unknown column")],
)
def test_wrong_columns_are_named(wine, columns, message) -> None:
    with pytest.raises(ValueError, match=message):
        _normalize(wine.assign(origin="Italy"), columns=columns)
