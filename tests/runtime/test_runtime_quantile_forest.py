"""The quantile regression forest: weights, blocks and quantiles, on the diabetes data."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.datasets import load_diabetes

from designer.runtime import quantile_forest
from designer.runtime.quantile_forest import QuantileForestRegressor


@pytest.fixture(scope="module")
def fitted():
    diabetes = load_diabetes()
    forest = QuantileForestRegressor(n_estimators=25, random_state=0)
    return forest.fit(diabetes.data[:300], diabetes.target[:300]), diabetes


def test_each_row_s_weights_sum_to_one(fitted) -> None:
    forest, diabetes = fitted
    weights = forest._weights(forest.forest_.apply(diabetes.data[300:320]))
    np.testing.assert_allclose(weights.sum(axis=1), 1)
    assert (weights >= 0).all()


def test_quantiles_are_training_targets_and_do_not_cross(fitted) -> None:
    forest, diabetes = fitted
    found = forest.predict_quantiles(diabetes.data[300:], [0, 0.25, 0.5, 0.75, 1])
    assert np.isin(found, diabetes.target[:300]).all()
    assert (np.diff(found, axis=1) >= 0).all()
    np.testing.assert_array_equal(forest.predict(diabetes.data[300:]), found[:, 2])


def test_scoring_in_small_blocks_gives_the_same_quantiles(fitted, monkeypatch) -> None:
    forest, diabetes = fitted
    whole = forest.predict_quantiles(diabetes.data[300:], [0.1, 0.9])
    monkeypatch.setattr(quantile_forest, "WEIGHT_CELLS", 1000)
    np.testing.assert_array_equal(forest.predict_quantiles(diabetes.data[300:], [0.1, 0.9]), whole)


def test_quantiles_outside_zero_to_one_are_refused(fitted) -> None:
    forest, diabetes = fitted
    with pytest.raises(ValueError, match="quantiles must be between 0 and 1"):
        forest.predict_quantiles(diabetes.data[:3], [1.5])
