"""Split Data 1.1.0 on real rows: sizes, partition, stratification, expressions, 1.0.0 parity."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris, load_wine

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
VERSION_1_0 = HERE.parent / "split_data@1.0.0"


@pytest.fixture
def diabetes() -> pd.DataFrame:
    frame = load_diabetes(as_frame=True).frame
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def test_keeps_seventy_percent_and_partitions_the_rows(diabetes) -> None:
    outputs, _ = run_component(HERE, inputs={"data": diabetes})
    first, second = outputs["first"], outputs["second"]
    assert len(first) == round(0.7 * 442) == 309
    assert len(second) == 442 - 309
    merged = pd.concat([first, second]).sort_values("row_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(merged, diabetes, check_dtype=False)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"seed": 7, "fraction": 0.3},
        {"mode": "sequential", "fraction": 0.25},
        {"fraction": 0.5, "stratify": "sex"},
    ],
)
def test_random_and_sequential_match_version_1_0(diabetes, params) -> None:
    new = run_component(HERE, inputs={"data": diabetes}, params=params)[0]
    old = run_component(VERSION_1_0, inputs={"data": diabetes}, params=params)[0]
    assert new["first"]["row_id"].tolist() == old["first"]["row_id"].tolist()
    assert new["second"]["row_id"].tolist() == old["second"]["row_id"].tolist()


@pytest.mark.parametrize("loader", [load_iris, load_wine])
def test_stratified_keeps_class_proportions(loader) -> None:
    data = loader(as_frame=True).frame
    outputs, _ = run_component(
        HERE, inputs={"data": data}, params={"mode": "stratified", "stratify": "target"}
    )
    first, second = outputs["first"], outputs["second"]
    assert len(first) == round(0.7 * len(data))
    counts = data["target"].value_counts()
    first_counts = first["target"].value_counts()
    for label, count in counts.items():
        # Largest-remainder rounding: each class gets its exact share, give or take one row.
        assert abs(first_counts[label] - 0.7 * count) < 1
    shares = counts / len(data)
    assert (first["target"].value_counts(normalize=True) - shares).abs().max() < 0.01
    assert (second["target"].value_counts(normalize=True) - shares).abs().max() < 0.02


def test_stratified_defaults_to_the_label_column() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    cancer.attrs["label_column"] = "target"
    outputs, _ = run_component(
        HERE, inputs={"data": cancer}, params={"mode": "stratified", "fraction": 0.5}
    )
    assert abs(outputs["first"]["target"].mean() - cancer["target"].mean()) < 0.01


def test_stratified_without_a_column_is_explained(diabetes) -> None:
    with pytest.raises(ValueError, match="needs a stratify column"):
        run_component(HERE, inputs={"data": diabetes}, params={"mode": "stratified"})


def test_expression_selects_exactly_the_rows_the_query_says(diabetes) -> None:
    expression = "target > 150 and sex > 0"
    outputs, _ = run_component(
        HERE, inputs={"data": diabetes}, params={"mode": "expression", "expression": expression}
    )
    expected = diabetes.query(expression)
    assert outputs["first"]["row_id"].tolist() == expected["row_id"].tolist()
    rest = diabetes.drop(index=expected.index)
    assert outputs["second"]["row_id"].tolist() == rest["row_id"].tolist()
    assert len(outputs["first"]) + len(outputs["second"]) == 442


def test_expression_rows_with_missing_values_go_second() -> None:
    iris = load_iris(as_frame=True).frame
    iris.loc[[0, 1], "petal length (cm)"] = None
    outputs, _ = run_component(
        HERE,
        inputs={"data": iris},
        params={"mode": "expression", "expression": "`petal length (cm)` < 2"},
    )
    assert len(outputs["first"]) == int((iris["petal length (cm)"] < 2).sum()) == 48
    assert len(outputs["second"]) == 102


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (None, "needs an expression"),
        ("height > 3", "could not be evaluated .*the data has columns: row_id, age"),
        ("bmi *", "could not be evaluated"),
        ("bmi * 2", "must be a condition giving true or false"),
    ],
)
def test_bad_expressions_are_explained(diabetes, expression, message) -> None:
    with pytest.raises(ValueError, match=message):
        run_component(
            HERE, inputs={"data": diabetes}, params={"mode": "expression", "expression": expression}
        )


def test_unknown_stratify_column_is_named(diabetes) -> None:
    with pytest.raises(ValueError, match="stratify column 'label'"):
        run_component(HERE, inputs={"data": diabetes}, params={"stratify": "label"})
