"""One-vs-All Multiclass: wrap an untrained binary classifier in an untrained OneVsRestClassifier.

Must not fit anything and must not modify the learner it was given: ``designer.runtime.learners``
wraps a clone.
"""

from __future__ import annotations

from sklearn.multiclass import OneVsRestClassifier

from designer.runtime.learners import one_vs_rest


def run(learner: object) -> OneVsRestClassifier:
    return one_vs_rest(learner)
