"""Score Model: add predictions (and, for binary classifiers, a probability) to the input rows.

Records the model's label column and task in ``scored.attrs`` so Evaluate Model needs no
parameters. Must not drop or reorder the input rows or columns.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime import TrainedModel, report_progress

LABEL = "scored_label"
PROBABILITY = "scored_probability"


def run(model: TrainedModel, data: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(model, TrainedModel):
        raise TypeError(
            f"model must be a trained model from Train Model, not {type(model).__name__} "
            "(connect the learner to Train Model first)"
        )
    features = model.select_features(data)
    report_progress(0, 1)
    scored = data.copy()
    scored[LABEL] = model.estimator.predict(features)
    classes = getattr(model.estimator, "classes_", ())
    if (
        model.task == "classification"
        and len(classes) == 2
        and hasattr(model.estimator, "predict_proba")
    ):
        # The probability of classes_[1], the class Evaluate Model treats as positive.
        scored[PROBABILITY] = model.estimator.predict_proba(features)[:, 1]
    scored.attrs = {**data.attrs, "label_column": model.label_column, "task": model.task}
    report_progress(1, 1)
    return scored
