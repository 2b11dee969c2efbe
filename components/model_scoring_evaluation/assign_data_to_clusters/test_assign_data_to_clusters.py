"""Assign Data to Clusters with models trained by Train Clustering Model on real data."""

from pathlib import Path

import pytest
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.datasets import load_iris, load_wine
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN_CLUSTERING = ROOT / "model_training" / "train_clustering_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"
PETALS = ["petal length (cm)", "petal width (cm)"]


def _trained(learner, data, columns) -> dict:
    return run_component(
        TRAIN_CLUSTERING, inputs={"learner": learner, "data": data}, params={"columns": columns}
    )[0]


def test_held_out_rows_join_the_training_clusters() -> None:
    iris = load_iris(as_frame=True).frame
    train, test = train_test_split(iris, test_size=0.3, random_state=0)
    trained = _trained(KMeans(3, n_init=10, random_state=0), train, PETALS)
    assignments = run_component(HERE, inputs={"model": trained["model"], "data": test})[0][
        "assignments"
    ]
    assert list(assignments.columns) == [*test.columns, "cluster"]
    assert list(assignments.index) == list(test.index)
    assert assignments.attrs == {"task": "clustering", "feature_columns": PETALS}
    # Each species lands mostly in one cluster, as in training.
    purity = assignments.groupby("target")["cluster"].agg(lambda c: c.value_counts().iloc[0])
    assert purity.sum() / len(test) > 0.9
    metrics = run_component(EVALUATE, inputs={"scored": assignments})[0]["metrics"]
    assert metrics["clusters"] == 3 and metrics["silhouette"] > 0.5


def test_training_rows_get_the_clusters_they_trained_into() -> None:
    wine = load_wine(as_frame=True).frame
    columns = ["alcohol", "flavanoids", "color_intensity"]
    trained = _trained(KMeans(3, n_init=10, random_state=0), wine, columns)
    assigned = run_component(HERE, inputs={"model": trained["model"], "data": wine})[0]
    assert (assigned["assignments"]["cluster"] == trained["assignments"]["cluster"]).all()


def test_a_model_that_cannot_predict_is_explained() -> None:
    iris = load_iris(as_frame=True).frame
    trained = _trained(AgglomerativeClustering(n_clusters=3), iris, PETALS)
    with pytest.raises(TypeError, match="cannot place new rows"):
        run_component(HERE, inputs={"model": trained["model"], "data": iris})


def test_a_regression_model_is_refused() -> None:
    iris = load_iris(as_frame=True).frame
    features = PETALS
    regression = TrainedModel(
        LinearRegression().fit(iris[features], iris["target"]), "target", features
    )
    with pytest.raises(TypeError, match="not a regression model"):
        run_component(HERE, inputs={"model": regression, "data": iris})


def test_missing_feature_columns_are_named() -> None:
    iris = load_iris(as_frame=True).frame
    trained = _trained(KMeans(3, n_init=1, random_state=0), iris, PETALS)
    with pytest.raises(ValueError, match="'petal width \\(cm\\)'"):
        run_component(
            HERE, inputs={"model": trained["model"], "data": iris.drop(columns=PETALS[1])}
        )
