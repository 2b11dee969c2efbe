"""Train SVD Recommender on ratings the test makes from hidden tastes: it predicts held-out
ratings better than the mean and than the biases alone."""

import dataclasses
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split

from designer.runtime.recommenders import SVDRecommender
from designer.runtime.testing import run_component

HERE = Path(__file__).parent


def ratings(users: int = 150, items: int = 80, share: float = 0.3, seed: int = 0) -> pd.DataFrame:
    """1-5 star ratings from three hidden taste factors plus biases and noise; a share rated."""
    rng = np.random.default_rng(seed)
    tastes, traits = rng.normal(size=(users, 3)), rng.normal(size=(items, 3))
    score = 3 + rng.normal(0, 0.5, (users, 1)) + rng.normal(0, 0.5, (1, items))
    score = score + 0.7 * tastes @ traits.T + rng.normal(0, 0.3, (users, items))
    user, item = np.nonzero(rng.random((users, items)) < share)
    stars = np.clip(np.rint(score[user, item]), 1, 5)
    return pd.DataFrame({"viewer": user, "film": [f"film_{i}" for i in item], "stars": stars})


@pytest.fixture(scope="module")
def split() -> tuple[pd.DataFrame, pd.DataFrame]:
    return train_test_split(ratings(), test_size=0.2, random_state=0)


def _train(data: pd.DataFrame, **params) -> tuple[SVDRecommender, dict]:
    outputs, events = run_component(HERE, inputs={"data": data}, params=params)
    return outputs["model"], {e["name"]: e["value"] for e in events if e["type"] == "metric"}


def _rmse(model: SVDRecommender, test: pd.DataFrame) -> float:
    predicted = model.predict_ratings(test["viewer"], test["film"])
    return float(np.sqrt(np.mean((test["stars"] - predicted) ** 2)))


def test_factors_predict_held_out_ratings_better_than_biases_alone(split) -> None:
    train, test = split
    model, logged = _train(train, factors=3)
    assert (model.user_column, model.item_column, model.rating_column) == (
        "viewer",
        "film",
        "stars",
    )
    assert (logged["users"], logged["items"], logged["training_ratings"]) == (150, 80, len(train))
    mean_only = float(np.sqrt(np.mean((test["stars"] - train["stars"].mean()) ** 2)))
    flat = dataclasses.replace(model, user_factors=np.zeros_like(model.user_factors))
    assert _rmse(flat, test) < mean_only, "the biases alone beat the mean"
    assert _rmse(model, test) < 0.9 * _rmse(flat, test), "the taste factors add to the biases"
    assert logged["training_rmse"] < _rmse(model, test) + 0.2


def test_predictions_stay_within_the_ratings_range_and_unknowns_fall_back(split) -> None:
    model, _ = _train(split[0])
    predicted = model.predict_ratings(
        pd.Series([0, 0, 999, 999]), pd.Series(["film_1", "new", "film_1", "new"])
    )
    assert ((predicted >= 1) & (predicted <= 5)).all()
    unknown_user = model.global_mean + model.item_bias[model.items.index("film_1")]
    assert predicted[2] == pytest.approx(unknown_user)
    assert predicted[3] == pytest.approx(model.global_mean)


def test_columns_come_by_position_unless_named(split) -> None:
    train = split[0]
    reordered = train[["stars", "film", "viewer"]]
    model, _ = _train(reordered, user_column="viewer", item_column="film", rating_column="stars")
    assert model.rating_column == "stars"
    with pytest.raises(ValueError, match="rating column 'viewer' must be numeric"):
        _train(train[["film", "stars", "viewer"]].assign(viewer=lambda f: f.viewer.astype(str)))


def test_repeated_ratings_are_averaged() -> None:
    data = ratings(users=20, items=10, share=0.8)
    doubled = pd.concat([data, data.assign(stars=data["stars"] - 1)], ignore_index=True)
    model, _ = _train(doubled, factors=2)
    assert model.global_mean == pytest.approx(data["stars"].mean() - 0.5)


def test_too_many_factors_and_missing_ratings_are_refused(split) -> None:
    with pytest.raises(ValueError, match="fewer than the users \\(150\\) and the items \\(80\\)"):
        _train(split[0], factors=80)
    holed = split[0].copy()
    holed.iloc[0, 2] = np.nan
    with pytest.raises(ValueError, match="missing values in stars"):
        _train(holed)
