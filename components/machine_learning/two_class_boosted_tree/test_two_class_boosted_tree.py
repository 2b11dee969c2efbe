"""Two-Class Boosted Decision Tree through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_untrained_booster_with_its_settings() -> None:
    params = {"max_iter": 12, "learning_rate": 0.2, "class_weight": "balanced"}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, HistGradientBoostingClassifier) and not hasattr(model, "n_iter_")
    assert {name: model.get_params()[name] for name in params} == params


def test_breast_cancer_accuracy_and_auc() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    train, test = train_test_split(cancer, test_size=0.3, random_state=0, stratify=cancer.target)
    learner = run_component(HERE, params={"max_iter": 40})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.9 and metrics["auc"] > 0.97


def test_one_leaf_trees_are_refused() -> None:
    with pytest.raises(ValueError, match="max_leaf_nodes must be at least 2"):
        run_component(HERE, params={"max_leaf_nodes": 1})
