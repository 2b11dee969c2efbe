"""Clean Missing Data on the diabetes data with values knocked out at fixed rows."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
APPLY = HERE.parent / "apply_transformation"
GAPS = {"bmi": [0, 10, 20, 30], "bp": [5, 15], "s5": [1]}


@pytest.fixture
def diabetes() -> pd.DataFrame:
    frame = load_diabetes(as_frame=True).frame
    for column, rows in GAPS.items():
        frame.loc[rows, column] = np.nan
    return frame


def _clean(data: pd.DataFrame, **params) -> dict:
    return run_component(HERE, inputs={"data": data}, params=params)[0]


def test_mean_fills_each_gap_with_the_column_mean(diabetes) -> None:
    outputs, events = run_component(HERE, inputs={"data": diabetes})
    data = outputs["data"]
    assert not data.isna().any().any()
    for column, rows in GAPS.items():
        assert data.loc[rows, column].tolist() == pytest.approx(
            [diabetes[column].mean()] * len(rows)
        )
        untouched = diabetes[column].notna()
        assert data.loc[untouched, column].tolist() == diabetes.loc[untouched, column].tolist()
    assert {"type": "metric", "name": "missing_values", "value": 7.0, "step": None} in events


def test_the_transform_fills_new_rows_with_the_training_mean(diabetes) -> None:
    train, new = diabetes.iloc[:300], diabetes.iloc[300:].reset_index(drop=True)
    new.loc[[0, 1], "bmi"] = np.nan
    transform = _clean(train, columns=["bmi"])["transform"]
    applied = run_component(APPLY, inputs={"transform": transform, "data": new})[0]["data"]
    assert applied.loc[[0, 1], "bmi"].tolist() == pytest.approx([train["bmi"].mean()] * 2)
    assert train["bmi"].mean() != pytest.approx(new["bmi"].mean())


def test_median_and_mode(diabetes) -> None:
    data = _clean(diabetes, columns=["bmi"], mode="median")["data"]
    assert data.loc[GAPS["bmi"], "bmi"].tolist() == [diabetes["bmi"].median()] * 4
    assert data["bp"].isna().sum() == 2  # not chosen, left alone
    diabetes.loc[[2, 3], "sex"] = np.nan
    data = _clean(diabetes, columns=["sex"], mode="mode")["data"]
    assert data.loc[[2, 3], "sex"].tolist() == [diabetes["sex"].mode()[0]] * 2


def test_constant_is_converted_to_each_column_type() -> None:
    iris = load_iris(as_frame=True)
    frame = iris.frame.assign(species=iris.target_names[iris.target])
    frame.loc[[0, 60], "species"] = None
    frame.loc[[1, 61], "petal width (cm)"] = np.nan
    data = _clean(frame, columns=["species", "petal width (cm)"], mode="constant", constant="0")[
        "data"
    ]
    assert data.loc[[0, 60], "species"].tolist() == ["0", "0"]
    assert data.loc[[1, 61], "petal width (cm)"].tolist() == [0.0, 0.0]
    with pytest.raises(
        ValueError, match="constant 'none' is not a number, .*'petal width \\(cm\\)'"
    ):
        _clean(frame, columns=["petal width (cm)"], mode="constant", constant="none")


def test_remove_row_and_remove_column(diabetes) -> None:
    rows = _clean(diabetes, columns=["bmi", "bp"], mode="remove_row")["data"]
    assert len(rows) == 442 - 6
    assert rows.index.tolist() == list(range(436))
    columns = _clean(diabetes, mode="remove_column")["data"]
    assert list(columns.columns) == [c for c in diabetes.columns if c not in GAPS]


def test_indicator_columns_mark_the_gaps(diabetes) -> None:
    data = _clean(diabetes, columns=["bp"], add_indicator=True)["data"]
    assert data.index[data["bp_missing"]].tolist() == GAPS["bp"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"columns": ["name"]}, "column 'name' is str: a mean needs numbers"),
        ({"columns": ["empty"]}, "column 'empty' has no values to take a mean of"),
        ({"mode": "constant"}, "needs the constant parameter"),
        ({"columns": ["height"]}, "unknown column\\(s\\) 'height'"),
    ],
)
def test_wrong_input_is_explained(diabetes, params, message) -> None:
    frame = diabetes.assign(name="x", empty=np.nan)
    with pytest.raises(ValueError, match=message):
        _clean(frame, **params)
