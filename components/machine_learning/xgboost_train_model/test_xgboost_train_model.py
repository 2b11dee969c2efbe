"""Train XGBoost Model and Score XGBoost Model in their own environment, then Evaluate Model in
the default one, on real data.

The first run builds the XGBoost environment from PyPI into the checkout's var/environments (or
DESIGNER_ENVIRONMENTS); later runs find it there, so only that first run is slow.
"""

from pathlib import Path

import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.model_selection import train_test_split

from designer.runtime.testing import StoredValue, run_component

pytestmark = pytest.mark.slow

HERE = Path(__file__).parent
SCORE = HERE.parent / "xgboost_score_model"
EVALUATE = HERE.parents[1] / "model_scoring_evaluation" / "evaluate_model"
SCORE_MODEL = HERE.parents[1] / "model_scoring_evaluation" / "score_model"


def train_score_evaluate(frame, params: dict) -> tuple[dict, list, object]:
    train, test = train_test_split(frame, test_size=0.3, random_state=0)
    model_outputs, events = run_component(
        HERE, inputs={"data": train}, params={"label_column": "target", **params}
    )
    model = model_outputs["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert len(scored) == len(test) and list(scored.index) == list(test.index)
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    return metrics, events, scored


def test_breast_cancer_classification_is_accurate() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    metrics, events, scored = train_score_evaluate(cancer, {"n_estimators": 60, "max_depth": 3})
    assert metrics["accuracy"] > 0.93 and metrics["auc"] > 0.98
    assert scored["scored_probability"].between(0, 1).all()
    summary = events[-1]["outputs"]["model"]["summary"]
    assert summary["task"] == "classification" and summary["params"]["n_estimators"] == 60


def test_diabetes_regression_explains_variance() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    metrics, _, _ = train_score_evaluate(
        diabetes, {"task": "regression", "n_estimators": 80, "max_depth": 2, "learning_rate": 0.1}
    )
    assert metrics["r2"] > 0.3


def test_text_labels_are_predicted_as_text() -> None:
    iris = load_iris(as_frame=True)
    frame = iris.frame.assign(target=iris.target_names[iris.target])
    metrics, _, scored = train_score_evaluate(frame, {"n_estimators": 30})
    assert set(scored["scored_label"]) <= set(iris.target_names)
    assert metrics["accuracy"] > 0.9


def test_the_default_environment_cannot_load_the_model() -> None:
    iris = load_iris(as_frame=True).frame
    model = run_component(HERE, inputs={"data": iris}, params={"label_column": "target"})[0]
    assert isinstance(model["model"], StoredValue)
    assert "xgboost" in model["model"].reason
    # Score Model runs in the default environment: it says what is missing and where to go.
    with pytest.raises(ModuleNotFoundError, match="needs the Python module 'xgboost'"):
        run_component(SCORE_MODEL, inputs={"model": model["model"], "data": iris})
