"""Anomaly detectors that travel between steps: PCA reconstruction error, and the trained scorer.

``PCAAnomalyDetector`` is the untrained learner of PCA-Based Anomaly Detection; it follows
scikit-learn's outlier-detector conventions (``score_samples``, higher is more normal;
``decision_function`` below 0 and ``predict`` -1 for an anomaly), so it trains like Isolation
Forest does. ``AnomalyScorer`` is what Train Anomaly Detection Model fits around any such
detector: a two-class classifier (0 normal, 1 anomaly) with a probability, so Score Model and
Evaluate Model treat it like any binary classifier.

The classes live in the runtime, not in a component folder, because a pickle names the module of
its class and only ``designer.runtime`` is importable in every step that may load one. No Django.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, OutlierMixin, clone
from sklearn.decomposition import PCA
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_array, check_is_fitted


class PCAAnomalyDetector(OutlierMixin, BaseEstimator):
    """Rows far from the principal subspace of the training rows are anomalies.

    Fitting finds the ``n_components`` directions along which the training rows vary most; a
    row's anomaly score is its squared distance from its projection onto them (the part of it
    those directions cannot explain). The ``contamination`` share of training rows with the
    largest scores sets the threshold.
    """

    def __init__(
        self, n_components: int = 2, normalize: bool = True, contamination: float = 0.1
    ) -> None:
        self.n_components = n_components
        self.normalize = normalize
        self.contamination = contamination

    def fit(self, X: Any, y: Any = None) -> PCAAnomalyDetector:
        values = check_array(X, dtype="float64")
        rows, features = values.shape
        if not 1 <= self.n_components < features:
            raise ValueError(
                f"n_components must be at least 1 and fewer than the {features} feature "
                f"column(s), not {self.n_components}: with every direction kept, nothing is "
                "left to measure"
            )
        if rows <= self.n_components:
            raise ValueError(f"need more than {self.n_components} rows to fit, got {rows}")
        self.scaler_ = StandardScaler().fit(values) if self.normalize else None
        standardized = self._standardized(values)
        self.pca_ = PCA(n_components=int(self.n_components), random_state=0).fit(standardized)
        errors = self._errors(standardized)
        # scikit-learn's convention: decision_function = score_samples - offset_, below 0 flagged.
        self.offset_ = -float(np.quantile(errors, 1 - self.contamination))
        return self

    def score_samples(self, X: Any) -> np.ndarray:
        """Minus the reconstruction error: the higher, the more normal the row."""
        check_is_fitted(self, "pca_")
        return -self._errors(self._standardized(check_array(X, dtype="float64")))

    def decision_function(self, X: Any) -> np.ndarray:
        return self.score_samples(X) - self.offset_

    def predict(self, X: Any) -> np.ndarray:
        return np.where(self.decision_function(X) < 0, -1, 1)

    def _standardized(self, values: np.ndarray) -> np.ndarray:
        return values if self.scaler_ is None else self.scaler_.transform(values)

    def _errors(self, standardized: np.ndarray) -> np.ndarray:
        rebuilt = self.pca_.inverse_transform(self.pca_.transform(standardized))
        return ((standardized - rebuilt) ** 2).sum(axis=1)


class AnomalyScorer(ClassifierMixin, BaseEstimator):
    """A fitted outlier detector as a two-class classifier: class 1 is an anomaly.

    ``predict`` follows the detector's own threshold. ``predict_proba`` turns the anomaly score
    into a number between 0 and 1 from where it falls among the training rows' scores (their
    empirical distribution, interpolated): rows at or below the threshold get at most 0.5, rows
    above it at least 0.5, rows more normal than every training row 0 and rows more anomalous
    than all of them 1. Being monotone in the score, it ranks rows exactly as the detector does,
    which is what an ROC curve measures.
    """

    def __init__(self, detector: Any = None) -> None:
        self.detector = detector

    def fit(self, X: Any, y: Any = None) -> AnomalyScorer:
        self.detector_ = clone(self.detector).fit(X)
        self.training_scores_ = np.sort(self.anomaly_score(X))
        # decision_function = score_samples - offset_ is below 0 exactly above this score.
        self.threshold_ = -float(self.detector_.offset_)
        self.classes_ = np.array([0, 1])
        return self

    def anomaly_score(self, X: Any) -> np.ndarray:
        """The detector's score turned round: the higher, the more anomalous."""
        return -np.asarray(self.detector_.score_samples(X), dtype="float64")

    def predict(self, X: Any) -> np.ndarray:
        return (self.anomaly_score(X) > self.threshold_).astype("int64")

    def predict_proba(self, X: Any) -> np.ndarray:
        scores = self.anomaly_score(X)
        share, cut = self._share_below(scores), float(self._share_below(self.threshold_))
        lower = 0.5 * share / max(cut, 1e-12)
        upper = 0.5 + 0.5 * (share - cut) / max(1 - cut, 1e-12)
        anomalous = np.clip(np.where(scores > self.threshold_, upper, lower), 0.0, 1.0)
        return np.column_stack([1 - anomalous, anomalous])

    def _share_below(self, scores: Any) -> np.ndarray:
        """The share of training rows scoring below each of ``scores``, between 0 and 1."""
        ranks = np.linspace(0.0, 1.0, len(self.training_scores_))
        return np.interp(scores, self.training_scores_, ranks, left=0.0, right=1.0)
