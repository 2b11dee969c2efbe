"""One-vs-One Multiclass turns a two-class learner into an iris classifier."""

from pathlib import Path

import pytest
from sklearn.datasets import load_iris
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsOneClassifier

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SVM = ROOT / "machine_learning" / "two_class_support_vector_machine"
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_wraps_an_untrained_copy() -> None:
    binary = run_component(SVM, params={"kernel": "linear"})[0]["model"]
    model = run_component(HERE, inputs={"learner": binary})[0]["model"]
    assert isinstance(model, OneVsOneClassifier) and not hasattr(model, "estimators_")


def test_one_machine_per_pair_of_iris_species() -> None:
    iris = load_iris(as_frame=True).frame
    train, test = train_test_split(iris, test_size=0.3, random_state=0, stratify=iris.target)
    binary = run_component(SVM)[0]["model"]
    learner = run_component(HERE, inputs={"learner": binary})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    assert len(model.estimator.estimators_) == 3  # 3 species → 3 pairs
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert "scored_probability" not in scored.columns
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.9


def test_a_regressor_is_refused() -> None:
    with pytest.raises(TypeError, match="learner must be an untrained classifier"):
        run_component(HERE, inputs={"learner": LinearRegression()})
