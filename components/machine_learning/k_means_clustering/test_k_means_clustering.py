"""K-Means Clustering through Train Clustering Model and Evaluate Model 1.1 on iris."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import load_iris
from sklearn.metrics import adjusted_rand_score

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN_CLUSTERING = ROOT / "model_training" / "train_clustering_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"
MEASUREMENTS = ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]


def test_untrained_k_means_with_its_settings() -> None:
    params = {"n_clusters": 5, "init": "random", "n_init": 2, "max_iter": 50, "seed": 4}
    model = run_component(HERE, params=params)[0]["model"]
    assert isinstance(model, KMeans) and not hasattr(model, "cluster_centers_")
    assert (model.n_clusters, model.init, model.n_init, model.max_iter) == (5, "random", 2, 50)
    assert model.random_state == 4


def test_iris_falls_into_three_clusters() -> None:
    iris: pd.DataFrame = load_iris(as_frame=True).frame
    learner = run_component(HERE)[0]["model"]
    outputs = run_component(
        TRAIN_CLUSTERING,
        inputs={"learner": learner, "data": iris},
        params={"columns": MEASUREMENTS},
    )[0]
    clusters = outputs["assignments"]["cluster"]
    assert sorted(clusters.unique()) == [0, 1, 2]
    assert adjusted_rand_score(iris["target"], clusters) > 0.6, "clusters follow the species"
    metrics = run_component(EVALUATE, inputs={"scored": outputs["assignments"]})[0]["metrics"]
    assert metrics["clusters"] == 3 and metrics["silhouette"] > 0.4


def test_a_single_cluster_is_refused() -> None:
    with pytest.raises(ValueError, match="n_clusters must be at least 2"):
        run_component(HERE, params={"n_clusters": 1})
