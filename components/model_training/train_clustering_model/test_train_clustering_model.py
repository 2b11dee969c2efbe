"""Train Clustering Model with real clusterers on iris."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.cluster import AgglomerativeClustering, KMeans
from sklearn.datasets import load_iris
from sklearn.linear_model import LinearRegression

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
PETALS = ["petal length (cm)", "petal width (cm)"]


def _iris() -> pd.DataFrame:
    return load_iris(as_frame=True).frame


def test_clusters_on_the_chosen_columns() -> None:
    iris = _iris()
    learner = KMeans(3, n_init=10, random_state=0)
    outputs, events = run_component(
        HERE, inputs={"learner": learner, "data": iris}, params={"columns": PETALS}
    )
    model, assignments = outputs["model"], outputs["assignments"]
    assert isinstance(model, TrainedModel)
    assert (model.task, model.label_column, model.feature_columns) == ("clustering", "", PETALS)
    assert list(assignments.columns) == [*iris.columns, "cluster"]
    assert assignments["cluster"].nunique() == 3
    assert assignments.attrs == {"task": "clustering", "feature_columns": PETALS}
    logged = {e["name"]: e["value"] for e in events if e["type"] == "metric"}
    assert logged["training_rows"] == 150 and logged["clusters"] == 3 and logged["inertia"] > 0
    assert not hasattr(learner, "labels_"), "the learner given must stay untrained"


def test_every_numeric_column_by_default() -> None:
    iris = _iris().assign(species=lambda f: f["target"].map({0: "a", 1: "b", 2: "c"}))
    outputs, _ = run_component(HERE, inputs={"learner": KMeans(2, n_init=1), "data": iris})
    assert outputs["model"].feature_columns == [*_iris().columns]


def test_clusterers_without_predict_still_give_assignments() -> None:
    learner = AgglomerativeClustering(n_clusters=3)
    outputs, _ = run_component(
        HERE, inputs={"learner": learner, "data": _iris()}, params={"columns": PETALS}
    )
    assert outputs["assignments"]["cluster"].nunique() == 3


def test_a_regressor_is_refused() -> None:
    with pytest.raises(TypeError, match="train classifiers and regressors with Train Model"):
        run_component(HERE, inputs={"learner": LinearRegression(), "data": _iris()})


def test_missing_values_are_named() -> None:
    iris = _iris()
    iris.loc[3, "petal width (cm)"] = None
    with pytest.raises(ValueError, match="missing values: petal width"):
        run_component(HERE, inputs={"learner": KMeans(3), "data": iris}, params={"columns": PETALS})


def test_text_columns_are_named() -> None:
    iris = _iris().assign(species="setosa")
    with pytest.raises(ValueError, match="these are not: species"):
        run_component(
            HERE, inputs={"learner": KMeans(3), "data": iris}, params={"columns": ["species"]}
        )
