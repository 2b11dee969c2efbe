"""Decision Forest Regression: an untrained scikit-learn RandomForestRegressor for Train Model.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import RandomForestRegressor


def run(
    n_estimators: int = 100,
    max_depth: int | None = None,
    min_samples_leaf: int = 1,
    seed: int = 0,
) -> RandomForestRegressor:
    for name, value in (("n_estimators", n_estimators), ("min_samples_leaf", min_samples_leaf)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")
    if max_depth is not None and max_depth < 1:
        raise ValueError(f"max_depth must be at least 1 or empty, not {max_depth}")
    return RandomForestRegressor(
        n_estimators=int(n_estimators),
        max_depth=None if max_depth is None else int(max_depth),
        min_samples_leaf=int(min_samples_leaf),
        random_state=int(seed),
    )
