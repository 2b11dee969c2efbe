"""K-Means Clustering: an untrained scikit-learn KMeans for Train Clustering Model to fit.

Built by ``designer.runtime.learners``. Must not fit anything: learners only carry their settings,
so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.cluster import KMeans

from designer.runtime.learners import k_means


def run(
    n_clusters: int = 3,
    init: str = "k-means++",
    n_init: int = 10,
    max_iter: int = 300,
    seed: int = 0,
) -> KMeans:
    return k_means(n_clusters=n_clusters, init=init, n_init=n_init, max_iter=max_iter, seed=seed)
