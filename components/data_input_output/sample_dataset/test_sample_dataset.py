"""Sample Dataset on the real bundled data."""

from pathlib import Path

import pandas as pd
import pytest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_diabetes_has_442_rows_and_a_target_column() -> None:
    outputs, _ = run_component(HERE)
    data = outputs["data"]
    assert len(data) == 442
    assert "target" in data.columns
    assert {"age", "bmi", "s6"} <= set(data.columns)


@pytest.mark.parametrize(
    ("dataset", "rows", "classes"), [("iris", 150, 3), ("wine", 178, 3), ("breast_cancer", 569, 2)]
)
def test_classification_datasets_keep_integer_labels(dataset: str, rows: int, classes: int) -> None:
    outputs, _ = run_component(HERE, params={"dataset": dataset})
    data = outputs["data"]
    assert len(data) == rows
    assert pd.api.types.is_integer_dtype(data["target"])
    assert data["target"].nunique() == classes


def test_unknown_dataset_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown dataset 'titanic'"):
        run_component(HERE, params={"dataset": "titanic"})
