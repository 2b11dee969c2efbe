"""Remove Duplicate Rows on the iris data, which has a few repeated flowers of its own."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def iris() -> pd.DataFrame:
    frame = load_iris(as_frame=True).frame
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def _dedupe(data: pd.DataFrame, **params) -> tuple[pd.DataFrame, list]:
    outputs, events = run_component(HERE, inputs={"data": data}, params=params)
    return outputs["data"], events


def test_iris_has_one_repeated_flower_across_all_measurements(iris) -> None:
    measured = iris.drop(columns=["row_id"])
    data, events = _dedupe(measured)
    assert len(data) == len(measured.drop_duplicates()) == 149
    assert {"type": "metric", "name": "removed_rows", "value": 1.0, "step": None} in events


def test_chosen_columns_and_keep_last(iris) -> None:
    first, _ = _dedupe(iris, columns=["target"])
    assert first["row_id"].tolist() == [0, 50, 100]
    last, _ = _dedupe(iris, columns=["target"], keep="last")
    assert last["row_id"].tolist() == [49, 99, 149]


def test_appended_copies_are_removed_and_order_is_kept(iris) -> None:
    doubled = pd.concat([iris, iris.iloc[::-1]], ignore_index=True)
    data, _ = _dedupe(doubled)
    pd.testing.assert_frame_equal(data, iris)


def test_unknown_columns_are_named(iris) -> None:
    with pytest.raises(ValueError, match="unknown column\\(s\\) 'species'"):
        _dedupe(iris, columns=["species"])
