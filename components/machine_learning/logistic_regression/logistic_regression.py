"""Logistic Regression: an untrained scikit-learn LogisticRegression for Train Model to fit.

Built by ``designer.runtime.learners``: the two-class learner's regression without the class weights
or the scaler, which this component does not offer. Must not fit anything: learners only carry their
settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.linear_model import LogisticRegression

from designer.runtime.learners import logistic_regression


def run(c: float = 1.0, max_iter: int = 1000) -> LogisticRegression:
    return logistic_regression(c=c, max_iter=max_iter, class_weight="none", normalize=False)
