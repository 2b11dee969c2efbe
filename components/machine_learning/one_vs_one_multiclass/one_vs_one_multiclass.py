"""One-vs-One Multiclass: wrap an untrained binary classifier in an untrained OneVsOneClassifier.

Must not fit anything and must not modify the learner it was given: ``designer.runtime.learners``
wraps a clone.
"""

from __future__ import annotations

from sklearn.multiclass import OneVsOneClassifier

from designer.runtime.learners import one_vs_one


def run(learner: object) -> OneVsOneClassifier:
    return one_vs_one(learner)
