"""Two-Class Decision Forest: an untrained RandomForestClassifier for a two-valued label.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.ensemble import RandomForestClassifier

CRITERIA = ("gini", "entropy", "log_loss")
CLASS_WEIGHTS = {"none": None, "balanced": "balanced"}


def run(
    n_estimators: int = 100,
    max_depth: int | None = None,
    min_samples_leaf: int = 1,
    criterion: str = "gini",
    class_weight: str = "none",
    seed: int = 0,
) -> RandomForestClassifier:
    for name, value in (("n_estimators", n_estimators), ("min_samples_leaf", min_samples_leaf)):
        if value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")
    if max_depth is not None and max_depth < 1:
        raise ValueError(f"max_depth must be at least 1 or empty, not {max_depth}")
    if criterion not in CRITERIA or class_weight not in CLASS_WEIGHTS:
        raise ValueError(
            f"criterion must be one of {', '.join(CRITERIA)} and class_weight none or balanced; "
            f"got {criterion!r} and {class_weight!r}"
        )
    return RandomForestClassifier(
        n_estimators=int(n_estimators),
        max_depth=None if max_depth is None else int(max_depth),
        min_samples_leaf=int(min_samples_leaf),
        criterion=criterion,
        class_weight=CLASS_WEIGHTS[class_weight],
        random_state=int(seed),
    )
