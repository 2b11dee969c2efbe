"""Multiclass Boosted Decision Tree: an untrained HistGradientBoostingClassifier for Train Model.

Built by ``designer.runtime.learners``, like Two-Class Boosted Decision Tree: the two differ only in
name and docs. Must not fit anything: learners only carry their settings, so one learner can feed
many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import HistGradientBoostingClassifier

from designer.runtime.learners import boosted_tree_classifier


def run(
    max_iter: int = 100,
    learning_rate: float = 0.1,
    max_leaf_nodes: int = 31,
    min_samples_leaf: int = 20,
    class_weight: str = "none",
    seed: int = 0,
) -> HistGradientBoostingClassifier:
    return boosted_tree_classifier(
        max_iter=max_iter,
        learning_rate=learning_rate,
        max_leaf_nodes=max_leaf_nodes,
        min_samples_leaf=min_samples_leaf,
        class_weight=class_weight,
        seed=seed,
    )
