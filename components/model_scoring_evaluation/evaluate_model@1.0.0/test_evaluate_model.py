"""Evaluate Model on scored real data."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.linear_model import LinearRegression, LogisticRegression

from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def _scored(estimator, frame: pd.DataFrame, task: str | None) -> pd.DataFrame:
    features = [c for c in frame.columns if c != "target"]
    estimator.fit(frame[features], frame["target"])
    scored = frame.copy()
    scored["scored_label"] = estimator.predict(frame[features])
    if hasattr(estimator, "predict_proba") and len(estimator.classes_) == 2:
        scored["scored_probability"] = estimator.predict_proba(frame[features])[:, 1]
    if task:
        scored.attrs = {"label_column": "target", "task": task}
    return scored


def test_regression_metrics_are_output_and_logged() -> None:
    scored = _scored(LinearRegression(), load_diabetes(as_frame=True).frame, "regression")
    outputs, events = run_component(HERE, inputs={"scored": scored})
    metrics = outputs["metrics"]
    assert set(metrics) == {"r2", "mae", "rmse"}
    assert 0.4 < metrics["r2"] < 0.6 and metrics["rmse"] >= metrics["mae"] > 0
    logged = {e["name"]: e["value"] for e in events if e["type"] == "metric"}
    assert logged == metrics


def test_binary_classification_metrics_include_auc() -> None:
    scored = _scored(
        LogisticRegression(max_iter=5000), load_breast_cancer(as_frame=True).frame, "classification"
    )
    outputs, events = run_component(HERE, inputs={"scored": scored})
    metrics = outputs["metrics"]
    assert set(metrics) == {"accuracy", "precision", "recall", "f1", "auc"}
    assert metrics["accuracy"] > 0.9 and metrics["auc"] > 0.95
    assert {e["name"] for e in events if e["type"] == "metric"} == set(metrics)


def test_multiclass_uses_macro_averages_without_auc() -> None:
    scored = _scored(
        LogisticRegression(max_iter=1000), load_iris(as_frame=True).frame, "classification"
    )
    metrics = run_component(HERE, inputs={"scored": scored})[0]["metrics"]
    assert set(metrics) == {"accuracy", "precision", "recall", "f1"}
    assert metrics["accuracy"] > 0.9


def test_task_and_label_are_guessed_without_attrs() -> None:
    scored = _scored(LogisticRegression(max_iter=1000), load_iris(as_frame=True).frame, None)
    metrics = run_component(HERE, inputs={"scored": scored}, params={"label_column": "target"})[0][
        "metrics"
    ]
    assert "accuracy" in metrics


def test_without_any_label_column_it_asks_for_one() -> None:
    scored = _scored(LinearRegression(), load_diabetes(as_frame=True).frame, None)
    with pytest.raises(ValueError, match="set label_column"):
        run_component(HERE, inputs={"scored": scored})
