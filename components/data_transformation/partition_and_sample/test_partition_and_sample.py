"""Partition and Sample on the diabetes data: samples, heads and folds."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def diabetes() -> pd.DataFrame:
    frame = load_diabetes(as_frame=True).frame
    frame.insert(0, "row_id", range(len(frame)))
    return frame


def _take(data: pd.DataFrame, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data}, params=params)[0]["data"]


def test_sample_takes_a_tenth_at_random_in_input_order(diabetes) -> None:
    data = _take(diabetes)
    assert len(data) == round(0.1 * 442) == 44
    assert data["row_id"].is_monotonic_increasing
    assert data["row_id"].tolist() != list(range(44))
    assert data["row_id"].tolist() == _take(diabetes)["row_id"].tolist()
    assert data["row_id"].tolist() != _take(diabetes, seed=1)["row_id"].tolist()
    original = diabetes.set_index("row_id").loc[data["row_id"]].reset_index()
    pd.testing.assert_frame_equal(data, original)


def test_rows_overrides_fraction(diabetes) -> None:
    assert len(_take(diabetes, rows=100, fraction=0.9)) == 100
    assert _take(diabetes, mode="head", rows=7)["row_id"].tolist() == list(range(7))
    assert _take(diabetes, mode="head", fraction=0.5)["row_id"].tolist() == list(range(221))


def test_folds_partition_the_rows(diabetes) -> None:
    parts = [_take(diabetes, mode="fold", folds=4, fold=k)["row_id"] for k in range(4)]
    assert sorted(len(part) for part in parts) == [110, 110, 111, 111]
    assert sorted(pd.concat(parts).tolist()) == list(range(442))
    rest = _take(diabetes, mode="fold", folds=4, fold=2, invert=True)["row_id"]
    assert sorted([*rest, *parts[2]]) == list(range(442))
    assert not set(rest) & set(parts[2])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"rows": 500}, "rows must be between 0 and the 442 rows"),
        ({"mode": "fold", "folds": 3, "fold": 3}, "fold must be from 0 to 2"),
        ({"mode": "bootstrap"}, "mode must be one of sample, head, fold"),
    ],
)
def test_wrong_input_is_explained(diabetes, params, message) -> None:
    with pytest.raises(ValueError, match=message):
        _take(diabetes, **params)
