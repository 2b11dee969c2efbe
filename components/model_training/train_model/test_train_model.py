"""Train Model on real data with the real learners."""

from pathlib import Path

import pytest
from sklearn.datasets import load_diabetes, load_iris
from sklearn.linear_model import LinearRegression, LogisticRegression

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def test_trains_a_regression_on_every_non_label_column() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    learner = LinearRegression()
    outputs, events = run_component(
        HERE, inputs={"learner": learner, "data": diabetes}, params={"label_column": "target"}
    )
    model = outputs["model"]
    assert isinstance(model, TrainedModel)
    assert model.task == "regression" and model.label_column == "target"
    assert model.feature_columns == [c for c in diabetes.columns if c != "target"]
    assert model.estimator.predict(diabetes[model.feature_columns]).shape == (442,)
    assert not hasattr(learner, "coef_"), "the learner given must stay untrained"
    metrics = [e for e in events if e["type"] == "metric"]
    assert metrics == [{"type": "metric", "name": "training_rows", "value": 442.0, "step": None}]
    progress = [(e["current"], e["total"]) for e in events if e["type"] == "progress"]
    assert progress == [(0, 1), (1, 1)]


def test_classifier_gives_a_classification_model() -> None:
    iris = load_iris(as_frame=True).frame
    outputs, _ = run_component(
        HERE,
        inputs={"learner": LogisticRegression(max_iter=1000), "data": iris},
        params={"label_column": "target"},
    )
    assert outputs["model"].task == "classification"
    assert list(outputs["model"].estimator.classes_) == [0, 1, 2]


def test_missing_label_column_is_named() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    with pytest.raises(ValueError, match="label column 'price' is not in the data"):
        run_component(
            HERE,
            inputs={"learner": LinearRegression(), "data": diabetes},
            params={"label_column": "price"},
        )


def test_label_column_is_required() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    with pytest.raises(ValueError, match="'label_column' is required"):
        run_component(HERE, inputs={"learner": LinearRegression(), "data": diabetes})


def test_text_features_are_named() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    diabetes["city"] = "Oslo"
    with pytest.raises(ValueError, match="these are not: city"):
        run_component(
            HERE,
            inputs={"learner": LinearRegression(), "data": diabetes},
            params={"label_column": "target"},
        )
