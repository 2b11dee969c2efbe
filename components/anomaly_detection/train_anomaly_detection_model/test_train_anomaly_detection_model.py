"""Train Anomaly Detection Model on breast cancer measurements with outliers pushed into them."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.linear_model import LogisticRegression

from designer.runtime import TrainedModel
from designer.runtime.anomaly import AnomalyScorer
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
PCA_DETECTOR = ROOT / "anomaly_detection" / "pca_based_anomaly_detection"
FOREST = ROOT / "anomaly_detection" / "isolation_forest_anomaly_detection"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"
INJECTED = 15


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    """Breast cancer measurements plus rows 4-6 standard deviations out on every feature."""
    features = load_breast_cancer(as_frame=True).data
    rng = np.random.default_rng(0)
    signs = rng.choice([-1.0, 1.0], size=(INJECTED, features.shape[1]))
    shifts = signs * rng.uniform(4, 6, size=signs.shape) * features.std().to_numpy()
    outliers = pd.DataFrame(features.mean().to_numpy() + shifts, columns=features.columns)
    joined = pd.concat([features, outliers], ignore_index=True)
    joined["is_outlier"] = [0] * len(features) + [1] * INJECTED
    return joined


def _train(learner_dir: Path, data: pd.DataFrame, **params) -> tuple[TrainedModel, list]:
    learner = run_component(learner_dir, params={"contamination": 0.05})[0]["model"]
    outputs, events = run_component(HERE, inputs={"learner": learner, "data": data}, params=params)
    return outputs["model"], events


@pytest.mark.parametrize("learner_dir", [PCA_DETECTOR, FOREST], ids=["pca", "isolation_forest"])
def test_score_model_flags_the_injected_rows(learner_dir, data) -> None:
    model, events = _train(learner_dir, data, label_column="is_outlier")
    assert isinstance(model.estimator, AnomalyScorer)
    assert (model.task, model.label_column) == ("classification", "is_outlier")
    assert "is_outlier" not in model.feature_columns
    logged = {e["name"]: e["value"] for e in events if e["type"] == "metric"}
    assert logged["training_rows"] == len(data)
    assert logged["flagged_share"] == pytest.approx(0.05, abs=0.01)
    scored = run_component(SCORE, inputs={"model": model, "data": data})[0]["scored"]
    assert set(scored["scored_label"]) == {0, 1}
    assert scored.loc[data.is_outlier == 1, "scored_label"].eq(1).all()
    # The probability agrees with the label: above one half exactly for the flagged rows.
    assert ((scored["scored_probability"] > 0.5) == (scored["scored_label"] == 1)).all()
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["recall"] == 1.0 and metrics["auc"] > 0.99


def test_without_a_label_every_numeric_column_is_a_feature(data) -> None:
    features = data.drop(columns=["is_outlier"])
    model, _ = _train(PCA_DETECTOR, features)
    assert model.feature_columns == list(features.columns) and model.label_column == ""
    scored = run_component(SCORE, inputs={"model": model, "data": features})[0]["scored"]
    with pytest.raises(ValueError, match="set label_column"):
        run_component(EVALUATE, inputs={"scored": scored})


def test_the_learner_given_stays_untrained(data) -> None:
    learner = run_component(PCA_DETECTOR)[0]["model"]
    run_component(HERE, inputs={"learner": learner, "data": data})
    assert not hasattr(learner, "pca_")


def test_a_classifier_is_refused(data) -> None:
    with pytest.raises(TypeError, match="learner must be an untrained anomaly detector"):
        run_component(HERE, inputs={"learner": LogisticRegression(), "data": data})


def test_text_and_missing_features_are_named(data) -> None:
    learner = run_component(PCA_DETECTOR)[0]["model"]
    with pytest.raises(ValueError, match="these are not: city"):
        run_component(HERE, inputs={"learner": learner, "data": data.assign(city="Oslo")})
    holed = data.copy()
    holed.loc[3, "mean area"] = np.nan
    with pytest.raises(ValueError, match="missing values: mean area"):
        run_component(HERE, inputs={"learner": learner, "data": holed})
