"""Metric sets by task for Evaluate Model: regression, binary and multiclass classification,
clustering; and which direction is better for each metric.

Pure functions over already chosen, already cleaned columns. They must not log, read ``attrs`` or
decide which column holds what: ``evaluate_model.py`` does that.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics as m

Metrics = dict[str, float | int | None]

# Silhouette compares every pair of rows; past this many rows it is computed on a fixed sample.
SILHOUETTE_SAMPLE = 10_000

LOWER_IS_BETTER = frozenset(
    {
        "mae",
        "rmse",
        "mse",
        "relative_absolute_error",
        "relative_squared_error",
        "log_loss",
        "davies_bouldin",
    }
)
# Counts describe the result but are neither better nor worse when larger.
NEUTRAL = frozenset({"clusters"})


def regression_metrics(truth: pd.Series, predicted: pd.Series) -> Metrics:
    actual = truth.to_numpy(dtype=float)
    guess = predicted.to_numpy(dtype=float)
    errors = actual - guess
    deviations = actual - actual.mean()
    return {
        "r2": number(m.r2_score(actual, guess)),
        "mae": number(m.mean_absolute_error(actual, guess)),
        "rmse": number(m.root_mean_squared_error(actual, guess)),
        "mse": number(m.mean_squared_error(actual, guess)),
        # Errors relative to always predicting the mean: below 1 beats that baseline.
        "relative_absolute_error": _ratio(np.abs(errors).sum(), np.abs(deviations).sum()),
        "relative_squared_error": _ratio((errors**2).sum(), (deviations**2).sum()),
    }


def binary_metrics(
    truth: pd.Series, predicted: pd.Series, positive: Any, probability: pd.Series | None
) -> Metrics:
    scores = {"pos_label": positive, "zero_division": 0}
    results = {
        "accuracy": number(m.accuracy_score(truth, predicted)),
        "precision": number(m.precision_score(truth, predicted, **scores)),
        "recall": number(m.recall_score(truth, predicted, **scores)),
        "f1": number(m.f1_score(truth, predicted, **scores)),
    }
    if probability is not None:
        is_positive = (truth == positive).to_numpy()
        # AUC needs both classes among the true labels; with one it is undefined.
        results["auc"] = (
            number(m.roc_auc_score(is_positive, probability))
            if 0 < is_positive.sum() < len(is_positive)
            else None
        )
        results["log_loss"] = number(m.log_loss(is_positive, probability, labels=[False, True]))
    return results


def multiclass_metrics(truth: pd.Series, predicted: pd.Series) -> Metrics:
    results = {"accuracy": number(m.accuracy_score(truth, predicted))}
    for average in ("macro", "micro"):
        options = {"average": average, "zero_division": 0}
        results[f"{average}_precision"] = number(m.precision_score(truth, predicted, **options))
        results[f"{average}_recall"] = number(m.recall_score(truth, predicted, **options))
        results[f"{average}_f1"] = number(m.f1_score(truth, predicted, **options))
    return results


def clustering_metrics(features: pd.DataFrame, clusters: pd.Series) -> Metrics:
    count = int(clusters.nunique())
    results: Metrics = {"clusters": count}
    # Every score below needs at least two clusters and a row that is not alone in its cluster.
    if not 2 <= count < len(clusters):
        return results | {"silhouette": None, "davies_bouldin": None, "calinski_harabasz": None}
    values = features.to_numpy(dtype=float)
    labels = clusters.to_numpy()
    sample = SILHOUETTE_SAMPLE if len(values) > SILHOUETTE_SAMPLE else None
    silhouette = m.silhouette_score(values, labels, sample_size=sample, random_state=0)
    return results | {
        "silhouette": number(silhouette),
        "davies_bouldin": number(m.davies_bouldin_score(values, labels)),
        "calinski_harabasz": number(m.calinski_harabasz_score(values, labels)),
    }


def better_of(name: str, first: float | None, second: float | None) -> str | None:
    """``"scored"``, ``"scored_2"``, ``"tie"``, or None when either is missing or it is a count."""
    if first is None or second is None or name in NEUTRAL:
        return None
    if first == second:
        return "tie"
    first_wins = first < second if name in LOWER_IS_BETTER else first > second
    return "scored" if first_wins else "scored_2"


def number(value: float) -> float | None:
    result = float(value)
    return result if math.isfinite(result) else None


def _ratio(numerator: float, denominator: float) -> float | None:
    return number(numerator / denominator) if denominator else None
