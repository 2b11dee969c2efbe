"""PCA-Based Anomaly Detection: an untrained PCA reconstruction-error detector.

Built by ``designer.runtime.learners.pca_anomaly_detector``; the detector is
``designer.runtime.anomaly.PCAAnomalyDetector``. Must not fit anything: learners only carry their
settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from designer.runtime.anomaly import PCAAnomalyDetector
from designer.runtime.learners import pca_anomaly_detector


def run(
    n_components: int = 2, normalize: bool = True, contamination: float = 0.1
) -> PCAAnomalyDetector:
    return pca_anomaly_detector(
        n_components=n_components, normalize=normalize, contamination=contamination
    )
