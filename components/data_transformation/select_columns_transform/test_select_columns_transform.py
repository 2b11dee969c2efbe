"""Select Columns Transform with Apply Transformation: the features chosen on the breast cancer
training rows, given to the test rows and to rows without a label."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component
from designer.runtime.transforms import ColumnSelection

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
FILTER = ROOT / "feature_selection" / "filter_based_feature_selection"
APPLY = ROOT / "data_transformation" / "apply_transformation"


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    cancer = load_breast_cancer(as_frame=True).frame
    return train_test_split(cancer, test_size=0.3, random_state=0)


def _selection(data: pd.DataFrame, **params) -> ColumnSelection:
    return run_component(HERE, inputs={"data": data}, params=params)[0]["transform"]


def _apply(transform: ColumnSelection, data: pd.DataFrame) -> pd.DataFrame:
    return run_component(APPLY, inputs={"transform": transform, "data": data})[0]["data"]


def test_test_rows_get_the_features_chosen_on_the_training_rows(split) -> None:
    train, test = split
    chosen = run_component(
        FILTER, inputs={"data": train}, params={"label_column": "target", "top_k": 4}
    )[0]["data"]
    transform = _selection(chosen, label_column="target")
    assert transform.columns == list(chosen.columns) and "target" in transform.columns
    applied = _apply(transform, test)
    assert list(applied.columns) == list(chosen.columns)
    pd.testing.assert_frame_equal(applied, test[list(chosen.columns)])
    unlabelled = _apply(transform, test.drop(columns=["target"]))
    assert list(unlabelled.columns) == [c for c in chosen.columns if c != "target"]


def test_chosen_columns_in_their_order_and_attrs_kept(split) -> None:
    train, test = split
    transform = _selection(train, columns=["worst area", "mean radius", "worst area"])
    test = test.copy()
    test.attrs = {"label_column": "target"}
    applied = _apply(transform, test)
    assert list(applied.columns) == ["worst area", "mean radius"]
    assert applied.attrs == {"label_column": "target"}


def test_the_label_marked_by_edit_metadata_is_optional(split) -> None:
    train, test = split
    marked = train[["mean radius", "target"]].copy()
    marked.attrs = {"label_column": "target"}
    transform = _selection(marked)
    assert transform.optional_columns == ["target"]
    assert list(_apply(transform, test.drop(columns=["target"])).columns) == ["mean radius"]


def test_a_feature_missing_from_new_rows_is_named(split) -> None:
    train, test = split
    transform = _selection(train, columns=["mean radius", "mean area"])
    with pytest.raises(ValueError, match="lacks column\\(s\\) 'mean area' that the column sel"):
        _apply(transform, test.drop(columns=["mean area"]))


def test_unknown_columns_are_named(split) -> None:
    with pytest.raises(ValueError, match="unknown column\\(s\\) 'height'"):
        _selection(split[0], columns=["height"])
    with pytest.raises(ValueError, match="label column 'target' is not among the selected"):
        _selection(split[0], columns=["mean radius"], label_column="target")
