"""Logistic Regression: an untrained scikit-learn LogisticRegression for Train Model to fit.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.linear_model import LogisticRegression


def run(c: float = 1.0, max_iter: int = 1000) -> LogisticRegression:
    if c <= 0:
        raise ValueError(f"c must be greater than 0, not {c}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1, not {max_iter}")
    return LogisticRegression(C=float(c), max_iter=int(max_iter))
