"""One-vs-One Multiclass: wrap an untrained binary classifier in an untrained OneVsOneClassifier.

Must not fit anything and must not modify the learner it was given: it wraps a clone.
"""

from __future__ import annotations

from sklearn.base import clone, is_classifier
from sklearn.multiclass import OneVsOneClassifier


def run(learner: object) -> OneVsOneClassifier:
    if not is_classifier(learner):
        raise TypeError(
            f"learner must be an untrained classifier, e.g. from Two-Class Support Vector Machine, "
            f"not {type(learner).__name__}"
        )
    return OneVsOneClassifier(clone(learner))
