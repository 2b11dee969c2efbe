"""MLflow `python_function` loader for models exported from Pipewright.

This file is not imported by Pipewright: the export copies it, unchanged, into the model
directory as `code/pipewright_pyfunc.py`, and the MLmodel names it as the flavor's
`loader_module`. `mlflow.pyfunc.load_model` then calls `_load_pyfunc(path of model.pkl)`.

It must run where Pipewright is not installed, so it imports only the standard library (and
pandas, which any MLflow install has). The pickle names Pipewright's `TrainedModel` class; the
unpickler maps that one name to the small class below, which has the same fields. Anything
else the pickle names (scikit-learn's estimators) is imported as usual.
"""

from __future__ import annotations

import pickle
from typing import Any

TRAINED_MODEL = ("designer.runtime.models", "TrainedModel")


class TrainedModel:
    """The fields of Pipewright's TrainedModel: a fitted estimator and its columns."""

    estimator: Any
    label_column: str
    feature_columns: list[str]
    task: str


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == TRAINED_MODEL:
            return TrainedModel
        return super().find_class(module, name)


class PipewrightModel:
    """What `mlflow.pyfunc` calls `predict` on."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def predict(self, model_input: Any, params: dict[str, Any] | None = None) -> Any:
        """Predictions for the rows of `model_input`, as Score Model makes them."""
        value = self.value
        if not isinstance(value, TrainedModel):
            return value.predict(model_input)
        import pandas as pd

        frame = model_input if isinstance(model_input, pd.DataFrame) else pd.DataFrame(model_input)
        missing = [column for column in value.feature_columns if column not in frame.columns]
        if missing:
            names = ", ".join(repr(column) for column in missing)
            raise ValueError(f"the data lacks feature column(s) the model was trained on: {names}")
        # The features in training order, as Train Model fitted them.
        return value.estimator.predict(frame[value.feature_columns])


def _load_pyfunc(data_path: str) -> PipewrightModel:
    with open(data_path, "rb") as handle:
        return PipewrightModel(_Unpickler(handle).load())
