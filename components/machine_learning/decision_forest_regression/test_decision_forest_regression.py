"""Decision Forest Regression hands out an untrained forest that learns the diabetes data."""

from pathlib import Path

import pytest
from sklearn.datasets import load_diabetes
from sklearn.ensemble import RandomForestRegressor
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_untrained_forest_with_its_settings() -> None:
    params = {"n_estimators": 7, "max_depth": 4, "min_samples_leaf": 3, "seed": 5}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, RandomForestRegressor)
    assert (model.n_estimators, model.max_depth, model.min_samples_leaf) == (7, 4, 3)
    assert model.random_state == 5 and not hasattr(model, "estimators_")


def test_trees_grow_without_a_depth_limit_by_default() -> None:
    assert run_component(HERE)[0]["model"].max_depth is None


def test_learns_diabetes_progression() -> None:
    train, test = train_test_split(load_diabetes(as_frame=True).frame, random_state=0)
    learner = run_component(HERE, params={"n_estimators": 30, "min_samples_leaf": 5})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    assert run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]["r2"] > 0.2


def test_zero_trees_are_refused() -> None:
    with pytest.raises(ValueError, match="n_estimators must be at least 1"):
        run_component(HERE, params={"n_estimators": 0})
