"""Boosted Decision Tree Regression hands out an untrained booster that learns diabetes data."""

from pathlib import Path

import pytest
from sklearn.datasets import load_diabetes
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_untrained_booster_with_its_settings() -> None:
    params = {"max_iter": 20, "learning_rate": 0.3, "max_leaf_nodes": 8, "min_samples_leaf": 5}
    model = run_component(HERE, params={**params, "seed": 3})[0]["model"]
    assert isinstance(model, HistGradientBoostingRegressor)
    assert {name: model.get_params()[name] for name in params} == params
    assert model.random_state == 3 and not hasattr(model, "n_iter_")


def test_r2_on_held_out_diabetes_rows() -> None:
    train, test = train_test_split(load_diabetes(as_frame=True).frame, random_state=0)
    learner = run_component(HERE, params={"max_iter": 50, "learning_rate": 0.05})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]["r2"] > 0.2


def test_learning_rate_above_one_is_refused() -> None:
    with pytest.raises(ValueError, match="learning_rate must be above 0 and at most 1"):
        run_component(HERE, params={"learning_rate": 2.0})
