"""Fast Forest Quantile Regression: an untrained quantile regression forest for Train Model.

Built by ``designer.runtime.learners.quantile_forest``; the forest itself is
``designer.runtime.quantile_forest.QuantileForestRegressor``. Must not fit anything: learners
only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from designer.runtime.learners import quantile_forest
from designer.runtime.quantile_forest import QuantileForestRegressor


def run(
    n_estimators: int = 100,
    max_leaf_nodes: int | None = 20,
    min_samples_leaf: int = 10,
    feature_fraction: float = 0.7,
    bagging_fraction: float = 0.7,
    seed: int = 0,
) -> QuantileForestRegressor:
    return quantile_forest(
        n_estimators=n_estimators,
        max_leaf_nodes=max_leaf_nodes,
        min_samples_leaf=min_samples_leaf,
        feature_fraction=feature_fraction,
        bagging_fraction=bagging_fraction,
        seed=seed,
    )
