"""The metrics Cross Validate Model reports for one fold, named as Evaluate Model 1.1 names them.

Pure functions over one fold's truth, predictions and probabilities; they must not log.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from sklearn import metrics as m


def fold_metrics(
    task: str,
    truth: np.ndarray,
    predicted: np.ndarray,
    probability: np.ndarray | None,
    positive: Any,
) -> dict[str, float | None]:
    if task == "regression":
        return {
            "r2": _number(m.r2_score(truth, predicted)),
            "mae": _number(m.mean_absolute_error(truth, predicted)),
            "rmse": _number(m.root_mean_squared_error(truth, predicted)),
        }
    if positive is None:
        return _multiclass(truth, predicted)
    return _binary(truth, predicted, probability, positive)


def _binary(
    truth: np.ndarray, predicted: np.ndarray, probability: np.ndarray | None, positive: Any
) -> dict[str, float | None]:
    options = {"pos_label": positive, "zero_division": 0}
    results = {
        "accuracy": _number(m.accuracy_score(truth, predicted)),
        "precision": _number(m.precision_score(truth, predicted, **options)),
        "recall": _number(m.recall_score(truth, predicted, **options)),
        "f1": _number(m.f1_score(truth, predicted, **options)),
    }
    if probability is not None:
        is_positive = truth == positive
        both = 0 < is_positive.sum() < len(is_positive)
        results["auc"] = _number(m.roc_auc_score(is_positive, probability)) if both else None
    return results


def _multiclass(truth: np.ndarray, predicted: np.ndarray) -> dict[str, float | None]:
    options = {"average": "macro", "zero_division": 0}
    return {
        "accuracy": _number(m.accuracy_score(truth, predicted)),
        "macro_precision": _number(m.precision_score(truth, predicted, **options)),
        "macro_recall": _number(m.recall_score(truth, predicted, **options)),
        "macro_f1": _number(m.f1_score(truth, predicted, **options)),
    }


def _number(value: float) -> float | None:
    result = float(value)
    return result if math.isfinite(result) else None
