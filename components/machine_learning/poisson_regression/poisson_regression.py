"""Poisson Regression: an untrained scikit-learn PoissonRegressor for Train Model to fit.

Built by ``designer.runtime.learners``. Must not fit anything: learners only carry their settings,
so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.linear_model import PoissonRegressor

from designer.runtime.learners import poisson_regression


def run(alpha: float = 1.0, max_iter: int = 1000) -> PoissonRegressor:
    return poisson_regression(alpha=alpha, max_iter=max_iter)
