"""Score Model: add predictions (and, for binary classifiers, a probability) to the input rows.

Records the model's label column and task in ``scored.attrs`` so Evaluate Model needs no
parameters. Must not drop or reorder the input rows or columns.

Rows are predicted in chunks of ``CHUNK_ROWS``, with progress reported after each, so a batch
run over millions of rows shows how far it has got. Each row's prediction depends on that row
alone, so the chunks give the same values as one call would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from designer.runtime import TrainedModel, report_progress

LABEL = "scored_label"
PROBABILITY = "scored_probability"
CHUNK_ROWS = 100_000


def run(model: TrainedModel, data: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(model, TrainedModel):
        raise TypeError(
            f"model must be a trained model from Train Model, not {type(model).__name__} "
            "(connect the learner to Train Model first)"
        )
    features = model.select_features(data)
    predictors: dict[str, Callable[[Any], Any]] = {LABEL: model.estimator.predict}
    if _is_binary(model):
        # The probability of classes_[1], the class Evaluate Model treats as positive.
        predictors[PROBABILITY] = lambda rows: model.estimator.predict_proba(rows)[:, 1]
    predicted = _predict_in_chunks(features, predictors)
    scored = data.copy()
    for column, values in predicted.items():
        scored[column] = values
    scored.attrs = {**data.attrs, "label_column": model.label_column, "task": model.task}
    return scored


def _is_binary(model: TrainedModel) -> bool:
    classes = getattr(model.estimator, "classes_", ())
    return (
        model.task == "classification"
        and len(classes) == 2
        and hasattr(model.estimator, "predict_proba")
    )


def _predict_in_chunks(
    features: pd.DataFrame, predictors: dict[str, Callable[[Any], Any]]
) -> dict[str, Any]:
    """Each predictor's values for every row, computed chunk by chunk. No rows still makes one
    (empty) call, so a model that refuses them says so as it always did."""
    total = len(features)
    report_progress(0, max(total, 1))
    parts: dict[str, list[Any]] = {column: [] for column in predictors}
    for start in range(0, max(total, 1), CHUNK_ROWS):
        chunk = features.iloc[start : start + CHUNK_ROWS]
        for column, predict in predictors.items():
            parts[column].append(predict(chunk))
        report_progress(min(start + CHUNK_ROWS, total) if total else 1, max(total, 1))
    return {
        column: values[0] if len(values) == 1 else np.concatenate(values)
        for column, values in parts.items()
    }
