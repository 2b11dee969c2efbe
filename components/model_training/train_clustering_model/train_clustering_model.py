"""Train Clustering Model: fit a clone of a clusterer on chosen columns; output it and assignments.

Must not modify the learner it was given (it is cloned) and must not drop or reorder rows: the
assignments are the input rows, in order, with a ``cluster`` column.
"""

from __future__ import annotations

import pandas as pd
from sklearn.base import clone, is_clusterer

from designer.runtime import TrainedModel, log_metric, report_progress

CLUSTER = "cluster"


def run(learner: object, data: pd.DataFrame, columns: list[str] | None = None) -> dict:
    if not is_clusterer(learner):
        raise TypeError(
            "learner must be an untrained clustering learner, e.g. from K-Means Clustering, "
            f"not {type(learner).__name__} (train classifiers and regressors with Train Model)"
        )
    feature_columns = _feature_columns(data, columns)
    features = data[feature_columns]
    report_progress(0, 1)
    estimator = clone(learner)
    estimator.fit(features)
    # Every scikit-learn clusterer keeps its training assignments; not all can predict new rows.
    clusters = estimator.labels_
    log_metric("training_rows", len(data))
    log_metric("clusters", len(set(clusters)))
    if hasattr(estimator, "inertia_"):
        log_metric("inertia", estimator.inertia_)
    report_progress(1, 1)
    assignments = data.copy()
    assignments[CLUSTER] = clusters
    assignments.attrs = {**data.attrs, "task": "clustering", "feature_columns": feature_columns}
    model = TrainedModel(estimator, "", feature_columns, task="clustering")
    return {"model": model, "assignments": assignments}


def _feature_columns(data: pd.DataFrame, columns: list[str] | None) -> list[str]:
    """The chosen columns, checked numeric and complete; by default every numeric column."""
    if columns:
        missing = [column for column in columns if column not in data.columns]
        if missing:
            raise ValueError(f"column(s) not in the data: {', '.join(missing)}")
        chosen = list(columns)
    else:
        chosen = [str(c) for c in data.columns if c != CLUSTER and _is_number(data[c].dtype)]
        if not chosen:
            raise ValueError("the data has no numeric columns to cluster on")
    other = [column for column in chosen if not _is_number(data[column].dtype)]
    if other:
        raise ValueError(
            f"columns to cluster on must be numeric; these are not: {', '.join(other)}"
        )
    holed = [column for column in chosen if data[column].isna().any()]
    if holed:
        raise ValueError(
            f"columns to cluster on have missing values: {', '.join(holed)} "
            "(fill them in or drop those rows first)"
        )
    return chosen


def _is_number(dtype: object) -> bool:
    return pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
