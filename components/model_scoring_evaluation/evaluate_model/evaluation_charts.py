"""What the run view needs to draw Evaluate Model's charts, as one JSON-ready dict per input.

Pure functions over already chosen, already cleaned columns, like ``evaluation_tables.py``. Every
list is bounded (curves and the thresholds table by ``MAX_POINTS``, scatter points by
``MAX_SCATTER``), every number is finite (JSON has no infinity), and columns are stored as lists
side by side (``{"fpr": [...], "tpr": [...]}``) to keep the output small.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
from sklearn import metrics as m

# Points kept on a curve, and thresholds in the table the threshold slider reads.
MAX_POINTS = 200
# Rows kept for the residual and predicted-vs-actual scatter plots.
MAX_SCATTER = 2000
HISTOGRAM_BINS = 20
# Decimal places kept: well past what a chart or a four-digit metric shows.
DIGITS = 6
SAMPLE_SEED = 0


def binary_charts(
    truth: pd.Series, probability: pd.Series, positive: Any, negative: Any
) -> dict[str, Any]:
    """ROC, precision-recall, lift and gains, the thresholds table and the score histogram."""
    is_positive = (truth == positive).to_numpy()
    scores = probability.to_numpy(dtype=float)
    charts: dict[str, Any] = {
        "task": "binary",
        "positive_class": _plain(positive),
        "negative_class": _plain(negative),
        "rows": len(scores),
        "positives": int(is_positive.sum()),
        "thresholds": thresholds_table(is_positive, scores),
        "score_histogram": _split_histogram(scores, is_positive, (0.0, 1.0)),
    }
    if is_positive.all() or not is_positive.any():
        return charts  # one class only: no curve is defined
    fpr, tpr, roc_thresholds = m.roc_curve(is_positive, scores)
    keep = _spread(len(fpr))
    charts["roc"] = _columns(
        fpr=fpr[keep], tpr=tpr[keep], threshold=np.minimum(roc_thresholds[keep], 1.0)
    )
    precision, recall, pr_thresholds = m.precision_recall_curve(is_positive, scores)
    # The last point (recall 0, precision 1) has no threshold; it closes the curve.
    keep = _spread(len(pr_thresholds))
    charts["pr"] = _columns(
        precision=np.append(precision[keep], 1.0),
        recall=np.append(recall[keep], 0.0),
        threshold=np.append(pr_thresholds[keep], 1.0),
    )
    charts["lift"] = lift_points(is_positive, scores)
    return charts


def thresholds_table(is_positive: np.ndarray, scores: np.ndarray) -> dict[str, list]:
    """TP, FP, TN and FN when a score of at least ``threshold`` means positive.

    The thresholds are every hundredth from 0 to 1 plus up to 100 quantiles of the scores
    (so crowded scores still get fine steps), at most ``MAX_POINTS + 1`` in all, ascending.
    """
    grid = np.round(np.linspace(0.0, 1.0, 101), DIGITS)
    quantiles = np.quantile(scores, np.linspace(0.0, 1.0, MAX_POINTS // 2)) if len(scores) else []
    thresholds = np.unique(np.round(np.concatenate([grid, quantiles]), DIGITS))
    order = np.sort(scores)
    positives = np.sort(scores[is_positive])
    # Rows at or above each threshold: all of them, and the positive ones.
    at_or_above = len(order) - np.searchsorted(order, thresholds, side="left")
    tp = len(positives) - np.searchsorted(positives, thresholds, side="left")
    fp = at_or_above - tp
    fn = len(positives) - tp
    tn = len(order) - len(positives) - fp
    return {
        "threshold": thresholds.tolist(),
        "tp": tp.tolist(),
        "fp": fp.tolist(),
        "tn": tn.tolist(),
        "fn": fn.tolist(),
    }


def lift_points(is_positive: np.ndarray, scores: np.ndarray) -> dict[str, list]:
    """Cumulative gains and lift after taking the top 1%, 2%, ... 100% of rows by score."""
    order = np.argsort(-scores, kind="stable")
    captured = np.cumsum(is_positive[order])
    total = len(scores)
    fractions = np.linspace(0.01, 1.0, 100)
    taken = np.maximum(1, np.ceil(fractions * total).astype(int))
    gain = captured[taken - 1] / captured[-1]
    rate = captured[-1] / total
    lift = captured[taken - 1] / taken / rate
    return _columns(fraction=taken / total, gain=gain, lift=lift)


def confusion_charts(truth: pd.Series, predicted: pd.Series, classes: np.ndarray) -> dict:
    """The confusion matrix as a grid: ``matrix[i][j]`` counts actual ``classes[i]``, predicted j.

    All a multiclass classifier gets, and a binary one that wrote no probabilities.
    """
    matrix = m.confusion_matrix(truth, predicted, labels=classes)
    return {
        "task": "binary" if len(classes) == 2 else "multiclass",
        "rows": int(matrix.sum()),
        "classes": [_plain(c) for c in classes],
        "matrix": matrix.tolist(),
    }


def regression_charts(actual: pd.Series, predicted: pd.Series) -> dict[str, Any]:
    """Residuals (actual − predicted) and predicted-vs-actual points, sampled, and histograms."""
    truth = actual.to_numpy(dtype=float)
    guess = predicted.to_numpy(dtype=float)
    residual = truth - guess
    sample = np.arange(len(truth))
    if len(sample) > MAX_SCATTER:
        sample = np.sort(
            np.random.default_rng(SAMPLE_SEED).choice(sample, MAX_SCATTER, replace=False)
        )
    return {
        "task": "regression",
        "rows": len(truth),
        "points": _columns(
            actual=truth[sample], predicted=guess[sample], residual=residual[sample]
        ),
        "sampled": len(sample) < len(truth),
        "residual_histogram": histogram(residual),
        "actual_histogram": histogram(truth),
        "predicted_histogram": histogram(guess),
    }


def histogram(values: np.ndarray, bounds: tuple[float, float] | None = None) -> dict[str, list]:
    """``HISTOGRAM_BINS`` equal bins: ``edges`` has one more entry than ``counts``."""
    counts, edges = np.histogram(values, bins=HISTOGRAM_BINS, range=bounds)
    return {"edges": _rounded(edges), "counts": counts.tolist()}


def _split_histogram(
    scores: np.ndarray, is_positive: np.ndarray, bounds: tuple[float, float]
) -> dict[str, list]:
    """The score histogram of each class on the same bins."""
    positive = histogram(scores[is_positive], bounds)
    negative = histogram(scores[~is_positive], bounds)
    return {
        "edges": positive["edges"],
        "positive": positive["counts"],
        "negative": negative["counts"],
    }


def _spread(length: int) -> np.ndarray:
    """At most ``MAX_POINTS`` indices spread evenly over a curve, its ends included."""
    if length <= MAX_POINTS:
        return np.arange(length)
    return np.unique(np.linspace(0, length - 1, MAX_POINTS).round().astype(int))


def _columns(**columns: np.ndarray) -> dict[str, list]:
    return {name: _rounded(values) for name, values in columns.items()}


def _rounded(values: np.ndarray) -> list[float]:
    return np.round(np.asarray(values, dtype=float), DIGITS).tolist()


def _plain(value: Any) -> Any:
    """A class label as JSON has it: numpy scalars become Python ones."""
    return value.item() if isinstance(value, np.generic) else value
