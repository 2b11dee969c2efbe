"""Score Quantile Regression with a quantile forest trained on the diabetes data."""

from pathlib import Path

import pytest
from sklearn.datasets import load_diabetes
from sklearn.linear_model import LinearRegression
from sklearn.model_selection import train_test_split

from designer.runtime import TrainedModel
from designer.runtime.testing import run_component

HERE = Path(__file__).parent
ROOT = HERE.parents[1]
FOREST = ROOT / "machine_learning" / "fast_forest_quantile_regression"
TRAIN = ROOT / "model_training" / "train_model"
EVALUATE = ROOT / "model_scoring_evaluation" / "evaluate_model"


@pytest.fixture(scope="module")
def split():
    return train_test_split(load_diabetes(as_frame=True).frame, random_state=1)


@pytest.fixture(scope="module")
def model(split):
    learner = run_component(FOREST, params={"n_estimators": 50})[0]["model"]
    return run_component(
        TRAIN, inputs={"learner": learner, "data": split[0]}, params={"label_column": "target"}
    )[0]["model"]


def _score(model, data, **params):
    return run_component(HERE, inputs={"model": model, "data": data}, params=params)


def test_adds_the_median_and_an_ordered_interval(model, split) -> None:
    test = split[1]
    scored, events = _score(model, test, lower_quantile=0.1, upper_quantile=0.9)
    scored = scored["scored"]
    assert list(scored.columns) == [*test.columns, "scored_label", "scored_lower", "scored_upper"]
    assert (scored["scored_lower"] <= scored["scored_label"]).all()
    assert (scored["scored_label"] <= scored["scored_upper"]).all()
    assert scored.attrs == {"label_column": "target", "task": "regression"}
    logged = {e["name"]: e["value"] for e in events if e["type"] == "metric"}
    inside = scored["target"].between(scored["scored_lower"], scored["scored_upper"])
    assert logged["interval_coverage"] == pytest.approx(inside.mean())
    assert 0.7 < logged["interval_coverage"] < 0.92
    assert logged["mean_interval_width"] > 0


def test_evaluate_model_measures_the_median(model, split) -> None:
    scored = _score(model, split[1])[0]["scored"]
    assert run_component(EVALUATE, inputs={"scored": scored})[0]["metrics"]["r2"] > 0.2


def test_rows_without_the_label_are_scored_without_coverage(model, split) -> None:
    outputs, events = _score(model, split[1].drop(columns=["target"]))
    assert outputs["scored"]["scored_upper"].notna().all()
    assert not [e for e in events if e["type"] == "metric"]


def test_crossed_quantiles_are_refused(model, split) -> None:
    with pytest.raises(ValueError, match="lower_quantile <= upper_quantile"):
        _score(model, split[1], lower_quantile=0.9, upper_quantile=0.1)


def test_a_model_without_quantiles_is_refused(split) -> None:
    train = split[0]
    features = [c for c in train.columns if c != "target"]
    linear = LinearRegression().fit(train[features], train["target"])
    model = TrainedModel(linear, "target", features, "regression")
    with pytest.raises(TypeError, match="LinearRegression predicts no quantiles"):
        _score(model, split[1])
