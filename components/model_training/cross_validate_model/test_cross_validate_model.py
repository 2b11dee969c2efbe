"""Cross Validate Model with real learners on real data."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import load_breast_cancer, load_diabetes, load_wine
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
FOREST = ROOT / "machine_learning" / "multiclass_decision_forest"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


def test_five_folds_give_five_rows_plus_mean_and_std() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    outputs, events = run_component(
        HERE,
        inputs={"learner": LinearRegression(), "data": diabetes},
        params={"label_column": "target"},
    )
    table = outputs["fold_metrics"]
    assert list(table.columns) == ["fold", "rows", "r2", "mae", "rmse"]
    assert list(table["fold"]) == ["1", "2", "3", "4", "5", "mean", "std"]
    per_fold = table.iloc[:5]
    assert per_fold["rows"].sum() == len(diabetes)
    assert table.iloc[5]["r2"] == pytest.approx(per_fold["r2"].mean())
    assert table.iloc[6]["r2"] == pytest.approx(per_fold["r2"].std())
    assert 0.35 < table.iloc[5]["r2"] < 0.6
    logged = {e["name"]: e["value"] for e in events if e["type"] == "metric"}
    assert logged == pytest.approx(table.iloc[5][["r2", "mae", "rmse"]].to_dict())


def test_every_row_is_scored_once_by_a_model_that_did_not_see_it() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    scored = run_component(
        HERE,
        inputs={"learner": LinearRegression(), "data": diabetes},
        params={"label_column": "target", "folds": 4, "seed": 3},
    )[0]["scored"]
    assert list(scored.columns) == [*diabetes.columns, "fold", "scored_label"]
    assert scored.index.equals(diabetes.index)
    assert sorted(scored["fold"].unique()) == [1, 2, 3, 4]
    assert scored.attrs == {"label_column": "target", "task": "regression"}
    features = diabetes.drop(columns="target")
    fitted_on_all = LinearRegression().fit(features, diabetes["target"]).predict(features)
    assert not (scored["scored_label"] == fitted_on_all).all(), "predictions are out of fold"


def test_binary_folds_are_stratified_and_carry_probabilities() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    outputs, _ = run_component(
        HERE,
        inputs={"learner": make_pipeline(StandardScaler(), LogisticRegression()), "data": cancer},
        params={"label_column": "target"},
    )
    scored, table = outputs["scored"], outputs["fold_metrics"]
    assert scored["scored_probability"].between(0, 1).all()
    shares = scored.groupby("fold")["target"].mean()
    assert shares.max() - shares.min() < 0.02, "each fold keeps the class balance"
    assert {"accuracy", "precision", "recall", "f1", "auc"} <= set(table.columns)
    assert table.set_index("fold").loc["mean", "accuracy"] > 0.9
    # The pooled out-of-fold predictions go straight into Evaluate Model.
    metrics = run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]
    assert metrics["accuracy"] > 0.9 and metrics["auc"] > 0.95


def test_multiclass_reports_macro_averages() -> None:
    wine = load_wine(as_frame=True).frame
    learner = run_component(FOREST, params={"n_estimators": 20})[0]["model"]
    table = run_component(
        HERE, inputs={"learner": learner, "data": wine}, params={"label_column": "target"}
    )[0]["fold_metrics"]
    assert list(table.columns) == [
        "fold",
        "rows",
        "accuracy",
        "macro_precision",
        "macro_recall",
        "macro_f1",
    ]
    assert table.set_index("fold").loc["mean", "accuracy"] > 0.9


def test_a_clusterer_is_refused() -> None:
    with pytest.raises(TypeError, match="clustering learners have no label"):
        run_component(
            HERE,
            inputs={"learner": KMeans(3), "data": load_wine(as_frame=True).frame},
            params={"label_column": "target"},
        )


def test_missing_labels_are_refused() -> None:
    diabetes: pd.DataFrame = load_diabetes(as_frame=True).frame
    diabetes.loc[0, "target"] = None
    with pytest.raises(ValueError, match="'target' has missing values"):
        run_component(
            HERE,
            inputs={"learner": LinearRegression(), "data": diabetes},
            params={"label_column": "target"},
        )
