"""Neural Network Regression: an untrained MLPRegressor, normalised by default, for Train Model.

A network trains badly on unscaled inputs and targets, so by default the regressor is wrapped to
standardise both (and to map predictions back). Built by ``designer.runtime.learners``. Must not fit
anything.
"""

from __future__ import annotations

from sklearn.base import BaseEstimator

from designer.runtime.learners import neural_network_regressor


def run(
    hidden_layers: str = "100",
    activation: str = "relu",
    alpha: float = 0.0001,
    learning_rate_init: float = 0.001,
    max_iter: int = 200,
    early_stopping: bool = True,
    normalize: bool = True,
    seed: int = 0,
) -> BaseEstimator:
    return neural_network_regressor(
        hidden_layers=hidden_layers,
        activation=activation,
        alpha=alpha,
        learning_rate_init=learning_rate_init,
        max_iter=max_iter,
        early_stopping=early_stopping,
        normalize=normalize,
        seed=seed,
    )
