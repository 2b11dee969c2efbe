"""Isolation Forest Anomaly Detection flags outliers injected into real data."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.ensemble import IsolationForest

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
INJECTED = 15


def _with_injected_outliers() -> pd.DataFrame:
    """Breast cancer measurements plus rows 4-6 standard deviations out on every feature."""
    features = load_breast_cancer(as_frame=True).data
    rng = np.random.default_rng(0)
    signs = rng.choice([-1.0, 1.0], size=(INJECTED, features.shape[1]))
    shifts = signs * rng.uniform(4, 6, size=signs.shape) * features.std().to_numpy()
    outliers = pd.DataFrame(features.mean().to_numpy() + shifts, columns=features.columns)
    data = pd.concat([features, outliers], ignore_index=True)
    data["is_outlier"] = [0] * len(features) + [1] * INJECTED
    return data


def test_untrained_forest_with_its_settings() -> None:
    params = {"contamination": 0.02, "n_estimators": 50, "seed": 9}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, IsolationForest) and not hasattr(model, "estimators_")
    assert (model.contamination, model.n_estimators, model.random_state) == (0.02, 50, 9)


def test_flags_the_injected_outliers() -> None:
    data = _with_injected_outliers()
    learner = run_component(HERE, params={"contamination": 0.05, "n_estimators": 50})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": data}, params={"label_column": "is_outlier"}
    )[0]["model"]
    assert "is_outlier" not in model.feature_columns
    scored = run_component(SCORE, inputs={"model": model, "data": data})[0]["scored"]
    flagged = scored["scored_label"] == -1
    assert flagged[data["is_outlier"] == 1].all()
    assert flagged[data["is_outlier"] == 0].mean() < 0.05


def test_contamination_above_half_is_refused() -> None:
    with pytest.raises(ValueError, match="contamination must be above 0 and at most 0.5"):
        run_component(HERE, params={"contamination": 0.8})
