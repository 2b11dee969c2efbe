"""K-Means Clustering: an untrained scikit-learn KMeans for Train Clustering Model to fit.

Must not fit anything: learners only carry their settings, so one learner can feed many trainings.
"""

from __future__ import annotations

from sklearn.cluster import KMeans

INITS = ("k-means++", "random")


def run(
    n_clusters: int = 3,
    init: str = "k-means++",
    n_init: int = 10,
    max_iter: int = 300,
    seed: int = 0,
) -> KMeans:
    if n_clusters < 2:
        raise ValueError(f"n_clusters must be at least 2, not {n_clusters}")
    if n_init < 1 or max_iter < 1:
        raise ValueError(f"n_init and max_iter must be at least 1, not {n_init} and {max_iter}")
    if init not in INITS:
        raise ValueError(f"init must be one of {', '.join(INITS)}, not {init!r}")
    return KMeans(
        n_clusters=int(n_clusters),
        init=init,
        n_init=int(n_init),
        max_iter=int(max_iter),
        random_state=int(seed),
    )
