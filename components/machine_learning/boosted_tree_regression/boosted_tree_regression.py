"""Boosted Decision Tree Regression: an untrained HistGradientBoostingRegressor for Train Model.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import HistGradientBoostingRegressor


def run(
    max_iter: int = 100,
    learning_rate: float = 0.1,
    max_leaf_nodes: int = 31,
    min_samples_leaf: int = 20,
    seed: int = 0,
) -> HistGradientBoostingRegressor:
    if not 0 < learning_rate <= 1:
        raise ValueError(f"learning_rate must be above 0 and at most 1, not {learning_rate}")
    for name, value, least in (
        ("max_iter", max_iter, 1),
        ("max_leaf_nodes", max_leaf_nodes, 2),
        ("min_samples_leaf", min_samples_leaf, 1),
    ):
        if value < least:
            raise ValueError(f"{name} must be at least {least}, not {value}")
    return HistGradientBoostingRegressor(
        max_iter=int(max_iter),
        learning_rate=float(learning_rate),
        max_leaf_nodes=int(max_leaf_nodes),
        min_samples_leaf=int(min_samples_leaf),
        random_state=int(seed),
    )
