"""Two-Class Averaged Perceptron: an untrained averaged perceptron, calibrated, after a scaler.

Built by ``designer.runtime.learners.averaged_perceptron``. Must not fit anything: learners only
carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.base import BaseEstimator

from designer.runtime.learners import averaged_perceptron


def run(
    learning_rate: float = 1.0, max_iter: int = 10, normalize: bool = True, seed: int = 0
) -> BaseEstimator:
    return averaged_perceptron(
        learning_rate=learning_rate, max_iter=max_iter, normalize=normalize, seed=seed
    )
