"""Multiclass Neural Network: an untrained MLPClassifier, after a scaler by default.

A network trains badly on features of very different scales, so by default it comes as a pipeline
that standardises them first. Built by ``designer.runtime.learners``, like Two-Class Neural Network:
the two differ only in name and docs. Must not fit anything.
"""

from __future__ import annotations

from sklearn.base import BaseEstimator

from designer.runtime.learners import neural_network_classifier


def run(
    hidden_layers: str = "100",
    activation: str = "relu",
    alpha: float = 0.0001,
    learning_rate_init: float = 0.001,
    max_iter: int = 500,
    early_stopping: bool = False,
    normalize: bool = True,
    seed: int = 0,
) -> BaseEstimator:
    return neural_network_classifier(
        hidden_layers=hidden_layers,
        activation=activation,
        alpha=alpha,
        learning_rate_init=learning_rate_init,
        max_iter=max_iter,
        early_stopping=early_stopping,
        normalize=normalize,
        seed=seed,
    )
