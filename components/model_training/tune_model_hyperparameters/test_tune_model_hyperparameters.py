"""Tune Model Hyperparameters sweeping real learners over real data."""

from pathlib import Path

import pandas as pd
import pytest
from sklearn.datasets import load_breast_cancer, load_diabetes, load_iris
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import train_test_split
from sklearn.tree import DecisionTreeRegressor

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
SVM = ROOT / "machine_learning" / "two_class_support_vector_machine"
FOREST = ROOT / "machine_learning" / "two_class_decision_forest"


def _cancer() -> pd.DataFrame:
    return load_breast_cancer(as_frame=True).frame


def test_grid_of_two_by_two_gives_four_runs_best_first() -> None:
    learner = run_component(FOREST, params={"n_estimators": 10})[0]["model"]
    grid = '{"max_depth": [1, 4], "min_samples_leaf": [1, 50]}'
    outputs, events = run_component(
        HERE,
        inputs={"learner": learner, "data": _cancer()},
        params={"label_column": "target", "grid": grid},
    )
    sweep = outputs["sweep"]
    expected = ["rank", "run", "max_depth", "min_samples_leaf", "accuracy", "accuracy_std"]
    assert list(sweep.columns) == expected
    assert len(sweep) == 4 and list(sweep["rank"]) == [1, 2, 3, 4]
    assert sweep["accuracy"].is_monotonic_decreasing
    tried = set(zip(sweep["max_depth"], sweep["min_samples_leaf"], strict=True))
    assert tried == {(1, 1), (1, 50), (4, 1), (4, 50)}
    model = outputs["model"]
    assert isinstance(model, TrainedModel) and model.task == "classification"
    best = sweep.iloc[0]
    params = model.estimator.get_params()
    assert (params["max_depth"], params["min_samples_leaf"]) == (
        best.max_depth,
        best.min_samples_leaf,
    )
    assert params["n_estimators"] == 10, "settings outside the grid stay as the learner had them"
    per_run = [e for e in events if e["type"] == "metric" and e["name"] == "accuracy"]
    assert [e["step"] for e in per_run] == [1, 2, 3, 4]
    logged_best = [e["value"] for e in events if e.get("name") == "best_accuracy"]
    assert logged_best == [pytest.approx(best.accuracy)]


def test_random_mode_tries_max_runs_distinct_settings() -> None:
    grid = '{"max_depth": [2, 3, 4, 5, 6], "min_samples_leaf": [1, 5, 10]}'
    outputs, _ = run_component(
        HERE,
        inputs={
            "learner": DecisionTreeRegressor(random_state=0),
            "data": load_diabetes(as_frame=True).frame,
        },
        params={
            "label_column": "target",
            "grid": grid,
            "mode": "random",
            "max_runs": 4,
            "metric": "neg_mean_absolute_error",
            "folds": 4,
            "seed": 1,
        },
    )
    sweep = outputs["sweep"]
    assert len(sweep) == 4
    assert len(set(zip(sweep["max_depth"], sweep["min_samples_leaf"], strict=True))) == 4
    assert (sweep["neg_mean_absolute_error"] < 0).all()
    assert sweep["neg_mean_absolute_error"].is_monotonic_decreasing
    assert outputs["model"].task == "regression"


def test_validation_rows_score_each_setting() -> None:
    iris = load_iris(as_frame=True).frame
    train, held_out = train_test_split(iris, test_size=0.3, random_state=0, stratify=iris.target)
    outputs, _ = run_component(
        HERE,
        inputs={
            "learner": RandomForestClassifier(5, random_state=0),
            "data": train,
            "validation": held_out,
        },
        params={"label_column": "target", "grid": '{"max_depth": [1, 3]}', "metric": "f1"},
    )
    sweep = outputs["sweep"]
    assert list(sweep["max_depth"]) == [3, 1], "depth 1 cannot separate three species"
    assert sweep["f1_std"].isna().all()
    assert len(outputs["model"].estimator.estimators_) == 5


def test_names_are_found_inside_a_pipeline() -> None:
    learner = run_component(SVM, params={"kernel": "linear"})[0]["model"]
    outputs, _ = run_component(
        HERE,
        inputs={"learner": learner, "data": _cancer()},
        params={"label_column": "target", "grid": '{"c": [0.01, 1]}', "metric": "roc_auc"},
    )
    assert list(outputs["sweep"].columns) == ["rank", "run", "c", "roc_auc", "roc_auc_std"]
    best_c = outputs["sweep"]["c"].iloc[0]
    assert outputs["model"].estimator.named_steps["svm"].estimator.C == best_c


def test_an_unknown_parameter_lists_the_learner_parameters() -> None:
    with pytest.raises(ValueError, match="no parameter 'depth'; its parameters are: .*max_depth"):
        run_component(
            HERE,
            inputs={"learner": RandomForestClassifier(), "data": _cancer()},
            params={"label_column": "target", "grid": '{"depth": [2]}'},
        )


def test_malformed_grid_json_says_where() -> None:
    with pytest.raises(ValueError, match="grid is not valid JSON: .* line 2"):
        run_component(
            HERE,
            inputs={"learner": RandomForestClassifier(), "data": _cancer()},
            params={"label_column": "target", "grid": '{"max_depth": [2,\n 4}'},
        )


def test_a_regression_metric_for_a_classifier_is_refused() -> None:
    with pytest.raises(ValueError, match="metric 'r2' does not apply to a classifier"):
        run_component(
            HERE,
            inputs={"learner": RandomForestClassifier(), "data": _cancer()},
            params={"label_column": "target", "metric": "r2"},
        )
