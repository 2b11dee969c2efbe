"""Add Rows on the wine data: halves put back together, mismatches named."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_wine

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def wine() -> pd.DataFrame:
    return load_wine(as_frame=True).frame


def test_two_halves_make_the_whole_again(wine) -> None:
    top, bottom = wine.iloc[:100], wine.iloc[100:]
    # Column order of bottom may differ: columns are matched by name.
    bottom = bottom[list(reversed(wine.columns))]
    data = run_component(HERE, inputs={"top": top, "bottom": bottom})[0]["data"]
    pd.testing.assert_frame_equal(data, wine)


def test_repeated_rows_are_kept(wine) -> None:
    data = run_component(HERE, inputs={"top": wine, "bottom": wine.head(5)})[0]["data"]
    assert len(data) == 183
    assert data.index.tolist() == list(range(183))


def test_differing_columns_are_listed(wine) -> None:
    top = wine.drop(columns=["proline"])
    bottom = wine.rename(columns={"hue": "colour_hue"})
    with pytest.raises(ValueError, match="only in top: hue; only in bottom: colour_hue, proline"):
        run_component(HERE, inputs={"top": top, "bottom": bottom})


def test_numeric_and_text_columns_do_not_mix(wine) -> None:
    bottom = wine.assign(alcohol=wine["alcohol"].map("{:.1f}%".format))
    with pytest.raises(
        ValueError, match="column 'alcohol' is numeric \\(float64\\) in top but text"
    ):
        run_component(HERE, inputs={"top": wine, "bottom": bottom})
