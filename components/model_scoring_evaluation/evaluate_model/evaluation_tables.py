"""The tables Evaluate Model outputs besides its metrics: ROC points and a long confusion matrix.

Pure functions over already chosen, already cleaned columns; they must not log or read ``attrs``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics as m

CURVE_COLUMNS = ["fpr", "tpr", "threshold"]
CONFUSION_COLUMNS = ["actual", "predicted", "count"]


def roc_points(truth: pd.Series, probability: pd.Series, positive: Any) -> pd.DataFrame:
    """The ROC curve from (0, 0) to (1, 1); the first threshold is infinite (nothing positive)."""
    is_positive = (truth == positive).to_numpy()
    if is_positive.all() or not is_positive.any():
        return empty_curve()
    fpr, tpr, thresholds = m.roc_curve(is_positive, probability.to_numpy(dtype=float))
    return pd.DataFrame({"fpr": fpr, "tpr": tpr, "threshold": thresholds})


def confusion_rows(truth: pd.Series, predicted: pd.Series, classes: np.ndarray) -> pd.DataFrame:
    """One row per (actual, predicted) pair of classes, zero counts included."""
    matrix = m.confusion_matrix(truth, predicted, labels=classes)
    names = classes.tolist()
    rows = [
        (actual, guess, int(matrix[i, j]))
        for i, actual in enumerate(names)
        for j, guess in enumerate(names)
    ]
    return pd.DataFrame(rows, columns=CONFUSION_COLUMNS)


def empty_curve() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=float) for name in CURVE_COLUMNS})


def empty_confusion() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "actual": pd.Series(dtype=object),
            "predicted": pd.Series(dtype=object),
            "count": pd.Series(dtype="int64"),
        }
    )
