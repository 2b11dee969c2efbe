"""Scoring one setting for Tune Model Hyperparameters: the metric as a scikit-learn scorer, and
a score by cross-validation or on validation rows.

Every score is "higher is better" (errors are negated, as scikit-learn names them ``neg_...``).
Must not choose settings or log anything.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn.metrics import f1_score, get_scorer, make_scorer, precision_score, recall_score
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_score

CLASSIFICATION = ("accuracy", "precision", "recall", "f1", "roc_auc", "neg_log_loss")
REGRESSION = (
    "r2",
    "neg_mean_absolute_error",
    "neg_mean_squared_error",
    "neg_root_mean_squared_error",
)
# Metrics of one class: binary data scores the larger label, multiclass averages over classes.
PER_CLASS = {"precision": precision_score, "recall": recall_score, "f1": f1_score}

Scorer = Callable[[Any, pd.DataFrame, pd.Series], float]


@dataclass(frozen=True)
class Score:
    mean: float
    std: float | None


def metric_name(metric: str, task: str) -> str:
    """The metric to maximise: ``auto`` resolved, and checked against the task."""
    if metric == "auto":
        return "accuracy" if task == "classification" else "r2"
    allowed = CLASSIFICATION if task == "classification" else REGRESSION
    if metric not in allowed:
        learner = "classifier" if task == "classification" else "regressor"
        raise ValueError(
            f"metric {metric!r} does not apply to a {learner}; use one of {', '.join(allowed)}"
        )
    return metric


def make_metric_scorer(metric: str, label: pd.Series) -> Scorer:
    classes = np.unique(label.to_numpy())
    binary = len(classes) == 2
    if metric in PER_CLASS:
        options = {"pos_label": classes[-1]} if binary else {"average": "macro"}
        return make_scorer(PER_CLASS[metric], zero_division=0, **options)
    if metric == "roc_auc" and not binary:
        return get_scorer("roc_auc_ovr")
    return get_scorer(metric)


def cross_validated(
    estimator: Any,
    features: pd.DataFrame,
    label: pd.Series,
    scorer: Scorer,
    task: str,
    folds: int,
    seed: int,
) -> Score:
    splitter_type = StratifiedKFold if task == "classification" else KFold
    splitter = splitter_type(n_splits=int(folds), shuffle=True, random_state=int(seed))
    scores = cross_val_score(
        estimator, features, label, cv=splitter, scoring=scorer, error_score="raise"
    )
    return Score(float(np.mean(scores)), float(np.std(scores, ddof=1)))


def on_validation(
    estimator: Any,
    features: pd.DataFrame,
    label: pd.Series,
    scorer: Scorer,
    validation: tuple[pd.DataFrame, pd.Series],
) -> Score:
    estimator.fit(features, label)
    score = float(scorer(estimator, *validation))
    return Score(score if math.isfinite(score) else float("nan"), None)
