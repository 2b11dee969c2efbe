"""Join Data on the iris data joined to a species table, and on the wine data with itself."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris, load_wine

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def iris() -> pd.DataFrame:
    return load_iris(as_frame=True).frame


@pytest.fixture
def species() -> pd.DataFrame:
    return pd.DataFrame({"class": [0, 1, 3], "species": ["setosa", "versicolor", "unknown"]})


def _join(left: pd.DataFrame, right: pd.DataFrame, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"left": left, "right": right}, params=params)[0]["data"]


def test_inner_join_on_a_key_gives_the_matching_rows(iris, species) -> None:
    data = _join(iris, species, left_keys=["target"], right_keys=["class"])
    # Classes 0 and 1 match, 50 flowers each; class 2 has no species row, class 3 no flowers.
    assert len(data) == 100
    assert data.groupby("species").size().to_dict() == {"setosa": 50, "versicolor": 50}
    assert list(data.columns) == [*iris.columns, "class", "species"]


@pytest.mark.parametrize(("how", "rows"), [("left", 150), ("right", 101), ("outer", 151)])
def test_join_types_keep_unmatched_rows(iris, species, how, rows) -> None:
    data = _join(iris, species, left_keys=["target"], right_keys=["class"], how=how)
    assert len(data) == rows
    if how in ("left", "outer"):
        assert data.loc[data["target"] == 2, "species"].isna().all()


def test_shared_column_names_get_the_suffixes() -> None:
    wine = load_wine(as_frame=True).frame.reset_index(names="id")
    left, right = wine[["id", "alcohol", "hue"]], wine[["id", "alcohol", "proline"]]
    data = _join(left, right, left_keys=["id"], right_keys=["id"], suffixes="_a, _b")
    assert list(data.columns) == ["id", "alcohol_a", "hue", "alcohol_b", "proline"]
    assert len(data) == 178
    assert data["alcohol_a"].tolist() == data["alcohol_b"].tolist()


def test_missing_keys_match_nothing(iris, species) -> None:
    left = iris.astype({"target": "float64"})
    left.loc[[0, 1], "target"] = np.nan
    right = pd.concat([species, pd.DataFrame({"class": [np.nan], "species": ["?"]})])
    inner = _join(left, right, left_keys=["target"], right_keys=["class"])
    assert len(inner) == 98 and "?" not in inner["species"].tolist()
    outer = _join(left, right, left_keys=["target"], right_keys=["class"], how="outer")
    assert len(outer) == 98 + 50 + 2 + 1 + 1  # matched, class 2, two keyless flowers, 3, "?"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"left_keys": ["target"], "right_keys": ["species"]}, "key 'target' of left is numeric"),
        ({"left_keys": ["target"], "right_keys": ["class", "species"]}, "has 1 column\\(s\\)"),
        ({"left_keys": ["kind"], "right_keys": ["class"]}, "unknown left key column\\(s\\) 'kind'"),
        (
            {"left_keys": ["target"], "right_keys": ["class"], "suffixes": "_x"},
            "two different suffixes",
        ),
    ],
)
def test_wrong_input_is_explained(iris, species, params, message) -> None:
    with pytest.raises(ValueError, match=message):
        _join(iris, species, **params)
