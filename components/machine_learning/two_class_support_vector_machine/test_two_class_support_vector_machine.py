"""Two-Class Support Vector Machine through Train Model, Score Model and Evaluate Model 1.1."""

from pathlib import Path

import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import load_breast_cancer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.svm import SVC

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_normalised_calibrated_machine_with_its_settings() -> None:
    params = {"kernel": "linear", "c": 0.5, "class_weight": "balanced"}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, Pipeline) and list(model.named_steps) == ["scale", "svm"]
    machine = model.named_steps["svm"].estimator
    assert isinstance(machine, SVC)
    assert (machine.kernel, machine.C, machine.class_weight) == ("linear", 0.5, "balanced")


def test_without_normalize_it_is_the_calibrated_machine() -> None:
    model = run_component(HERE, params={"normalize": False})[0]["model"]
    assert isinstance(model, CalibratedClassifierCV) and model.estimator.kernel == "rbf"


def test_scores_breast_cancer_with_probabilities() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    train, test = train_test_split(cancer, test_size=0.3, random_state=0, stratify=cancer.target)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    probability = scored["scored_probability"]
    assert probability.between(0, 1).all()
    assert ((probability > 0.5) == (scored["scored_label"] == 1)).all()
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.93 and metrics["auc"] > 0.98


def test_unknown_kernel_is_refused() -> None:
    with pytest.raises(ValueError, match="kernel must be one of rbf, linear, poly, sigmoid"):
        run_component(HERE, params={"kernel": "cubic"})
