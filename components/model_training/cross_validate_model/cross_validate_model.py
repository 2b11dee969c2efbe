"""Cross Validate Model: out-of-fold predictions for every row, and metrics per fold.

Rows are dealt into folds (stratified by label for classifiers, shuffled with the seed); each
fold is predicted by a fresh clone of the learner trained on the other folds. Must not modify the
learner, and must not drop or reorder rows: ``scored`` is the input plus ``fold``,
``scored_label`` and, for binary classifiers with probabilities, ``scored_probability``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from fold_metrics import fold_metrics
from sklearn.base import clone, is_classifier, is_clusterer
from sklearn.model_selection import KFold, StratifiedKFold

from designer.runtime import log_metric, report_progress

LABEL = "scored_label"
PROBABILITY = "scored_probability"
FOLD = "fold"


@dataclass
class FoldResult:
    """One fold's number, held-out row positions, predictions and positive-class probabilities."""

    number: int
    positions: np.ndarray
    predicted: np.ndarray
    probability: np.ndarray | None


def run(
    learner: Any, data: pd.DataFrame, label_column: str, folds: int = 5, seed: int = 0
) -> dict[str, pd.DataFrame]:
    task = _task_of(learner)
    features, label = _features_and_label(data, label_column)
    classes = np.unique(label.to_numpy())
    positive = classes[-1] if task == "classification" and len(classes) == 2 else None
    splitter_type = StratifiedKFold if task == "classification" else KFold
    splitter = splitter_type(n_splits=int(folds), shuffle=True, random_state=int(seed))
    results, rows = [], []
    for number, (train, held_out) in enumerate(splitter.split(features, label), start=1):
        report_progress(number - 1, folds)
        result = _fit_and_predict(learner, features, label, (number, train, held_out), positive)
        truth = label.to_numpy()[held_out]
        scores = fold_metrics(task, truth, result.predicted, result.probability, positive)
        rows.append({FOLD: str(number), "rows": len(held_out), **scores})
        results.append(result)
    report_progress(folds, folds)
    table = _fold_table(rows)
    for name, value in table.set_index(FOLD).loc["mean"].drop("rows").items():
        if pd.notna(value):
            log_metric(str(name), float(value))
    scored = _scored(data, results)
    scored.attrs = {**data.attrs, "label_column": label_column, "task": task}
    return {"scored": scored, "fold_metrics": table}


def _fit_and_predict(
    learner: Any,
    features: pd.DataFrame,
    label: pd.Series,
    fold: tuple[int, np.ndarray, np.ndarray],
    positive: Any,
) -> FoldResult:
    number, train, held_out = fold
    estimator = clone(learner).fit(features.iloc[train], label.iloc[train])
    rows = features.iloc[held_out]
    probability = None
    if positive is not None and hasattr(estimator, "predict_proba"):
        # Stratified folds give every training fold both classes, so classes_[1] is `positive`.
        probability = estimator.predict_proba(rows)[:, 1]
    return FoldResult(number, held_out, np.asarray(estimator.predict(rows)), probability)


def _scored(data: pd.DataFrame, results: list[FoldResult]) -> pd.DataFrame:
    positions = np.concatenate([result.positions for result in results])
    scored = data.copy()
    scored[FOLD] = _in_row_order(positions, [np.full(len(r.positions), r.number) for r in results])
    scored[LABEL] = _in_row_order(positions, [result.predicted for result in results])
    if all(result.probability is not None for result in results):
        scored[PROBABILITY] = _in_row_order(positions, [result.probability for result in results])
    return scored


def _in_row_order(positions: np.ndarray, parts: list[np.ndarray]) -> np.ndarray:
    values = np.concatenate(parts)
    ordered = np.empty_like(values)
    ordered[positions] = values
    return ordered


def _fold_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The fold rows, then ``mean`` and ``std`` (sample standard deviation) over the folds."""
    folds = pd.DataFrame.from_records(rows)
    metric_columns = [column for column in folds.columns if column not in (FOLD, "rows")]
    summary = pd.DataFrame(
        [
            {FOLD: "mean", **folds[metric_columns].mean().to_dict()},
            {FOLD: "std", **folds[metric_columns].std().to_dict()},
        ]
    )
    table = pd.concat([folds, summary], ignore_index=True)
    table["rows"] = table["rows"].astype("Int64")
    return table


def _task_of(learner: Any) -> str:
    if not hasattr(learner, "fit") or is_clusterer(learner):
        raise TypeError(
            "learner must be an untrained classifier or regressor "
            f"(clustering learners have no label to validate against), not {type(learner).__name__}"
        )
    return "classification" if is_classifier(learner) else "regression"


def _features_and_label(data: pd.DataFrame, label_column: str) -> tuple[pd.DataFrame, pd.Series]:
    if label_column not in data.columns:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(f"label column {label_column!r} is not in the data; it has: {available}")
    if data[label_column].isna().any():
        raise ValueError(f"label column {label_column!r} has missing values")
    features = data.drop(columns=[label_column])
    other = [
        str(column)
        for column, dtype in features.dtypes.items()
        if not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype))
    ]
    if other:
        raise ValueError(
            f"feature columns must be numeric; these are not: {', '.join(other)} "
            "(drop them with Select Columns first)"
        )
    if features.shape[1] == 0:
        raise ValueError("the data has no feature columns besides the label column")
    return features, data[label_column]
