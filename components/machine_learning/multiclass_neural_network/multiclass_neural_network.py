"""Multiclass Neural Network: an untrained MLPClassifier, after a scaler by default.

A network trains badly on features of very different scales, so by default it comes as a
pipeline that standardises them first. Must not fit anything.
"""

from __future__ import annotations

from sklearn.base import ClassifierMixin
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ACTIVATIONS = ("relu", "tanh", "logistic")


def run(
    hidden_layers: str = "100",
    activation: str = "relu",
    alpha: float = 0.0001,
    learning_rate_init: float = 0.001,
    max_iter: int = 500,
    early_stopping: bool = False,
    normalize: bool = True,
    seed: int = 0,
) -> ClassifierMixin:
    if activation not in ACTIVATIONS:
        raise ValueError(f"activation must be one of {', '.join(ACTIVATIONS)}, not {activation!r}")
    if alpha < 0 or not 0 < learning_rate_init <= 1 or max_iter < 1:
        raise ValueError(
            "alpha must be at least 0, learning_rate_init in (0, 1] and max_iter at least 1; "
            f"got {alpha}, {learning_rate_init} and {max_iter}"
        )
    network = MLPClassifier(
        hidden_layer_sizes=layer_sizes(hidden_layers),
        activation=activation,
        alpha=float(alpha),
        learning_rate_init=float(learning_rate_init),
        max_iter=int(max_iter),
        early_stopping=bool(early_stopping),
        random_state=int(seed),
    )
    if not normalize:
        return network
    return Pipeline([("scale", StandardScaler()), ("network", network)])


def layer_sizes(text: str) -> tuple[int, ...]:
    """``"64, 32"`` → ``(64, 32)``; every size a whole number of at least 1."""
    parts = [part.strip() for part in str(text).split(",")]
    if not all(part.isdigit() and int(part) > 0 for part in parts):
        raise ValueError(
            f"hidden_layers must be comma-separated whole numbers above 0, like 64,32; got {text!r}"
        )
    return tuple(int(part) for part in parts)
