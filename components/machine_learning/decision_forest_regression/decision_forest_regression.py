"""Decision Forest Regression: an untrained scikit-learn RandomForestRegressor for Train Model.

Built by ``designer.runtime.learners`` with the decision forest classifiers' checks. Must not fit
anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import RandomForestRegressor

from designer.runtime.learners import decision_forest_regressor


def run(
    n_estimators: int = 100,
    max_depth: int | None = None,
    min_samples_leaf: int = 1,
    seed: int = 0,
) -> RandomForestRegressor:
    return decision_forest_regressor(
        n_estimators=n_estimators,
        max_depth=max_depth,
        min_samples_leaf=min_samples_leaf,
        seed=seed,
    )
