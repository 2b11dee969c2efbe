"""Convert to Indicator Values on iris species and the diabetes sex column."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_diabetes, load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def iris() -> pd.DataFrame:
    bunch = load_iris(as_frame=True)
    return bunch.frame.assign(species=bunch.target_names[bunch.target])


def _encode(data: pd.DataFrame, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"data": data}, params=params)[0]["data"]


def test_one_column_per_species_in_place_of_the_original(iris) -> None:
    data = _encode(iris, columns=["species"])
    indicators = ["species_setosa", "species_versicolor", "species_virginica"]
    assert list(data.columns) == [*iris.columns.drop("species"), *indicators]
    assert data[indicators].sum().tolist() == [50, 50, 50]
    assert (data[indicators].sum(axis="columns") == 1).all()
    assert data.loc[iris["species"] == "virginica", "species_virginica"].eq(1).all()
    assert str(data["species_setosa"].dtype) == "int64"


def test_keeping_the_original_and_encoding_numbers() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    data = _encode(diabetes, columns=["sex"], drop_original=False)
    position = list(data.columns).index("sex")
    new = list(data.columns)[position + 1 : position + 3]
    assert len(new) == 2 and all(name.startswith("sex_") for name in new)
    assert data[new].sum().sum() == 442


def test_missing_values_get_no_indicator(iris) -> None:
    iris.loc[[0, 1], "species"] = None
    data = _encode(iris, columns=["species"])
    assert data.loc[[0, 1]].filter(like="species_").sum().sum() == 0


def test_too_many_values_and_clashing_names_are_refused(iris) -> None:
    with pytest.raises(
        ValueError,
        match="'sepal length \\(cm\\)' has 35 distinct values, more than max_values \\(20\\)",
    ):
        _encode(iris, columns=["sepal length (cm)"], max_values=20)
    clash = iris.assign(species_setosa=0)
    with pytest.raises(ValueError, match="species_setosa clash"):
        _encode(clash, columns=["species"])
