"""PCA-Based Anomaly Detection learns benign tumours and flags malignant ones (breast cancer)."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer
from sklearn.decomposition import PCA
from sklearn.model_selection import train_test_split

from designer.runtime.anomaly import PCAAnomalyDetector
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "anomaly_detection" / "train_anomaly_detection_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def _cancer() -> pd.DataFrame:
    """The measurements plus `malignant`, 1 for the tumours that are the anomalies here."""
    cancer = load_breast_cancer(as_frame=True).frame
    return cancer.assign(malignant=1 - cancer.pop("target"))


def test_untrained_detector_with_its_settings() -> None:
    params = {"n_components": 4, "normalize": False, "contamination": 0.05}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, PCAAnomalyDetector) and not hasattr(model, "pca_")
    assert (model.n_components, model.normalize, model.contamination) == (4, False, 0.05)


def test_the_score_is_the_distance_from_the_principal_subspace() -> None:
    features = _cancer().drop(columns=["malignant"]).to_numpy()
    detector = run_component(HERE, params={"normalize": False})[0]["model"].fit(features)
    pca = PCA(n_components=2, random_state=0).fit(features)
    rebuilt = pca.inverse_transform(pca.transform(features))
    np.testing.assert_allclose(
        -detector.score_samples(features), ((features - rebuilt) ** 2).sum(1)
    )
    assert (detector.predict(features) == -1).mean() == pytest.approx(0.1, abs=0.01)


def test_trained_on_benign_tumours_it_flags_malignant_ones() -> None:
    cancer = _cancer()
    train, test = train_test_split(cancer, test_size=0.4, random_state=0, stratify=cancer.malignant)
    benign = train[train.malignant == 0]
    learner = run_component(HERE, params={"n_components": 2, "contamination": 0.1})[0]["model"]
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": benign}, params={"label_column": "malignant"}
    )[0]["model"]
    scored = run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]
    flagged = scored["scored_label"] == 1
    assert flagged[test.malignant == 1].mean() > 0.6
    assert flagged[test.malignant == 0].mean() < 0.2
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["auc"] > 0.85


def test_keeping_every_direction_is_refused() -> None:
    features = _cancer().drop(columns=["malignant"])
    detector = run_component(HERE, params={"n_components": 30})[0]["model"]
    with pytest.raises(ValueError, match="fewer than the 30 feature column"):
        detector.fit(features)
