"""Evaluate Model: metrics comparing scored_label with the true label, logged and output as JSON.

The label column and task come from the parameter or from what Score Model left in ``attrs``;
only when neither says the task is it guessed from the label. Must not change the rows.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from sklearn import metrics as m

from designer.runtime import log_metric

LABEL = "scored_label"
PROBABILITY = "scored_probability"
# An integer label with at most this many distinct values is read as classes, not quantities.
MAX_GUESSED_CLASSES = 20


def run(scored: pd.DataFrame, label_column: str | None = None) -> dict[str, float | None]:
    label_column = label_column or scored.attrs.get("label_column")
    if not label_column:
        raise ValueError(
            "set label_column: the data does not say which column holds the true label"
        )
    for column in (label_column, LABEL):
        if column not in scored.columns:
            raise ValueError(
                f"column {column!r} is not in the scored data (score it with Score Model)"
            )
    rows = scored.dropna(subset=[label_column, LABEL])
    if rows.empty:
        raise ValueError(f"no rows have both {label_column!r} and {LABEL!r} to compare")
    task = scored.attrs.get("task") or _guess_task(rows[label_column])
    if task == "classification":
        results = _classification(rows[label_column], rows[LABEL], rows.get(PROBABILITY))
    elif task == "regression":
        results = _regression(rows[label_column], rows[LABEL])
    else:
        raise ValueError(f"cannot evaluate a {task} model against a label column")
    for name, value in results.items():
        if value is not None:
            log_metric(name, value)
    return results


def _guess_task(label: pd.Series) -> str:
    if pd.api.types.is_float_dtype(label) or (
        pd.api.types.is_integer_dtype(label) and label.nunique() > MAX_GUESSED_CLASSES
    ):
        return "regression"
    return "classification"


def _regression(truth: pd.Series, predicted: pd.Series) -> dict[str, float | None]:
    return {
        "r2": _number(m.r2_score(truth, predicted)),
        "mae": _number(m.mean_absolute_error(truth, predicted)),
        "rmse": _number(m.root_mean_squared_error(truth, predicted)),
    }


def _classification(
    truth: pd.Series, predicted: pd.Series, probability: pd.Series | None
) -> dict[str, float | None]:
    classes = np.unique(np.concatenate([truth.to_numpy(), predicted.to_numpy()]))
    binary = len(classes) == 2
    # Binary: the larger class is positive, matching Score Model's probability of classes_[1].
    average = {"average": "binary", "pos_label": classes[-1]} if binary else {"average": "macro"}
    results = {
        "accuracy": _number(m.accuracy_score(truth, predicted)),
        "precision": _number(m.precision_score(truth, predicted, zero_division=0, **average)),
        "recall": _number(m.recall_score(truth, predicted, zero_division=0, **average)),
        "f1": _number(m.f1_score(truth, predicted, zero_division=0, **average)),
    }
    # AUC needs both classes among the true labels; with one it is undefined, so it is left out.
    if binary and probability is not None and truth.nunique() == 2:
        results["auc"] = _number(m.roc_auc_score(truth == classes[-1], probability))
    return results


def _number(value: float) -> float | None:
    number = float(value)
    return number if math.isfinite(number) else None
