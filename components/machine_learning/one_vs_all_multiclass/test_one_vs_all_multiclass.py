"""One-vs-All Multiclass turns two-class learners into a wine classifier."""

from pathlib import Path

import pytest
from sklearn.datasets import load_wine
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split
from sklearn.multiclass import OneVsRestClassifier

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
LOGISTIC = ROOT / "machine_learning" / "two_class_logistic_regression"
SVM = ROOT / "machine_learning" / "two_class_support_vector_machine"
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def _wine_metrics(binary_learner_dir: Path, params: dict) -> tuple[dict, object]:
    wine = load_wine(as_frame=True).frame
    train, test = train_test_split(wine, test_size=0.3, random_state=0, stratify=wine.target)
    binary = run_component(binary_learner_dir, params=params)[0]["model"]
    learner = run_component(HERE, inputs={"learner": binary})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    return run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"], model


def test_wraps_an_untrained_copy() -> None:
    binary = run_component(LOGISTIC, params={"c": 0.3})[0]["model"]
    model = run_component(HERE, inputs={"learner": binary})[0]["model"]
    assert isinstance(model, OneVsRestClassifier)
    assert model.estimator.named_steps["regression"].C == 0.3
    assert not hasattr(model, "estimators_")


@pytest.mark.parametrize(
    ("learner_dir", "params"),
    [(LOGISTIC, {}), (SVM, {"kernel": "linear"})],
    ids=["logistic_regression", "support_vector_machine"],
)
def test_one_binary_model_per_wine_cultivar(learner_dir: Path, params: dict) -> None:
    metrics, model = _wine_metrics(learner_dir, params)
    assert len(model.estimator.estimators_) == 3
    assert metrics["accuracy"] > 0.9


def test_a_regressor_is_refused() -> None:
    with pytest.raises(TypeError, match="learner must be an untrained classifier"):
        run_component(HERE, inputs={"learner": LinearRegression()})
