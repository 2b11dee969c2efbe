"""Train Model: fit a clone of a learner on all non-label columns; output a TrainedModel.

Must not modify the learner it was given (it is cloned), so the same learner output can be
trained several times, and must not guess a label column: it is a required parameter.
"""

from __future__ import annotations

import pandas as pd
from sklearn.base import clone, is_classifier, is_clusterer

from designer.runtime import TrainedModel, log_metric, report_progress


def run(learner: object, data: pd.DataFrame, label_column: str) -> TrainedModel:
    if not hasattr(learner, "fit"):
        raise TypeError(
            f"learner must be an untrained estimator with fit(), not {type(learner).__name__}"
        )
    if label_column not in data.columns:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(f"label column {label_column!r} is not in the data; it has: {available}")
    features = data.drop(columns=[label_column])
    _check_numeric(features)
    if features.shape[1] == 0:
        raise ValueError("the data has no feature columns besides the label column")
    report_progress(0, 1)
    estimator = clone(learner)
    task = _task_of(estimator)
    if task == "clustering":
        estimator.fit(features)
    else:
        estimator.fit(features, data[label_column])
    log_metric("training_rows", len(data))
    report_progress(1, 1)
    return TrainedModel(
        estimator=estimator,
        label_column=label_column,
        feature_columns=[str(column) for column in features.columns],
        task=task,
    )


def _task_of(estimator: object) -> str:
    if is_classifier(estimator):
        return "classification"
    if is_clusterer(estimator):
        return "clustering"
    return "regression"


def _check_numeric(features: pd.DataFrame) -> None:
    # scikit-learn's own message for a text column is about float conversion; name the columns.
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
