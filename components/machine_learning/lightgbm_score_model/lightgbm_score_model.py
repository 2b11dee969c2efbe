"""Score LightGBM Model: Score Model's columns for a model that needs LightGBM to load.

Declares the same environment as Train LightGBM Model, so the model unpickles here; the scored
rows are plain data that Evaluate Model reads in the default environment. Must not drop or
reorder the input rows or columns.
"""

from __future__ import annotations

import pandas as pd

from designer.runtime import TrainedModel
from designer.runtime.supervised import score


def run(model: TrainedModel, data: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(model, TrainedModel):
        raise TypeError(
            f"model must be a trained model from Train LightGBM Model, not {type(model).__name__}"
        )
    return score(model, data)
