"""Multiclass Logistic Regression through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.datasets import load_iris, load_wine
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
    params = {"c": 2.0, "class_weight": "balanced", "normalize": False}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, LogisticRegression) and not hasattr(model, "coef_")
    assert (model.C, model.max_iter, model.class_weight) == (2.0, 1000, "balanced")


def test_normalised_by_default() -> None:
    model = run_component(HERE)[0]["model"]
    assert isinstance(model, Pipeline) and list(model.named_steps) == ["scale", "regression"]


@pytest.mark.parametrize("load", [load_iris, load_wine], ids=["iris", "wine"])
def test_accuracy_over_three_classes(load) -> None:
    frame = load(as_frame=True).frame
    train, test = train_test_split(frame, test_size=0.3, random_state=0, stratify=frame.target)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    assert list(model.estimator.classes_) == [0, 1, 2]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    outputs = run_component(EVALUATE, inputs={"scored": scored})[0]
    assert outputs["metrics"]["accuracy"] > 0.9 and outputs["metrics"]["macro_f1"] > 0.9
    assert len(outputs["confusion"]) == 9


def test_unknown_class_weight_is_refused() -> None:
    with pytest.raises(ValueError, match="class_weight must be none or balanced"):
        run_component(HERE, params={"class_weight": "heavy"})
