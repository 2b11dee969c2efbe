"""Select Columns on the diabetes dataset."""

from pathlib import Path

import pytest
from sklearn.datasets import load_diabetes

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def diabetes():
    return load_diabetes(as_frame=True).frame


def test_keeps_exactly_the_asked_columns_in_order(diabetes) -> None:
    outputs, _ = run_component(
        HERE, inputs={"data": diabetes}, params={"columns": ["target", "bmi", "age"]}
    )
    selected = outputs["data"]
    assert list(selected.columns) == ["target", "bmi", "age"]
    assert len(selected) == len(diabetes)
    assert selected["bmi"].tolist() == diabetes["bmi"].tolist()


def test_keeps_attrs(diabetes) -> None:
    diabetes.attrs["source"] = "test"
    outputs, _ = run_component(HERE, inputs={"data": diabetes}, params={"columns": ["bmi"]})
    assert outputs["data"].attrs == {"source": "test"}


def test_unknown_columns_are_named(diabetes) -> None:
    with pytest.raises(ValueError, match="unknown column\\(s\\) 'height', 'weight'"):
        run_component(
            HERE, inputs={"data": diabetes}, params={"columns": ["bmi", "height", "weight"]}
        )


def test_needs_at_least_one_column(diabetes) -> None:
    with pytest.raises(ValueError, match="at least one column"):
        run_component(HERE, inputs={"data": diabetes}, params={"columns": []})
