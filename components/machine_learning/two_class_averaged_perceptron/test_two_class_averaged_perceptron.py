"""Two-Class Averaged Perceptron through Train Model, Score Model and Evaluate Model."""

from pathlib import Path

import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import SGDClassifier
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_untrained_averaged_perceptron_with_its_settings() -> None:
    params = {"learning_rate": 0.5, "max_iter": 20, "normalize": False, "seed": 3}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, CalibratedClassifierCV) and not hasattr(model, "classes_")
    perceptron = model.estimator
    assert isinstance(perceptron, SGDClassifier)
    assert (perceptron.loss, perceptron.average, perceptron.eta0) == ("perceptron", True, 0.5)
    assert (perceptron.max_iter, perceptron.random_state) == (20, 3)


def test_normalised_by_default() -> None:
    model = run_component(HERE)[0]["model"]
    assert isinstance(model, Pipeline) and list(model.named_steps) == ["scale", "perceptron"]


def test_breast_cancer_accuracy_and_roc() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    train, test = train_test_split(cancer, test_size=0.3, random_state=0, stratify=cancer.target)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    assert model.task == "classification"
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert scored["scored_probability"].between(0, 1).all()
    outputs = run_component(EVALUATE, inputs={"scored": scored})[0]
    assert outputs["metrics"]["accuracy"] > 0.9 and outputs["metrics"]["auc"] > 0.95
    assert len(outputs["curve"]) > 2


def test_non_positive_learning_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="learning_rate must be greater than 0"):
        run_component(HERE, params={"learning_rate": 0})
