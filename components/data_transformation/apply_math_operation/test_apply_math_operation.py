"""Apply Math Operation on the diabetes data: values, output modes, undefined results named."""

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


def _apply(data: pd.DataFrame, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data}, params=params)[0]["data"]


def test_log_of_the_target_is_appended(diabetes) -> None:
    data = _apply(diabetes, columns=["target"], operation="log")
    assert list(data.columns) == [*diabetes.columns, "target_log"]
    np.testing.assert_allclose(data["target_log"], np.log(diabetes["target"]))
    assert data["target"].tolist() == diabetes["target"].tolist()


@pytest.mark.parametrize(
    ("operation", "operand", "expected"),
    [
        ("add", 2.5, lambda x: x + 2.5),
        ("subtract", 1, lambda x: x - 1),
        ("multiply", 100, lambda x: x * 100),
        ("divide", 4, lambda x: x / 4),
        ("power", 2, lambda x: x**2),
        ("square", 0, lambda x: x**2),
        ("abs", 0, np.abs),
        ("round", 2, lambda x: np.round(x, 2)),
        ("exp", 0, np.exp),
    ],
)
def test_operations_in_place(diabetes, operation, operand, expected) -> None:
    data = _apply(
        diabetes,
        columns=["age", "bmi"],
        operation=operation,
        operand=operand,
        output_mode="inplace",
    )
    assert list(data.columns) == list(diabetes.columns)
    for column in ("age", "bmi"):
        np.testing.assert_allclose(data[column], expected(diabetes[column]))


def test_missing_values_stay_missing(diabetes) -> None:
    diabetes.loc[[3, 7], "target"] = None
    data = _apply(diabetes, columns=["target"], operation="sqrt")
    assert data["target_sqrt"].isna().tolist() == diabetes["target"].isna().tolist()


def test_an_undefined_result_names_the_column_row_and_value(diabetes) -> None:
    # age is centred on 0 in this dataset, so it has negative values.
    first_negative = int(np.flatnonzero(diabetes["age"] <= 0)[0])
    value = diabetes["age"].iloc[first_negative]
    with pytest.raises(
        ValueError,
        match=f"log is undefined for column 'age' at row {first_negative} \\(value {value:g}\\)",
    ):
        _apply(diabetes, columns=["age"], operation="log")


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"columns": ["bmi"], "operation": "divide", "operand": 0}, "non-zero operand"),
        ({"columns": ["bmi"], "operation": "round", "operand": 1.5}, "whole number of decimals"),
        ({"columns": ["height"]}, "unknown column\\(s\\) 'height'"),
        ({"columns": ["label"]}, "column 'label' is str, not numeric"),
        ({"columns": ["bmi"], "operation": "abs"}, "column 'bmi_abs' already exists"),
    ],
)
def test_wrong_input_is_explained(diabetes, params, message) -> None:
    frame = diabetes.assign(label="x", bmi_abs=0.0)
    with pytest.raises(ValueError, match=message):
        _apply(frame, **params)
