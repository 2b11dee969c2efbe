"""Two-Class Logistic Regression: an untrained LogisticRegression, after a scaler by default.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.base import ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

CLASS_WEIGHTS = {"none": None, "balanced": "balanced"}


def run(
    c: float = 1.0, max_iter: int = 1000, class_weight: str = "none", normalize: bool = True
) -> ClassifierMixin:
    if c <= 0:
        raise ValueError(f"c must be greater than 0, not {c}")
    if max_iter < 1:
        raise ValueError(f"max_iter must be at least 1, not {max_iter}")
    if class_weight not in CLASS_WEIGHTS:
        raise ValueError(f"class_weight must be none or balanced, not {class_weight!r}")
    regression = LogisticRegression(
        C=float(c), max_iter=int(max_iter), class_weight=CLASS_WEIGHTS[class_weight]
    )
    if not normalize:
        return regression
    # On standardised features the solver converges in tens of iterations, not thousands, and
    # the regularisation treats every feature alike.
    return Pipeline([("scale", StandardScaler()), ("regression", regression)])
