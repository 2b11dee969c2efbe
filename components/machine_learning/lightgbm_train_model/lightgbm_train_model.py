"""Train LightGBM Model: fit a LightGBM classifier or regressor; output a TrainedModel.

Runs in the component's own environment (see component.yaml), because the default one does not
ship LightGBM; training therefore happens here rather than in Train Model. LightGBM encodes
class labels of any kind itself.
"""

from __future__ import annotations

import pandas as pd
from lightgbm import LGBMClassifier, LGBMRegressor

from designer.runtime import TrainedModel
from designer.runtime.supervised import train


def run(
    data: pd.DataFrame,
    label_column: str,
    task: str = "classification",
    n_estimators: int = 100,
    num_leaves: int = 31,
    learning_rate: float = 0.1,
    min_child_samples: int = 20,
    subsample: float = 1.0,
    colsample_bytree: float = 1.0,
    reg_lambda: float = 0.0,
    seed: int = 0,
) -> TrainedModel:
    settings = {
        "n_estimators": n_estimators,
        "num_leaves": num_leaves,
        "learning_rate": learning_rate,
        "min_child_samples": min_child_samples,
        "subsample": subsample,
        # LightGBM samples rows only when told how often: every round, if asked to at all.
        "subsample_freq": 1 if subsample < 1 else 0,
        "colsample_bytree": colsample_bytree,
        "reg_lambda": reg_lambda,
        "random_state": seed,
        "verbose": -1,
    }
    if task == "classification":
        return train(LGBMClassifier(**settings), data, label_column, "classification")
    return train(LGBMRegressor(**settings), data, label_column, "regression")
