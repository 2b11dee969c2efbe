"""Train XGBoost Model: fit an XGBoost classifier or regressor; output a TrainedModel.

Runs in the component's own environment (see component.yaml), because the default one does not
ship XGBoost; training therefore happens here rather than in Train Model. Class labels of any
kind are encoded to the codes XGBoost needs and decoded again when scoring.
"""

from __future__ import annotations

import pandas as pd
from xgboost import XGBClassifier, XGBRegressor

from designer.runtime import TrainedModel
from designer.runtime.supervised import EncodedLabelClassifier, train


def run(
    data: pd.DataFrame,
    label_column: str,
    task: str = "classification",
    n_estimators: int = 100,
    max_depth: int = 6,
    learning_rate: float = 0.3,
    subsample: float = 1.0,
    colsample_bytree: float = 1.0,
    min_child_weight: float = 1.0,
    reg_lambda: float = 1.0,
    seed: int = 0,
) -> TrainedModel:
    settings = {
        "n_estimators": n_estimators,
        "max_depth": max_depth,
        "learning_rate": learning_rate,
        "subsample": subsample,
        "colsample_bytree": colsample_bytree,
        "min_child_weight": min_child_weight,
        "reg_lambda": reg_lambda,
        "random_state": seed,
        "tree_method": "hist",
    }
    if task == "classification":
        return train(EncodedLabelClassifier(XGBClassifier(**settings)), data, label_column, task)
    return train(XGBRegressor(**settings), data, label_column, "regression")
