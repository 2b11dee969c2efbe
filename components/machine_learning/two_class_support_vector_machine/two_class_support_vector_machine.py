"""Two-Class Support Vector Machine: an untrained SVC with calibrated probabilities.

An SVC has decision values, not probabilities, and Score Model needs ``predict_proba`` to write
``scored_probability``: ``designer.runtime.learners`` wraps the machine in sigmoid (Platt)
calibration, which scikit-learn recommends over the deprecated ``SVC(probability=True)``. Must not
fit anything.
"""

from __future__ import annotations

from sklearn.base import BaseEstimator

from designer.runtime.learners import support_vector_machine


def run(
    kernel: str = "rbf", c: float = 1.0, class_weight: str = "none", normalize: bool = True
) -> BaseEstimator:
    return support_vector_machine(
        kernel=kernel, c=c, class_weight=class_weight, normalize=normalize
    )
