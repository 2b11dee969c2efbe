"""Score Quantile Regression: the median and two quantiles of the target for each row.

Records the label column and the task in ``scored.attrs`` like Score Model, so Evaluate Model
measures the median as a regression. When the rows carry the true label, logs how often it falls
inside the interval. Must not drop or reorder the input rows or columns.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime import TrainedModel, log_metric, report_progress

LABEL, LOWER, UPPER = "scored_label", "scored_lower", "scored_upper"


def run(
    model: TrainedModel,
    data: pd.DataFrame,
    lower_quantile: float = 0.05,
    upper_quantile: float = 0.95,
) -> pd.DataFrame:
    _check_model(model)
    if not 0 <= lower_quantile <= upper_quantile <= 1:
        raise ValueError(
            "the quantiles must satisfy 0 <= lower_quantile <= upper_quantile <= 1, not "
            f"{lower_quantile} and {upper_quantile}"
        )
    features = model.select_features(data)
    report_progress(0, 1)
    quantiles = model.estimator.predict_quantiles(features, [0.5, lower_quantile, upper_quantile])
    scored = data.copy()
    scored[LABEL], scored[LOWER], scored[UPPER] = quantiles.T
    scored.attrs = {**data.attrs, "label_column": model.label_column, "task": model.task}
    if model.label_column in data.columns:
        _log_interval(scored, model.label_column)
    report_progress(1, 1)
    return scored


def _check_model(model: object) -> None:
    if not isinstance(model, TrainedModel):
        raise TypeError(
            f"model must be a trained model from Train Model, not {type(model).__name__} "
            "(connect Fast Forest Quantile Regression to Train Model first)"
        )
    if not hasattr(model.estimator, "predict_quantiles"):
        raise TypeError(
            f"{type(model.estimator).__name__} predicts no quantiles; train Fast Forest Quantile "
            "Regression, or score this model with Score Model"
        )


def _log_interval(scored: pd.DataFrame, label_column: str) -> None:
    known = scored.dropna(subset=[label_column])
    if known.empty:
        return
    truth = known[label_column].astype("float64")
    inside = (truth >= known[LOWER]) & (truth <= known[UPPER])
    log_metric("interval_coverage", float(inside.mean()))
    log_metric("mean_interval_width", float((known[UPPER] - known[LOWER]).mean()))
