"""Edit Metadata on the breast cancer and iris data: casts, renames and marks."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def cancer() -> pd.DataFrame:
    return load_breast_cancer(as_frame=True).frame


def _edit(data: pd.DataFrame, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data}, params=params)[0]["data"]


def test_rename_and_mark_the_label(cancer) -> None:
    data = _edit(cancer, columns=["target"], new_names="benign", label=True)
    assert "benign" in data.columns and "target" not in data.columns
    assert data.attrs["label_column"] == "benign"
    assert data["benign"].tolist() == cancer["target"].tolist()


def test_renaming_the_label_later_keeps_the_mark(cancer) -> None:
    cancer.attrs["label_column"] = "target"
    data = _edit(cancer, columns=["mean radius", "target"], new_names="radius, y")
    assert list(data.columns[:1]) == ["radius"] and "y" in data.columns
    assert data.attrs["label_column"] == "y"


@pytest.mark.parametrize(
    ("cast", "dtype", "values"),
    [
        ("boolean", "bool", [False, False, True, True]),
        ("string", "str", ["0", "0", "1", "1"]),
        ("float", "float64", [0.0, 0.0, 1.0, 1.0]),
    ],
)
def test_casts_the_target(cancer, cast, dtype, values) -> None:
    rows = [0, 1, 19, 20]  # two malignant (0), two benign (1)
    data = _edit(cancer, columns=["target"], cast=cast)
    assert str(data["target"].dtype) == dtype
    assert data.loc[rows, "target"].tolist() == values
    assert data["target"].astype("float64").sum() == cancer["target"].sum()


def test_integer_cast_keeps_missing_values_missing(cancer) -> None:
    frame = cancer.assign(rounded=cancer["mean area"].round())
    frame.loc[3, "rounded"] = np.nan
    data = _edit(frame, columns=["rounded"], cast="integer")
    assert str(data["rounded"].dtype) == "Int64"
    assert data["rounded"].isna().tolist() == frame["rounded"].isna().tolist()
    assert data.loc[0, "rounded"] == round(cancer.loc[0, "mean area"])


def test_a_value_that_does_not_convert_is_named(cancer) -> None:
    with pytest.raises(
        ValueError,
        match="'mean area' cannot become a whole number: row 3 holds 386.1 \\(and 428 more",
    ):
        _edit(cancer, columns=["mean area"], cast="integer")
    words = cancer.assign(answer=np.where(cancer["target"] == 1, "yes", "no"))
    words.loc[7, "answer"] = "maybe"
    with pytest.raises(
        ValueError, match="'answer' cannot become true or false: row 7 holds 'maybe'"
    ):
        _edit(words, columns=["answer"], cast="boolean")
    assert _edit(words.drop(index=7), columns=["answer"], cast="boolean")["answer"].sum() == (
        cancer.drop(index=7)["target"].sum()
    )


def test_categorical_marks_and_types_columns() -> None:
    bunch = load_iris(as_frame=True)
    iris = bunch.frame.assign(species=bunch.target_names[bunch.target])
    data = _edit(iris, columns=["species", "target"], categorical=True)
    assert data.attrs["categorical_columns"] == ["species", "target"]
    assert isinstance(data["species"].dtype, pd.CategoricalDtype)
    assert sorted(data["species"].cat.categories) == ["setosa", "versicolor", "virginica"]
    # Parquet keeps the category type only for text; the mark in attrs is what lasts.
    assert str(data["target"].dtype) == "int64"


def test_category_cast_of_text() -> None:
    bunch = load_iris(as_frame=True)
    iris = bunch.frame.assign(species=bunch.target_names[bunch.target])
    data = _edit(iris, columns=["species"], cast="category")
    assert isinstance(data["species"].dtype, pd.CategoricalDtype)
    assert "categorical_columns" not in data.attrs


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"columns": ["target", "mean radius"], "label": True}, "exactly one column; 2 are"),
        ({"columns": ["target"], "new_names": "a, b"}, "lists 2 name\\(s\\) for 1 chosen"),
        ({"columns": ["target"], "new_names": "mean radius"}, "name\\(s\\) mean radius"),
        ({"columns": ["height"]}, "unknown column\\(s\\) 'height'"),
    ],
)
def test_wrong_input_is_explained(cancer, params, message) -> None:
    with pytest.raises(ValueError, match=message):
        _edit(cancer, **params)
