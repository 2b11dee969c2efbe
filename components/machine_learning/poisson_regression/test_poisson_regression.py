"""Poisson Regression hands out an untrained estimator that trains on a real count-like target."""

from pathlib import Path

import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import PoissonRegressor
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_untrained_poisson_regressor_with_its_settings() -> None:
    model = run_component(HERE, params={"alpha": 0.5, "max_iter": 50})[0]["model"]
    assert isinstance(model, PoissonRegressor)
    assert (model.alpha, model.max_iter) == (0.5, 50)
    assert not hasattr(model, "coef_")


def test_predicts_positive_values_that_follow_the_target() -> None:
    train, test = train_test_split(load_diabetes(as_frame=True).frame, random_state=0)
    learner = run_component(HERE)[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert (scored["scored_label"] > 0).all()
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["r2"] > 0.25


def test_negative_alpha_is_refused() -> None:
    with pytest.raises(ValueError, match="alpha must be at least 0"):
        run_component(HERE, params={"alpha": -1.0})
