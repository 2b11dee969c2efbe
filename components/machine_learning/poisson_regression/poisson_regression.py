"""Poisson Regression: an untrained scikit-learn PoissonRegressor for Train Model to fit.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.linear_model import PoissonRegressor


def run(alpha: float = 1.0, max_iter: int = 1000) -> PoissonRegressor:
    if alpha < 0:
        raise ValueError(f"alpha must be at least 0, not {alpha}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1, not {max_iter}")
    return PoissonRegressor(alpha=float(alpha), max_iter=int(max_iter))
