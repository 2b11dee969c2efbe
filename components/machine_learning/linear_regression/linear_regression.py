"""Linear Regression: an untrained scikit-learn LinearRegression for Train Model to fit.

Built by ``designer.runtime.learners``. Must not fit anything: learners only carry their settings,
so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.linear_model import LinearRegression

from designer.runtime.learners import linear_regression


def run(fit_intercept: bool = True) -> LinearRegression:
    return linear_regression(fit_intercept=fit_intercept)
