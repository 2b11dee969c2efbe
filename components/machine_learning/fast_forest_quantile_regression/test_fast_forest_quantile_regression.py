"""Fast Forest Quantile Regression on the diabetes data: intervals that cover what they claim."""

from pathlib import Path

import numpy as np
import pytest
from sklearn.datasets import load_diabetes
from sklearn.model_selection import train_test_split

from designer.runtime.quantile_forest import QuantileForestRegressor
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


@pytest.fixture(scope="module")
def trained():
    train, test = train_test_split(load_diabetes(as_frame=True).frame, random_state=0)
    learner = run_component(HERE, params={"n_estimators": 60})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    return model, train, test


def test_untrained_forest_with_its_settings() -> None:
    params = {"n_estimators": 7, "max_leaf_nodes": None, "min_samples_leaf": 3, "seed": 5}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, QuantileForestRegressor) and not hasattr(model, "forest_")
    assert (model.n_estimators, model.max_leaf_nodes, model.min_samples_leaf) == (7, None, 3)
    assert (model.max_features, model.max_samples, model.random_state) == (0.7, 0.7, 5)


def test_held_out_targets_fall_inside_their_intervals_as_often_as_claimed(trained) -> None:
    model, _, test = trained
    features = test[model.feature_columns]
    bounds = model.estimator.predict_quantiles(features, [0.1, 0.5, 0.9])
    assert (np.diff(bounds, axis=1) >= 0).all(), "quantiles must not cross"
    inside = (test["target"] >= bounds[:, 0]) & (test["target"] <= bounds[:, 2])
    assert 0.7 < inside.mean() < 0.92
    # Wider quantiles give wider intervals, from the same trained forest.
    wide = model.estimator.predict_quantiles(features, [0.02, 0.98])
    assert (wide[:, 1] - wide[:, 0] >= bounds[:, 2] - bounds[:, 0]).all()


def test_score_model_gives_the_median_as_a_regression(trained) -> None:
    model, _, test = trained
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    median = model.estimator.predict_quantiles(test[model.feature_columns], [0.5])[:, 0]
    np.testing.assert_allclose(scored["scored_label"], median)
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["r2"] > 0.2


def test_small_leaves_need_at_least_one_row() -> None:
    with pytest.raises(ValueError, match="min_samples_leaf must be at least 1"):
        run_component(HERE, params={"min_samples_leaf": 0})
