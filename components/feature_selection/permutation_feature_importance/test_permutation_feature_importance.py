"""Permutation Feature Importance for models fitted on diabetes and breast cancer rows."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent


@pytest.fixture
def diabetes_model() -> tuple[TrainedModel, pd.DataFrame]:
    diabetes = load_diabetes(as_frame=True).frame
    train, test = diabetes.iloc[:300], diabetes.iloc[300:].reset_index(drop=True)
    features = [column for column in diabetes.columns if column != "target"]
    estimator = LinearRegression().fit(train[features], train["target"])
    return TrainedModel(estimator, "target", features, "regression"), test


def _importances(model: TrainedModel, data: pd.DataFrame, **params) -> tuple[pd.DataFrame, list]:
    outputs, events = run_component(HERE, inputs={"model": model, "data": data}, params=params)
    return outputs["importances"], events


def test_regression_ranks_the_features_the_model_leans_on(diabetes_model) -> None:
    model, test = diabetes_model
    table, events = _importances(model, test)
    assert sorted(table["feature"]) == sorted(model.feature_columns)
    assert table["importance"].is_monotonic_decreasing
    # bmi and s5 carry most of this linear model's signal on these rows.
    assert set(table["feature"].head(2)) == {"bmi", "s5"}
    assert (table["std"] >= 0).all()
    r2 = next(e["value"] for e in events if e["type"] == "metric" and e["name"] == "r2")
    assert 0.3 < r2 < 0.7


def test_same_seed_same_numbers_and_error_metrics_point_the_same_way(diabetes_model) -> None:
    model, test = diabetes_model
    first, _ = _importances(model, test, seed=3)
    again, _ = _importances(model, test, seed=3)
    pd.testing.assert_frame_equal(first, again)
    mae, _ = _importances(model, test, metric="mean_absolute_error")
    assert mae["feature"].iloc[0] in {"bmi", "s5"}
    assert mae["importance"].iloc[0] > 0


def test_classification_with_accuracy() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    features = [column for column in cancer.columns if column != "target"][:10]
    estimator = make_pipeline(StandardScaler(), LogisticRegression()).fit(
        cancer[features], cancer["target"]
    )
    model = TrainedModel(estimator, "target", features, "classification")
    table, events = _importances(model, cancer, repeats=3)
    assert len(table) == 10
    accuracy = next(e["value"] for e in events if e.get("name") == "accuracy")
    assert accuracy > 0.9
    assert table["importance"].iloc[0] > 0


def test_wrong_input_is_explained(diabetes_model) -> None:
    model, test = diabetes_model
    with pytest.raises(ValueError, match="accuracy scores classification models, but this model"):
        _importances(model, test, metric="accuracy")
    with pytest.raises(ValueError, match="lacks the label column 'target'"):
        _importances(model, test.drop(columns="target"))
    gappy = test.copy()
    gappy.loc[4, "bmi"] = np.nan
    with pytest.raises(ValueError, match="row 4 \\(and 0 more\\) has missing values"):
        _importances(model, gappy)
    with pytest.raises(TypeError, match="model must be a trained model"):
        _importances(LinearRegression(), test)
