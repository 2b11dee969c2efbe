"""One-vs-All Multiclass: wrap an untrained binary classifier in an untrained OneVsRestClassifier.

Must not fit anything and must not modify the learner it was given: it wraps a clone.
"""

from __future__ import annotations

from sklearn.base import clone, is_classifier
from sklearn.multiclass import OneVsRestClassifier


def run(learner: object) -> OneVsRestClassifier:
    if not is_classifier(learner):
        raise TypeError(
            f"learner must be an untrained classifier, e.g. from Two-Class Logistic Regression, "
            f"not {type(learner).__name__}"
        )
    return OneVsRestClassifier(clone(learner))
