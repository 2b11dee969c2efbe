"""Evaluate Model 1.1: metrics, ROC points, a confusion matrix and chart data for one or two inputs.

Decides for each input which columns hold the truth, the prediction, the probability or the
cluster, and which task it is (from the parameter, then what Score Model or Assign Data to Clusters
left in ``attrs``, guessing only when neither says). The metric formulas live in
``evaluation_metrics.py``, the tables in ``evaluation_tables.py`` and the chart data (curves, the
thresholds table, residuals, histograms) in ``evaluation_charts.py``. Must not change the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from evaluation_charts import binary_charts, confusion_charts, regression_charts
from evaluation_metrics import (
    Metrics,
    better_of,
    binary_metrics,
    clustering_metrics,
    multiclass_metrics,
    regression_metrics,
)
from evaluation_tables import (
    confusion_rows,
    empty_confusion,
    empty_curve,
    roc_points,
)

from designer.runtime import log_metric

LABEL = "scored_label"
PROBABILITY = "scored_probability"
CLUSTER = "cluster"
# Columns components add next to the features; never features themselves.
ADDED_COLUMNS = frozenset({LABEL, PROBABILITY, CLUSTER, "fold"})
# An integer label with at most this many distinct values is read as classes, not quantities.
MAX_GUESSED_CLASSES = 20
SECOND = "scored_2"


@dataclass
class Evaluation:
    """What one scored input yields."""

    task: str
    metrics: Metrics
    curve: pd.DataFrame
    confusion: pd.DataFrame
    charts: dict[str, Any]


def run(
    scored: pd.DataFrame, scored_2: pd.DataFrame | None = None, label_column: str | None = None
) -> dict[str, Any]:
    evaluations = {"scored": evaluate(scored, label_column, "scored")}
    if scored_2 is not None:
        evaluations[SECOND] = evaluate(scored_2, label_column, SECOND)
        _check_same_task(evaluations)
    metrics: dict[str, Any] = {}
    for port, evaluation in evaluations.items():
        suffix = "_2" if port == SECOND else ""
        metrics |= {f"{name}{suffix}": value for name, value in evaluation.metrics.items()}
    for name, value in metrics.items():
        if value is not None:
            log_metric(name, value)
    if scored_2 is not None:
        metrics["comparison"] = _comparison(evaluations["scored"], evaluations[SECOND])
    return {
        "metrics": metrics,
        "curve": _stacked({port: e.curve for port, e in evaluations.items()}),
        "confusion": _stacked({port: e.confusion for port, e in evaluations.items()}),
        "charts": {
            "inputs": [{"input": port, **e.charts} for port, e in evaluations.items()],
        },
    }


def evaluate(frame: pd.DataFrame, label_column: str | None, port: str) -> Evaluation:
    """Metrics and tables for one scored input; ``port`` names it in error messages."""
    label_column = label_column or frame.attrs.get("label_column") or None
    task = frame.attrs.get("task") or _guess_task(frame, label_column, port)
    if task == "clustering":
        return _evaluate_clustering(frame, label_column, port)
    if task not in ("regression", "classification"):
        raise ValueError(f"{port}: cannot evaluate a {task!r} model")
    if not label_column:
        raise ValueError(f"set label_column: {port} does not say which column holds the true label")
    _require_columns(frame, [label_column, LABEL], port, "score it with Score Model")
    rows = frame.dropna(subset=[label_column, LABEL])
    if rows.empty:
        raise ValueError(f"{port}: no rows have both {label_column!r} and {LABEL!r} to compare")
    if task == "regression":
        metrics = regression_metrics(rows[label_column], rows[LABEL])
        charts = regression_charts(rows[label_column], rows[LABEL])
        return Evaluation(task, metrics, empty_curve(), empty_confusion(), charts)
    return _evaluate_classification(rows, label_column)


def _guess_task(frame: pd.DataFrame, label_column: str | None, port: str) -> str:
    if not label_column:
        if CLUSTER in frame.columns:
            return "clustering"
        raise ValueError(f"set label_column: {port} does not say which column holds the true label")
    _require_columns(frame, [label_column], port, "choose the true label column")
    label = frame[label_column]
    if pd.api.types.is_float_dtype(label) or (
        pd.api.types.is_integer_dtype(label) and label.nunique() > MAX_GUESSED_CLASSES
    ):
        return "regression"
    return "classification"


def _evaluate_classification(rows: pd.DataFrame, label_column: str) -> Evaluation:
    truth, predicted = rows[label_column], rows[LABEL]
    classes = np.unique(np.concatenate([truth.to_numpy(), predicted.to_numpy()]))
    confusion = confusion_rows(truth, predicted, classes)
    grid = confusion_charts(truth, predicted, classes)
    if len(classes) != 2:
        metrics = multiclass_metrics(truth, predicted)
        return Evaluation("classification", metrics, empty_curve(), confusion, grid)
    # The larger class is positive, matching Score Model's probability of classes_[1].
    negative, positive = classes
    probability = rows[PROBABILITY] if PROBABILITY in rows.columns else None
    metrics = binary_metrics(truth, predicted, positive, probability)
    if probability is None:
        # No scores to move a threshold over: the fixed confusion matrix is all there is.
        return Evaluation("classification", metrics, empty_curve(), confusion, grid)
    curve = roc_points(truth, probability, positive)
    charts = binary_charts(truth, probability, positive, negative)
    return Evaluation("classification", metrics, curve, confusion, charts)


def _evaluate_clustering(frame: pd.DataFrame, label_column: str | None, port: str) -> Evaluation:
    # Assign Data to Clusters writes `cluster`; Score Model writes `scored_label` for clusterers.
    column = CLUSTER if CLUSTER in frame.columns else LABEL
    _require_columns(frame, [column], port, "assign it with Assign Data to Clusters")
    features = _cluster_features(frame, column, label_column, port)
    rows = pd.concat([features, frame[column]], axis=1).dropna()
    if rows.empty:
        raise ValueError(f"{port}: no row has a cluster and all its feature values")
    metrics = clustering_metrics(rows[features.columns], rows[column])
    sizes = rows[column].value_counts().sort_index()
    charts = {
        "task": "clustering",
        "rows": len(rows),
        "cluster_sizes": {"cluster": sizes.index.tolist(), "count": sizes.tolist()},
    }
    return Evaluation("clustering", metrics, empty_curve(), empty_confusion(), charts)


def _cluster_features(
    frame: pd.DataFrame, cluster_column: str, label_column: str | None, port: str
) -> pd.DataFrame:
    named = [str(c) for c in frame.attrs.get("feature_columns") or []]
    if named and all(column in frame.columns for column in named):
        return frame[named]
    excluded = ADDED_COLUMNS | {cluster_column, label_column}
    numeric = [
        column
        for column, dtype in frame.dtypes.items()
        if column not in excluded
        and pd.api.types.is_numeric_dtype(dtype)
        and not pd.api.types.is_bool_dtype(dtype)
    ]
    if not numeric:
        raise ValueError(f"{port}: no numeric feature columns to measure the clusters on")
    return frame[numeric]


def _check_same_task(evaluations: dict[str, Evaluation]) -> None:
    first, second = evaluations["scored"].task, evaluations[SECOND].task
    if first != second:
        raise ValueError(
            f"cannot compare a {first} model (scored) with a {second} model (scored_2)"
        )


def _comparison(first: Evaluation, second: Evaluation) -> dict[str, dict[str, Any]]:
    return {
        name: {
            "scored": value,
            SECOND: second.metrics.get(name),
            "better": better_of(name, value, second.metrics.get(name)),
        }
        for name, value in first.metrics.items()
        if name in second.metrics
    }


def _stacked(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One frame with an ``input`` column first, saying which input each row belongs to."""
    parts = [table.assign(input=port)[["input", *table.columns]] for port, table in tables.items()]
    non_empty = [part for part in parts if not part.empty]
    return pd.concat(non_empty, ignore_index=True) if non_empty else parts[0]


def _require_columns(frame: pd.DataFrame, columns: list[str], port: str, hint: str) -> None:
    for column in columns:
        if column not in frame.columns:
            raise ValueError(f"column {column!r} is not in {port} ({hint})")
