"""Isolation Forest Anomaly Detection: an untrained scikit-learn IsolationForest for Train Model.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import IsolationForest


def run(contamination: float = 0.1, n_estimators: int = 100, seed: int = 0) -> IsolationForest:
    if not 0 < contamination <= 0.5:
        raise ValueError(f"contamination must be above 0 and at most 0.5, not {contamination}")
    if n_estimators < 1:
        raise ValueError(f"n_estimators must be at least 1, not {n_estimators}")
    return IsolationForest(
        contamination=float(contamination), n_estimators=int(n_estimators), random_state=int(seed)
    )
