"""Linear Regression: an untrained scikit-learn LinearRegression for Train Model to fit.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.linear_model import LinearRegression


def run(fit_intercept: bool = True) -> LinearRegression:
    return LinearRegression(fit_intercept=bool(fit_intercept))
