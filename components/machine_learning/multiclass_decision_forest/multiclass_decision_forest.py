"""Multiclass Decision Forest: an untrained RandomForestClassifier for labels with many classes.

Built by ``designer.runtime.learners``, like Two-Class Decision Forest: the two differ only in name
and docs. Must not fit anything: learners only carry their settings, so one learner can feed many
trainings.
"""

from __future__ import annotations

from sklearn.ensemble import RandomForestClassifier

from designer.runtime.learners import decision_forest_classifier


def run(
    n_estimators: int = 100,
    max_depth: int | None = None,
    min_samples_leaf: int = 1,
    criterion: str = "gini",
    class_weight: str = "none",
    seed: int = 0,
) -> RandomForestClassifier:
    return decision_forest_classifier(
        n_estimators=n_estimators,
        max_depth=max_depth,
        min_samples_leaf=min_samples_leaf,
        criterion=criterion,
        class_weight=class_weight,
        seed=seed,
    )
