"""Permutation Feature Importance: the drop in a trained model's score when a feature is shuffled.

Uses scikit-learn's ``permutation_importance`` on the model's own feature columns. Importance is
always "how much worse": for error metrics scikit-learn scores the negated error, so a positive
importance means the error grew. Must not score a model against a metric of the other task (an
accuracy for a regression), which scikit-learn would either refuse cryptically or compute
meaninglessly.
"""

from __future__ import annotations

import pandas as pd
from sklearn.inspection import permutation_importance
from sklearn.metrics import get_scorer

from designer.runtime import TrainedModel, log_metric, report_progress

SCORERS = {
    "r2": ("regression", "r2"),
    "mean_absolute_error": ("regression", "neg_mean_absolute_error"),
    "root_mean_squared_error": ("regression", "neg_root_mean_squared_error"),
    "accuracy": ("classification", "accuracy"),
    "balanced_accuracy": ("classification", "balanced_accuracy"),
    "f1_macro": ("classification", "f1_macro"),
}
AUTO = {"regression": "r2", "classification": "accuracy"}


def run(
    model: TrainedModel, data: pd.DataFrame, metric: str = "auto", repeats: int = 5, seed: int = 0
) -> pd.DataFrame:
    if not isinstance(model, TrainedModel):
        raise TypeError(
            f"model must be a trained model from Train Model, not {type(model).__name__}"
        )
    if repeats < 1:
        raise ValueError(f"repeats must be at least 1, not {repeats}")
    metric = _metric_for(model, metric)
    scoring = SCORERS[metric][1]
    features, target = _features_and_target(model, data)
    report_progress(0, 1)
    baseline = get_scorer(scoring)(model.estimator, features, target)
    log_metric(metric, abs(baseline) if scoring.startswith("neg_") else baseline)
    result = permutation_importance(
        model.estimator, features, target, scoring=scoring, n_repeats=repeats, random_state=seed
    )
    report_progress(1, 1)
    importances = pd.DataFrame(
        {
            "feature": model.feature_columns,
            "importance": result.importances_mean,
            "std": result.importances_std,
        }
    )
    return importances.sort_values("importance", ascending=False, kind="stable").reset_index(
        drop=True
    )


def _metric_for(model: TrainedModel, metric: str) -> str:
    if model.task not in AUTO:
        raise ValueError(
            f"permutation importance needs a regression or classification model, "
            f"not a {model.task} one"
        )
    if metric == "auto":
        return AUTO[model.task]
    if metric not in SCORERS:
        raise ValueError(f"metric must be auto or one of {', '.join(SCORERS)}, not {metric!r}")
    task = SCORERS[metric][0]
    if task != model.task:
        fitting = [name for name, (kind, _) in SCORERS.items() if kind == model.task]
        raise ValueError(
            f"{metric} scores {task} models, but this model does {model.task}; "
            f"use auto or one of {', '.join(fitting)}"
        )
    return metric


def _features_and_target(model: TrainedModel, data: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    if model.label_column not in data.columns:
        raise ValueError(
            f"the data lacks the label column {model.label_column!r} the model was trained on; "
            "connect rows that still have it"
        )
    features = model.select_features(data)
    complete = features.notna().all(axis="columns") & data[model.label_column].notna()
    if not complete.all():
        row = complete.index[~complete.to_numpy()][0]
        raise ValueError(
            f"row {row} (and {int((~complete).sum()) - 1} more) has missing values in the label or "
            "features; fill or remove them with Clean Missing Data first"
        )
    return features, data[model.label_column]
