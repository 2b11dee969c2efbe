"""Score SVD Recommender with a recommender trained on ratings the test makes."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
TRAIN = HERE.parent / "train_svd_recommender"


def ratings(users: int = 120, items: int = 60, share: float = 0.3, seed: int = 0) -> pd.DataFrame:
    """1-5 star ratings from three hidden taste factors plus biases and noise; a share rated."""
    rng = np.random.default_rng(seed)
    tastes, traits = rng.normal(size=(users, 3)), rng.normal(size=(items, 3))
    score = 3 + rng.normal(0, 0.5, (users, 1)) + rng.normal(0, 0.5, (1, items))
    score = score + 0.7 * tastes @ traits.T + rng.normal(0, 0.3, (users, items))
    user, item = np.nonzero(rng.random((users, items)) < share)
    stars = np.clip(np.rint(score[user, item]), 1, 5)
    return pd.DataFrame({"viewer": user, "film": [f"film_{i}" for i in item], "stars": stars})


@pytest.fixture(scope="module")
def trained():
    train, test = train_test_split(ratings(), test_size=0.2, random_state=0)
    model = run_component(TRAIN, inputs={"data": train}, params={"factors": 3})[0]["model"]
    return model, train, test


def _score(model, data, **params) -> pd.DataFrame:
    return run_component(HERE, inputs={"model": model, "data": data}, params=params)[0]["scored"]


def test_rating_prediction_keeps_the_rows_and_adds_a_rating(trained) -> None:
    model, _, test = trained
    scored = _score(model, test)
    assert list(scored.columns) == [*test.columns, "scored_rating"]
    pd.testing.assert_frame_equal(scored[test.columns], test)
    np.testing.assert_allclose(
        scored["scored_rating"], model.predict_ratings(test["viewer"], test["film"])
    )
    assert scored.attrs["recommender"] == "rating_prediction"
    assert scored.attrs["rating_column"] == "stars"


def test_rated_items_are_ranked_per_user_best_first(trained) -> None:
    model, _, test = trained
    scored = _score(model, test, kind="item_recommendation", items_from="rated", max_items=3)
    assert list(scored.columns) == ["user", "rank", "item", "scored_rating"]
    for user, picks in scored.groupby("user"):
        own = test[test["viewer"].astype(str) == user]
        assert set(picks["item"]) <= set(own["film"])
        assert list(picks["rank"]) == list(range(1, min(3, len(own)) + 1))
        assert picks["scored_rating"].is_monotonic_decreasing


def test_unrated_recommendations_leave_out_what_the_user_rated(trained) -> None:
    model, train, _ = trained
    users = pd.DataFrame({"viewer": [0, 1, 2]})
    unrated = _score(model, users, kind="item_recommendation", items_from="unrated", max_items=4)
    assert len(unrated) == 12 and set(unrated["user"]) == {"0", "1", "2"}
    for user, picks in unrated.groupby("user"):
        seen = set(train.loc[train["viewer"] == int(user), "film"])
        assert not set(picks["item"]) & seen
    every = _score(model, users, kind="item_recommendation", items_from="all", max_items=60)
    assert every.groupby("user").size().eq(60).all()


def test_missing_columns_and_other_models_are_refused(trained) -> None:
    model, _, test = trained
    with pytest.raises(ValueError, match="lacks the recommender's column\\(s\\) film"):
        _score(model, test.drop(columns=["film"]))
    with pytest.raises(TypeError, match="recommender from Train SVD Recommender"):
        _score(object(), test)
