"""Apply Transformation on the breast cancer data with transforms fitted by other components."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
NORMALIZE = HERE.parent / "normalize_data"
CLEAN = HERE.parent / "clean_missing_data"


@pytest.fixture
def cancer() -> pd.DataFrame:
    return load_breast_cancer(as_frame=True).frame


def test_applies_a_fitted_scaling_to_new_rows(cancer) -> None:
    train, new = cancer.iloc[:400], cancer.iloc[400:].reset_index(drop=True)
    transform = run_component(
        NORMALIZE, inputs={"data": train}, params={"columns": ["mean radius"], "method": "minmax"}
    )[0]["transform"]
    data = run_component(HERE, inputs={"transform": transform, "data": new})[0]["data"]
    low, high = train["mean radius"].min(), train["mean radius"].max()
    np.testing.assert_allclose(data["mean radius"], (new["mean radius"] - low) / (high - low))
    assert data["mean texture"].tolist() == new["mean texture"].tolist()


def test_applies_a_fitted_cleaning_to_new_rows(cancer) -> None:
    train = cancer.iloc[:400].copy()
    new = cancer.iloc[400:].reset_index(drop=True)
    new.loc[[0, 5], "worst area"] = np.nan
    transform = run_component(
        CLEAN, inputs={"data": train}, params={"columns": ["worst area"], "mode": "median"}
    )[0]["transform"]
    data = run_component(HERE, inputs={"transform": transform, "data": new})[0]["data"]
    assert data.loc[[0, 5], "worst area"].tolist() == [train["worst area"].median()] * 2


def test_a_missing_column_is_named(cancer) -> None:
    transform = run_component(
        NORMALIZE, inputs={"data": cancer}, params={"columns": ["mean area"]}
    )[0]["transform"]
    with pytest.raises(ValueError, match="lacks column\\(s\\) 'mean area' that the zscore"):
        run_component(
            HERE, inputs={"transform": transform, "data": cancer.drop(columns=["mean area"])}
        )


def test_an_object_without_apply_is_refused(cancer) -> None:
    model = TrainedModel(estimator=None, label_column="target")
    with pytest.raises(TypeError, match="with an apply\\(data\\) method.*got TrainedModel"):
        run_component(HERE, inputs={"transform": model, "data": cancer})
