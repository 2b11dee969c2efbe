"""The `schema:` rules of the text, anomaly, quantile, recommender and conversion components tell
the truth: on real runs, the columns a rule predicts are the columns the component writes."""

import numpy as np
import pandas as pd
import pytest

from designer.kernel.schemas import apply_rule
from designer.runtime.testing import run_component
from tests.pipelines.test_builtin_schema_rules import check, columns_of, folder, spec_of

REVIEWS = folder("text_analytics/preprocess_text") / "reviews.csv"


@pytest.fixture(scope="module")
def reviews() -> pd.DataFrame:
    return pd.read_csv(REVIEWS)


def sample(name: str) -> pd.DataFrame:
    load = folder("data_input_output/sample_dataset")
    return run_component(load, params={"dataset": name})[0]["data"]


def test_text_components_add_their_numbered_columns(reviews):
    params = {"text_column": "review", "topics": 4, "max_iter": 5}
    outputs = check(
        "text_analytics/latent_dirichlet_allocation", {"data": reviews}, params, ("data", "topics")
    )
    assert list(outputs["data"].columns) == [
        "sentiment",
        "topic_0",
        "topic_1",
        "topic_2",
        "topic_3",
    ]
    check(
        "text_analytics/convert_word_to_vector",
        {"data": reviews},
        {"text_column": "review", "dimensions": 6, "min_count": 2},
        ("data", "vocabulary"),
    )


def test_data_transformations():
    data = sample("breast_cancer")
    check("data_transformation/smote", {"data": data}, {"label_column": "target"}, ("data",))


def test_quantile_scoring():
    data = sample("diabetes")
    learner = run_component(
        folder("machine_learning/fast_forest_quantile_regression"), params={"n_estimators": 10}
    )[0]["model"]
    model = run_component(
        folder("model_training/train_model"),
        inputs={"learner": learner, "data": data},
        params={"label_column": "target"},
    )[0]["model"]
    check_scoring("model_scoring_evaluation/score_quantile_regression", model, data, {})


@pytest.mark.parametrize("kind", ["rating_prediction", "item_recommendation"])
def test_recommender_scoring(kind):
    rng = np.random.default_rng(0)
    ratings = pd.DataFrame(
        {
            "user": rng.integers(0, 30, 400),
            "item": [f"item_{i}" for i in rng.integers(0, 20, 400)],
            "rating": rng.integers(1, 6, 400).astype(float),
        }
    )
    model = run_component(
        folder("recommendation/train_svd_recommender"),
        inputs={"data": ratings},
        params={"factors": 2},
    )[0]["model"]
    check_scoring("recommendation/score_svd_recommender", model, ratings, {"kind": kind})


def check_scoring(path: str, model: object, data: pd.DataFrame, params: dict) -> None:
    """Like `check`, for a scorer whose model input has no columns to know."""
    scored = run_component(folder(path), inputs={"model": model, "data": data}, params=params)[0]
    spec = spec_of(path)
    values = {p.name: p.default for p in spec.parameters} | params
    rule = spec.output("scored").schema
    assert apply_rule(rule, {"data": columns_of(data)}, values) == columns_of(scored["scored"])
