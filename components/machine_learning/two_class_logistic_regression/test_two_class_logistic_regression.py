"""Two-Class Logistic Regression through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_untrained_classifier_with_its_settings() -> None:
    params = {"c": 0.5, "max_iter": 300, "class_weight": "balanced", "normalize": False}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, LogisticRegression) and not hasattr(model, "coef_")
    assert (model.C, model.max_iter, model.class_weight) == (0.5, 300, "balanced")


def test_normalised_by_default() -> None:
    model = run_component(HERE)[0]["model"]
    assert isinstance(model, Pipeline) and list(model.named_steps) == ["scale", "regression"]
    assert model.named_steps["regression"].class_weight is None


def test_breast_cancer_accuracy_and_auc() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    train, test = train_test_split(cancer, test_size=0.3, random_state=0, stratify=cancer.target)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert scored["scored_probability"].between(0, 1).all()
    outputs, events = run_component(EVALUATE, inputs={"scored": scored})
    assert outputs["metrics"]["accuracy"] > 0.9 and outputs["metrics"]["auc"] > 0.95
    assert {"accuracy", "auc", "log_loss"} <= {e["name"] for e in events if e["type"] == "metric"}
    assert not outputs["curve"].empty


def test_non_positive_c_is_refused() -> None:
    with pytest.raises(ValueError, match="c must be greater than 0"):
        run_component(HERE, params={"c": 0})
