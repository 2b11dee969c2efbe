"""The PCA anomaly detector and the two-class anomaly scorer, on the wine measurements."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
from sklearn.base import clone, is_classifier, is_outlier_detector
from sklearn.datasets import load_wine
from sklearn.ensemble import IsolationForest

from designer.runtime.anomaly import AnomalyScorer, PCAAnomalyDetector


@pytest.fixture(scope="module")
def wine() -> np.ndarray:
    return load_wine().data


def test_the_detector_follows_the_outlier_detector_conventions(wine) -> None:
    detector = PCAAnomalyDetector(n_components=3, contamination=0.2)
    assert is_outlier_detector(detector)
    detector.fit(wine)
    flagged = detector.predict(wine) == -1
    assert flagged.mean() == pytest.approx(0.2, abs=0.01)
    assert (detector.decision_function(wine)[flagged] < 0).all()
    assert clone(detector).get_params() == detector.get_params()


def test_normalising_changes_which_rows_stand_out(wine) -> None:
    raw = PCAAnomalyDetector(normalize=False).fit(wine).score_samples(wine)
    scaled = PCAAnomalyDetector(normalize=True).fit(wine).score_samples(wine)
    # Unscaled, proline (in the hundreds) is almost all the first component holds.
    assert np.corrcoef(raw, scaled)[0, 1] < 0.9


@pytest.mark.parametrize(
    "detector",
    [PCAAnomalyDetector(contamination=0.1), IsolationForest(contamination=0.1, random_state=0)],
    ids=["pca", "isolation_forest"],
)
def test_the_scorer_is_a_two_class_classifier_whose_probability_matches_its_label(
    wine, detector
) -> None:
    scorer = AnomalyScorer(detector)
    assert is_classifier(scorer)
    scorer.fit(wine)
    assert not hasattr(detector, "offset_"), "the detector given stays untrained"
    labels, probability = scorer.predict(wine), scorer.predict_proba(wine)
    assert list(scorer.classes_) == [0, 1] and set(labels) == {0, 1}
    np.testing.assert_allclose(probability.sum(axis=1), 1)
    assert ((probability[:, 1] > 0.5) == (labels == 1)).all()
    # Monotone in the anomaly score: the ranking is the detector's own.
    order = np.argsort(scorer.anomaly_score(wine))
    assert (np.diff(probability[order, 1]) >= 0).all()
    restored = pickle.loads(pickle.dumps(scorer))
    np.testing.assert_array_equal(restored.predict(wine), labels)


def test_rows_beyond_every_training_row_get_zero_or_one(wine) -> None:
    scorer = AnomalyScorer(PCAAnomalyDetector()).fit(wine)
    centre = wine.mean(axis=0, keepdims=True)
    far = centre + 50 * wine.std(axis=0)
    assert scorer.predict_proba(far)[0, 1] == 1.0 and scorer.predict(far)[0] == 1
    assert scorer.predict_proba(centre)[0, 1] < 0.5
