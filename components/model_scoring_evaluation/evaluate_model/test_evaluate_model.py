"""Evaluate Model 1.1 on real data scored by the real Train Model and Score Model components."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.cluster import KMeans
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.linear_model import LinearRegression, LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.tree import DecisionTreeRegressor

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
TRAIN = ROOT / "model_training" / "train_model"
SCORE = ROOT / "model_scoring_evaluation" / "score_model"
REGRESSION = {"r2", "mae", "rmse", "mse", "relative_absolute_error", "relative_squared_error"}


def _scored(learner, frame: pd.DataFrame) -> pd.DataFrame:
    train, test = train_test_split(frame, test_size=0.3, random_state=0)
    model = run_component(
        TRAIN, inputs={"learner": learner, "data": train}, params={"label_column": "target"}
    )[0]["model"]
    return run_component(SCORE, inputs={"model": model, "data": test})[0]["scored"]


def _logistic(c: float = 1.0):
    return make_pipeline(StandardScaler(), LogisticRegression(C=c))


def _logged(events: list[dict]) -> dict[str, float]:
    return {e["name"]: e["value"] for e in events if e["type"] == "metric"}


def test_regression_metrics_are_output_and_logged() -> None:
    scored = _scored(LinearRegression(), load_diabetes(as_frame=True).frame)
    outputs, events = run_component(HERE, inputs={"scored": scored})
    metrics = outputs["metrics"]
    assert set(metrics) == REGRESSION
    assert 0.3 < metrics["r2"] < 0.6
    assert metrics["rmse"] >= metrics["mae"] > 0
    assert metrics["mse"] == pytest.approx(metrics["rmse"] ** 2)
    # Relative squared error is 1 - r2 when the mean of the same rows is the baseline.
    assert metrics["relative_squared_error"] == pytest.approx(1 - metrics["r2"])
    assert 0 < metrics["relative_absolute_error"] < 1
    assert _logged(events) == metrics
    assert outputs["curve"].empty and outputs["confusion"].empty


def test_binary_classification_on_breast_cancer() -> None:
    scored = _scored(_logistic(), load_breast_cancer(as_frame=True).frame)
    outputs, events = run_component(HERE, inputs={"scored": scored})
    metrics = outputs["metrics"]
    assert set(metrics) == {"accuracy", "precision", "recall", "f1", "auc", "log_loss"}
    assert metrics["accuracy"] > 0.9 and metrics["auc"] > 0.95 and 0 < metrics["log_loss"] < 0.5
    assert _logged(events) == metrics


def test_roc_curve_runs_from_origin_to_the_top_right() -> None:
    scored = _scored(_logistic(), load_breast_cancer(as_frame=True).frame)
    curve = run_component(HERE, inputs={"scored": scored})[0]["curve"]
    assert list(curve.columns) == ["input", "fpr", "tpr", "threshold"]
    assert (curve["input"] == "scored").all()
    assert (curve.iloc[0]["fpr"], curve.iloc[0]["tpr"]) == (0.0, 0.0)
    assert (curve.iloc[-1]["fpr"], curve.iloc[-1]["tpr"]) == (1.0, 1.0)
    assert curve["fpr"].is_monotonic_increasing and curve["tpr"].is_monotonic_increasing


def test_confusion_counts_sum_to_the_rows() -> None:
    scored = _scored(LogisticRegression(max_iter=1000), load_iris(as_frame=True).frame)
    outputs = run_component(HERE, inputs={"scored": scored})[0]
    confusion = outputs["confusion"]
    assert list(confusion.columns) == ["input", "actual", "predicted", "count"]
    assert len(confusion) == 9 and confusion["count"].sum() == len(scored)
    correct = confusion[confusion["actual"] == confusion["predicted"]]["count"].sum()
    assert correct / len(scored) == pytest.approx(outputs["metrics"]["accuracy"])
    assert outputs["curve"].empty, "a multiclass model has no single ROC curve"


def test_multiclass_reports_macro_and_micro_averages() -> None:
    scored = _scored(LogisticRegression(max_iter=1000), load_iris(as_frame=True).frame)
    metrics = run_component(HERE, inputs={"scored": scored})[0]["metrics"]
    averaged = {f"{a}_{m}" for a in ("macro", "micro") for m in ("precision", "recall", "f1")}
    assert set(metrics) == {"accuracy", *averaged}
    assert metrics["accuracy"] > 0.9
    # On single-label data every micro average is the accuracy.
    assert metrics["micro_f1"] == pytest.approx(metrics["accuracy"])


def test_two_scored_inputs_are_compared() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    linear = _scored(LinearRegression(), diabetes)
    stump = _scored(DecisionTreeRegressor(max_depth=1), diabetes)
    outputs, events = run_component(HERE, inputs={"scored": linear, "scored_2": stump})
    metrics = outputs["metrics"]
    assert set(metrics) == REGRESSION | {f"{name}_2" for name in REGRESSION} | {"comparison"}
    assert metrics["r2"] > metrics["r2_2"]
    assert metrics["comparison"]["r2"] == {
        "scored": metrics["r2"],
        "scored_2": metrics["r2_2"],
        "better": "scored",
    }
    assert metrics["comparison"]["mae"]["better"] == "scored", "lower errors are better"
    assert _logged(events)["r2_2"] == metrics["r2_2"]


def test_two_binary_classifiers_give_two_curves() -> None:
    cancer = load_breast_cancer(as_frame=True).frame
    first = _scored(_logistic(), cancer)
    second = _scored(_logistic(c=0.001), cancer)
    outputs = run_component(HERE, inputs={"scored": first, "scored_2": second})[0]
    assert set(outputs["curve"]["input"]) == {"scored", "scored_2"}
    counts = outputs["confusion"].groupby("input")["count"].sum()
    assert counts.to_dict() == {"scored": len(first), "scored_2": len(second)}
    assert {"accuracy", "accuracy_2", "auc", "auc_2"} <= set(outputs["metrics"])


def test_clustering_is_measured_without_a_label() -> None:
    iris = load_iris(as_frame=True).frame
    features = iris.drop(columns=["target"])
    assigned = iris.assign(cluster=KMeans(3, n_init=10, random_state=0).fit_predict(features))
    assigned.attrs = {"task": "clustering", "feature_columns": list(features.columns)}
    metrics = run_component(HERE, inputs={"scored": assigned})[0]["metrics"]
    assert set(metrics) == {"clusters", "silhouette", "davies_bouldin", "calinski_harabasz"}
    assert metrics["clusters"] == 3 and metrics["silhouette"] > 0.5


def test_different_tasks_cannot_be_compared() -> None:
    regression = _scored(LinearRegression(), load_diabetes(as_frame=True).frame)
    classification = _scored(LogisticRegression(max_iter=1000), load_iris(as_frame=True).frame)
    with pytest.raises(ValueError, match="cannot compare a regression model"):
        run_component(HERE, inputs={"scored": regression, "scored_2": classification})


def test_rows_missing_the_label_are_left_out() -> None:
    scored = _scored(LinearRegression(), load_diabetes(as_frame=True).frame)
    full = run_component(HERE, inputs={"scored": scored})[0]["metrics"]
    holed = pd.concat([scored, scored.head(5).assign(target=float("nan"))])
    holed.attrs = scored.attrs
    assert run_component(HERE, inputs={"scored": holed})[0]["metrics"] == full


def test_without_any_label_column_it_asks_for_one() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    scored = diabetes.assign(scored_label=diabetes["target"].mean())
    with pytest.raises(ValueError, match="set label_column"):
        run_component(HERE, inputs={"scored": scored})


def _charts(outputs: dict) -> dict:
    """The chart data of the first input."""
    return outputs["charts"]["inputs"][0]


def test_binary_chart_data_has_curves_and_a_thresholds_table() -> None:
    scored = _scored(_logistic(), load_breast_cancer(as_frame=True).frame)
    outputs = run_component(HERE, inputs={"scored": scored})[0]
    charts = _charts(outputs)
    assert charts["input"] == "scored" and charts["task"] == "binary"
    assert (charts["negative_class"], charts["positive_class"]) == (0, 1)
    roc, pr, lift = charts["roc"], charts["pr"], charts["lift"]
    assert (roc["fpr"][0], roc["tpr"][0], roc["fpr"][-1], roc["tpr"][-1]) == (0, 0, 1, 1)
    assert max(roc["threshold"]) <= 1, "the infinite first threshold is capped for JSON"
    assert len(pr["precision"]) == len(pr["recall"]) == len(pr["threshold"])
    assert pr["recall"][0] == 1 and pr["recall"][-1] == 0
    # Gains reach every positive once all rows are taken; a useful model lifts the top rows.
    assert lift["fraction"][-1] == 1 and lift["gain"][-1] == 1 and lift["lift"][0] > 1.5
    table = charts["thresholds"]
    assert 101 <= len(table["threshold"]) <= 201
    assert table["threshold"] == sorted(table["threshold"])
    truth = scored["target"] == 1
    for i in (0, table["threshold"].index(0.5), len(table["threshold"]) - 1):
        called = scored["scored_probability"] >= table["threshold"][i]
        assert table["tp"][i] == (called & truth).sum()
        assert table["fp"][i] == (called & ~truth).sum()
        assert table["tn"][i] == (~called & ~truth).sum()
        assert table["fn"][i] == (~called & truth).sum()
    # At 0.5 the table agrees with the predicted labels, hence with the logged accuracy.
    half = table["threshold"].index(0.5)
    accuracy = (table["tp"][half] + table["tn"][half]) / len(scored)
    assert accuracy == pytest.approx(outputs["metrics"]["accuracy"])
    histogram = charts["score_histogram"]
    assert len(histogram["edges"]) == len(histogram["positive"]) + 1
    assert sum(histogram["positive"]) == truth.sum()
    assert sum(histogram["negative"]) == (~truth).sum()


def test_thresholds_follow_crowded_scores() -> None:
    truth = np.arange(500) % 2
    scored = pd.DataFrame(
        {"target": truth, "scored_label": 1, "scored_probability": np.linspace(0.9, 0.91, 500)}
    )
    scored.attrs = {"task": "classification", "label_column": "target"}
    table = _charts(run_component(HERE, inputs={"scored": scored})[0])["thresholds"]
    inside = [t for t in table["threshold"] if 0.9 < t < 0.91]
    assert len(inside) > 50, "quantiles add steps where the scores are"
    assert len(table["threshold"]) <= 201


def test_multiclass_chart_data_is_the_confusion_grid() -> None:
    scored = _scored(LogisticRegression(max_iter=1000), load_iris(as_frame=True).frame)
    outputs = run_component(HERE, inputs={"scored": scored})[0]
    charts = _charts(outputs)
    assert charts["task"] == "multiclass" and charts["classes"] == [0, 1, 2]
    long = outputs["confusion"].set_index(["actual", "predicted"])["count"]
    for i, actual in enumerate(charts["classes"]):
        for j, predicted in enumerate(charts["classes"]):
            assert charts["matrix"][i][j] == long[(actual, predicted)]
    assert "roc" not in charts and "thresholds" not in charts


def test_regression_chart_data_samples_residuals() -> None:
    rng = np.random.default_rng(1)
    actual = rng.normal(size=5000)
    scored = pd.DataFrame({"target": actual, "scored_label": actual + rng.normal(0, 0.1, 5000)})
    scored.attrs = {"task": "regression", "label_column": "target"}
    charts = _charts(run_component(HERE, inputs={"scored": scored})[0])
    points = charts["points"]
    assert charts["task"] == "regression" and charts["rows"] == 5000 and charts["sampled"]
    assert len(points["actual"]) == len(points["predicted"]) == len(points["residual"]) == 2000
    for a, p, r in zip(points["actual"], points["predicted"], points["residual"], strict=True):
        assert r == pytest.approx(a - p, abs=1e-5)
    residuals = charts["residual_histogram"]
    assert sum(residuals["counts"]) == 5000 and len(residuals["edges"]) == 21
    assert sum(charts["actual_histogram"]["counts"]) == 5000


def test_small_regression_keeps_every_point_and_two_inputs_get_chart_data() -> None:
    diabetes = load_diabetes(as_frame=True).frame
    linear = _scored(LinearRegression(), diabetes)
    stump = _scored(DecisionTreeRegressor(max_depth=1), diabetes)
    charts = run_component(HERE, inputs={"scored": linear, "scored_2": stump})[0]["charts"]
    assert [c["input"] for c in charts["inputs"]] == ["scored", "scored_2"]
    assert not charts["inputs"][0]["sampled"]
    assert len(charts["inputs"][0]["points"]["actual"]) == len(linear)


def test_binary_without_probabilities_gets_the_fixed_confusion_grid() -> None:
    scored = _scored(_logistic(), load_breast_cancer(as_frame=True).frame)
    charts = _charts(
        run_component(HERE, inputs={"scored": scored.drop(columns="scored_probability")})[0]
    )
    assert charts["task"] == "binary" and "thresholds" not in charts
    assert sum(map(sum, charts["matrix"])) == len(scored)


def test_clustering_chart_data_counts_each_cluster() -> None:
    iris = load_iris(as_frame=True).frame
    features = iris.drop(columns=["target"])
    assigned = iris.assign(cluster=KMeans(3, n_init=10, random_state=0).fit_predict(features))
    assigned.attrs = {"task": "clustering", "feature_columns": list(features.columns)}
    charts = _charts(run_component(HERE, inputs={"scored": assigned})[0])
    assert charts["cluster_sizes"]["cluster"] == [0, 1, 2]
    assert sum(charts["cluster_sizes"]["count"]) == len(iris)
