"""Assign Data to Clusters: add each row's cluster, as predicted by a trained clustering model.

Records the task and feature columns in ``attrs`` so Evaluate Model measures the clusters on the
columns the model used. Must not drop or reorder the input rows.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime import TrainedModel, report_progress

CLUSTER = "cluster"


def run(model: TrainedModel, data: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(model, TrainedModel) or model.task != "clustering":
        raise TypeError(
            "model must be a trained clustering model from Train Clustering Model, not "
            f"{_describe(model)}"
        )
    if not hasattr(model.estimator, "predict"):
        raise TypeError(
            f"{type(model.estimator).__name__} cannot place new rows in its clusters; use the "
            "assignments output of Train Clustering Model, or a learner such as K-Means"
        )
    features = model.select_features(data)
    holed = [str(column) for column in features.columns if features[column].isna().any()]
    if holed:
        raise ValueError(f"feature columns have missing values: {', '.join(holed)}")
    report_progress(0, 1)
    assignments = data.copy()
    assignments[CLUSTER] = model.estimator.predict(features)
    assignments.attrs = {
        **data.attrs,
        "task": "clustering",
        "feature_columns": list(model.feature_columns),
    }
    report_progress(1, 1)
    return assignments


def _describe(model: object) -> str:
    if isinstance(model, TrainedModel):
        return f"a {model.task} model"
    return f"{type(model).__name__} (connect the learner to Train Clustering Model first)"
