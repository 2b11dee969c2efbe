"""Training and scoring for learners that live in a component's own environment.

Train Model and Score Model run in the default environment, so they cannot load an estimator
of a package only another environment has (XGBoost, LightGBM). The components of such
learners therefore train and score themselves, in their environment, through these functions:
they take the same inputs, write the same `TrainedModel` and the same scored columns as Train
Model and Score Model, so Evaluate Model reads their output unchanged. No Django here, and no
import of the learners' packages: the caller hands in the estimator.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from designer.runtime.events import log_metric, report_progress
from designer.runtime.models import Task, TrainedModel

LABEL = "scored_label"
PROBABILITY = "scored_probability"


def train(estimator: Any, data: pd.DataFrame, label_column: str, task: Task) -> TrainedModel:
    """Fit `estimator` on every column of `data` but the label; the trained model."""
    features, labels = training_data(data, label_column)
    report_progress(0, 1)
    estimator.fit(features, labels)
    log_metric("training_rows", len(data))
    report_progress(1, 1)
    return TrainedModel(
        estimator=estimator,
        label_column=label_column,
        feature_columns=[str(column) for column in features.columns],
        task=task,
    )


def training_data(data: pd.DataFrame, label_column: str) -> tuple[pd.DataFrame, pd.Series]:
    """(features, labels), with a message naming what is wrong with either."""
    if not label_column:
        raise ValueError("'label_column' is required: pick the column to predict")
    if label_column not in data.columns:
        available = ", ".join(str(column) for column in data.columns)
        raise ValueError(f"label column {label_column!r} is not in the data; it has: {available}")
    features = data.drop(columns=[label_column])
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
    labels = data[label_column]
    if labels.isna().any():
        raise ValueError(
            f"label column {label_column!r} has missing values; remove those rows with "
            "Clean Missing Data first"
        )
    return features, labels


def score(model: TrainedModel, data: pd.DataFrame) -> pd.DataFrame:
    """The rows of `data` with `scored_label` (and, for two classes, `scored_probability`)."""
    if not isinstance(model, TrainedModel):
        raise TypeError(f"model must be a trained model, not {type(model).__name__}")
    features = model.select_features(data)
    report_progress(0, 1)
    scored = data.copy()
    scored[LABEL] = model.estimator.predict(features)
    classes = getattr(model.estimator, "classes_", ())
    if model.task == "classification" and len(classes) == 2:
        # The probability of classes_[1], the class Evaluate Model treats as positive.
        scored[PROBABILITY] = model.estimator.predict_proba(features)[:, 1]
    scored.attrs = {**data.attrs, "label_column": model.label_column, "task": model.task}
    report_progress(1, 1)
    return scored


class EncodedLabelClassifier:
    """A classifier fitted on label codes 0..k-1, predicting the original labels.

    XGBoost accepts only such codes; this lets its classifier take labels of any kind (text,
    booleans, numbers that do not start at 0) and give them back when scoring."""

    def __init__(self, estimator: Any) -> None:
        self.estimator = estimator

    def fit(self, features: Any, labels: Any) -> EncodedLabelClassifier:
        self.classes_, codes = np.unique(np.asarray(labels), return_inverse=True)
        if len(self.classes_) < 2:
            raise ValueError("the label column holds a single value; a classifier needs two")
        self.estimator.fit(features, codes)
        return self

    def predict(self, features: Any) -> np.ndarray:
        codes = np.asarray(self.estimator.predict(features)).astype(int)
        return self.classes_[codes]

    def predict_proba(self, features: Any) -> np.ndarray:
        return np.asarray(self.estimator.predict_proba(features))

    def get_params(self, deep: bool = False) -> dict[str, Any]:
        return dict(self.estimator.get_params(deep=deep))
