"""Web Service Input on the diabetes rows: checks, converts and keeps values exactly."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
DIABETES = load_diabetes(as_frame=True).frame
FEATURES = [{"name": name, "dtype": "double"} for name in DIABETES.columns if name != "target"]


def run(data, columns=FEATURES) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data}, params={"columns": columns})[0]["data"]


def test_declared_columns_pass_unchanged_and_the_label_is_dropped() -> None:
    out = run(DIABETES)
    assert list(out.columns) == [c["name"] for c in FEATURES]
    pd.testing.assert_frame_equal(out, DIABETES.drop(columns=["target"]))


def test_columns_come_in_the_declared_order() -> None:
    shuffled = DIABETES[list(reversed(DIABETES.columns))]
    assert list(run(shuffled).columns) == [c["name"] for c in FEATURES]


def test_values_are_converted_to_the_declared_types() -> None:
    rows = pd.DataFrame({"age": [1, 2], "sex": ["0.5", "-1.25"], "count": [3.0, 4.0]})
    columns = [
        {"name": "age", "dtype": "double"},
        {"name": "sex", "dtype": "double"},
        {"name": "count", "dtype": "int64"},
    ]
    out = run(rows, columns)
    assert out["age"].tolist() == [1.0, 2.0] and out["age"].dtype == "float64"
    assert out["sex"].tolist() == [0.5, -1.25]
    assert out["count"].dtype == "int64"


def test_a_missing_column_is_named_with_the_schema() -> None:
    with pytest.raises(ValueError, match=r"lack column\(s\) 'bmi', 's1'.*age \(double\)"):
        run(DIABETES.drop(columns=["bmi", "s1"]))


def test_a_value_of_the_wrong_type_names_the_column() -> None:
    rows = DIABETES.head(2).assign(bmi=["heavy", "0.1"])
    with pytest.raises(ValueError, match="column 'bmi' must hold double values"):
        run(rows)


def test_no_rows_connected_is_refused_with_what_to_do() -> None:
    with pytest.raises(ValueError, match="connect the rows to predict"):
        run_component(HERE, params={"columns": FEATURES})


def test_an_empty_schema_passes_every_column() -> None:
    pd.testing.assert_frame_equal(run(DIABETES, []), DIABETES)
