"""Train Anomaly Detection Model: fit an outlier detector and output it as a two-class model.

The detector is wrapped in ``designer.runtime.anomaly.AnomalyScorer`` and recorded as a
classification ``TrainedModel`` (class 1 an anomaly), so Score Model adds ``scored_label`` and
``scored_probability`` and Evaluate Model measures it against a known-anomaly column like any
binary classifier. Must not modify the learner it was given, and never fits on the label.
"""

from __future__ import annotations

import pandas as pd
from sklearn.base import is_outlier_detector

from designer.runtime import TrainedModel, log_metric, report_progress
from designer.runtime.anomaly import AnomalyScorer


def run(learner: object, data: pd.DataFrame, label_column: str | None = None) -> TrainedModel:
    if not is_outlier_detector(learner):
        raise TypeError(
            "learner must be an untrained anomaly detector, e.g. from PCA-Based Anomaly "
            f"Detection or Isolation Forest Anomaly Detection, not {type(learner).__name__}"
        )
    if label_column and label_column not in data.columns:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(f"label column {label_column!r} is not in the data; it has: {available}")
    features = data.drop(columns=[label_column]) if label_column else data
    _check_numeric(features)
    report_progress(0, 1)
    scorer = AnomalyScorer(learner).fit(features)
    log_metric("training_rows", len(data))
    log_metric("flagged_share", float(scorer.predict(features).mean()))
    report_progress(1, 1)
    return TrainedModel(
        estimator=scorer,
        label_column=label_column or "",
        feature_columns=[str(column) for column in features.columns],
        task="classification",
    )


def _check_numeric(features: pd.DataFrame) -> None:
    if features.shape[1] == 0:
        raise ValueError("the data has no feature columns besides the label column")
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
    missing = [str(column) for column in features.columns if features[column].isna().any()]
    if missing:
        raise ValueError(
            f"feature columns have missing values: {', '.join(missing)} "
            "(fill or drop them with Clean Missing Data first)"
        )
