"""Multiclass Decision Forest through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.datasets import load_iris, load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def _held_out_metrics(frame) -> dict:
    train, test = train_test_split(frame, test_size=0.3, random_state=0, stratify=frame.target)
    learner = run_component(HERE, params={"n_estimators": 30})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    return run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]


def test_untrained_forest_with_its_defaults() -> None:
    model = run_component(HERE)[0]["model"]
    assert isinstance(model, RandomForestClassifier) and not hasattr(model, "estimators_")
    assert (model.n_estimators, model.max_depth, model.random_state) == (100, None, 0)


@pytest.mark.parametrize("load", [load_iris, load_wine], ids=["iris", "wine"])
def test_accuracy_over_three_classes(load) -> None:
    metrics = _held_out_metrics(load(as_frame=True).frame)
    assert metrics["accuracy"] > 0.85 and metrics["macro_f1"] > 0.85


def test_negative_depth_is_refused() -> None:
    with pytest.raises(ValueError, match="max_depth must be at least 1 or empty"):
        run_component(HERE, params={"max_depth": 0})
