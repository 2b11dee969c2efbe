"""Boosted Decision Tree Regression: an untrained HistGradientBoostingRegressor for Train Model.

Built by ``designer.runtime.learners`` with the boosted tree classifiers' checks. Must not fit
anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import HistGradientBoostingRegressor

from designer.runtime.learners import boosted_tree_regressor


def run(
    max_iter: int = 100,
    learning_rate: float = 0.1,
    max_leaf_nodes: int = 31,
    min_samples_leaf: int = 20,
    seed: int = 0,
) -> HistGradientBoostingRegressor:
    return boosted_tree_regressor(
        max_iter=max_iter,
        learning_rate=learning_rate,
        max_leaf_nodes=max_leaf_nodes,
        min_samples_leaf=min_samples_leaf,
        seed=seed,
    )
