"""Enter Data Manually: typed CSV rows, with types inferred and mistakes named."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_iris

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_iris_rows_typed_as_csv_come_back_as_the_same_table() -> None:
    iris = load_iris(as_frame=True).frame.head(8)
    text = iris.to_csv(index=False)
    outputs, _ = run_component(HERE, params={"data": text})
    pd.testing.assert_frame_equal(outputs["data"], iris)


def test_types_are_inferred_and_quoted_commas_kept() -> None:
    text = 'city,population,capital\n"Bonn, DE",330000,false\nParis,2100000,true\n'
    data = run_component(HERE, params={"data": text})[0]["data"]
    assert data["city"].tolist() == ["Bonn, DE", "Paris"]
    assert pd.api.types.is_integer_dtype(data["population"])
    assert data["capital"].tolist() == [False, True]


def test_without_a_header_columns_are_numbered() -> None:
    data = run_component(HERE, params={"data": "1,a\n2,b\n", "has_header": False})[0]["data"]
    assert list(data.columns) == ["column_1", "column_2"]
    assert data["column_1"].tolist() == [1, 2]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  \n", "at least one row"),
        ("a,b\n1,2\n3,4,5\n", "not a regular table: .*line 3"),
        ("a,,c\n1,2,3\n", "no name for column\\(s\\) 2"),
        ("a,b,a\n1,2,3\n", "names column\\(s\\) a more than once"),
    ],
)
def test_mistakes_are_named(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run_component(HERE, params={"data": text})
