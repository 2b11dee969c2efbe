"""Two-Class Logistic Regression: an untrained LogisticRegression, after a scaler by default.

Built by ``designer.runtime.learners``, like Multiclass Logistic Regression: the two differ only in
name and docs. Must not fit anything: learners only carry their settings, so one learner can feed
many trainings.
"""

from __future__ import annotations

from sklearn.base import BaseEstimator

from designer.runtime.learners import logistic_regression


def run(
    c: float = 1.0, max_iter: int = 1000, class_weight: str = "none", normalize: bool = True
) -> BaseEstimator:
    return logistic_regression(
        c=c, max_iter=max_iter, class_weight=class_weight, normalize=normalize
    )
