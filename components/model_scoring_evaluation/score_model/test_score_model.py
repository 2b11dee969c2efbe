"""Score Model with models trained on real data."""

from pathlib import Path

import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.linear_model import LinearRegression, LogisticRegression

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def _trained(estimator, frame, task: str) -> TrainedModel:
    features = [c for c in frame.columns if c != "target"]
    estimator.fit(frame[features], frame["target"])
    return TrainedModel(estimator, "target", features, task)


def test_regression_adds_scored_label_and_attrs() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    model = _trained(LinearRegression(), diabetes, "regression")
    scored = run_component(HERE, inputs={"model": model, "data": diabetes})[0]["scored"]
    assert list(scored.columns) == [*diabetes.columns, "scored_label"]
    assert len(scored) == 442
    assert scored.attrs == {"label_column": "target", "task": "regression"}
    assert scored["scored_label"].corr(scored["target"]) > 0.6


def test_binary_classifier_adds_a_probability() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    model = _trained(LogisticRegression(max_iter=5000), cancer, "classification")
    scored = run_component(HERE, inputs={"model": model, "data": cancer})[0]["scored"]
    assert set(scored["scored_label"].unique()) <= {0, 1}
    assert scored["scored_probability"].between(0, 1).all()
    assert ((scored["scored_probability"] > 0.5) == (scored["scored_label"] == 1)).all()


def test_multiclass_has_no_probability_column() -> None:
    iris = load_iris(as_frame=True).frame
    model = _trained(LogisticRegression(max_iter=1000), iris, "classification")
    scored = run_component(HERE, inputs={"model": model, "data": iris})[0]["scored"]
    assert "scored_probability" not in scored.columns


def test_missing_feature_columns_are_named() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    model = _trained(LinearRegression(), diabetes, "regression")
    with pytest.raises(ValueError, match="'bmi', 'bp'"):
        run_component(HERE, inputs={"model": model, "data": diabetes.drop(columns=["bmi", "bp"])})


def test_an_untrained_learner_is_refused() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    with pytest.raises(TypeError, match="connect the learner to Train Model"):
        run_component(HERE, inputs={"model": LinearRegression(), "data": diabetes})


def _many_rows(rows: int, seed: int = 3):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(rng.normal(size=(rows, 6)), columns=[f"x{i}" for i in range(6)])
    frame["target"] = (frame.sum(axis=1) + rng.normal(size=rows) > 0).astype(int)
    return frame


def test_many_rows_are_scored_in_chunks_exactly_as_in_one_call() -> None:
    rows = _many_rows(250_000)
    model = _trained(LogisticRegression(), rows.head(2000), "classification")
    scored, events = run_component(HERE, inputs={"model": model, "data": rows})
    features = rows[model.feature_columns]
    assert scored["scored"]["scored_label"].tolist() == model.estimator.predict(features).tolist()
    whole = model.estimator.predict_proba(features)[:, 1]
    assert scored["scored"]["scored_probability"].tolist() == whole.tolist()
    progress = [(e["current"], e["total"]) for e in events if e["type"] == "progress"]
    assert progress == [(0, 250_000), (100_000, 250_000), (200_000, 250_000), (250_000, 250_000)]


def test_a_regression_over_many_rows_matches_one_call() -> None:
    rows = _many_rows(210_000, seed=5)
    model = _trained(LinearRegression(), rows.head(5000), "regression")
    scored = run_component(HERE, inputs={"model": model, "data": rows})[0]["scored"]
    expected = model.estimator.predict(rows[model.feature_columns])
    assert scored["scored_label"].tolist() == expected.tolist()
    assert list(scored.columns) == [*rows.columns, "scored_label"]
