"""Evaluate Recommender on a recommender trained on ratings the test makes."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.model_selection import train_test_split

from designer.runtime.testing import run_component

HERE = Path(__file__).parent
TRAIN = HERE.parent / "train_svd_recommender"
SCORE = HERE.parent / "score_svd_recommender"


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
    return model, test


def _evaluate(test: pd.DataFrame, scored: pd.DataFrame) -> tuple[dict, dict]:
    outputs, events = run_component(HERE, inputs={"test": test, "scored": scored})
    return outputs["metrics"], {e["name"]: e["value"] for e in events if e["type"] == "metric"}


def _score(model, data, **params) -> pd.DataFrame:
    return run_component(SCORE, inputs={"model": model, "data": data}, params=params)[0]["scored"]


def test_rating_errors(trained) -> None:
    model, test = trained
    metrics, logged = _evaluate(test, _score(model, test))
    errors = test["stars"] - model.predict_ratings(test["viewer"], test["film"])
    assert metrics["mae"] == pytest.approx(errors.abs().mean())
    assert metrics["rmse"] == pytest.approx(np.sqrt((errors**2).mean()))
    assert metrics["rmse"] >= metrics["mae"] and metrics["r2"] > 0.2
    assert metrics["pairs"] == len(test) and logged == metrics


def test_ranking_quality_beats_a_random_order(trained) -> None:
    model, test = trained
    scored = _score(model, test, kind="item_recommendation", items_from="rated", max_items=3)
    metrics, _ = _evaluate(test, scored)
    assert set(metrics) == {"ndcg", "precision", "recall", "users"}
    assert metrics["precision"] == 1.0, "rated items are the user's own test items"
    random_order = _rank_randomly(test, np.random.default_rng(0))
    random_order.attrs = dict(scored.attrs)
    assert metrics["ndcg"] > _evaluate(test, random_order)[0]["ndcg"] + 0.05
    assert 0 < metrics["ndcg"] <= 1


def _rank_randomly(test: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Each user's test items in a random order, three at most, as Score SVD Recommender lists."""
    rows = []
    for user, own in test.groupby("viewer"):
        for rank, item in enumerate(rng.permutation(own["film"].to_numpy())[:3], 1):
            rows.append({"user": str(user), "rank": rank, "item": item, "scored_rating": 0.0})
    return pd.DataFrame(rows)


def test_a_perfect_ranking_scores_one(trained) -> None:
    _, test = trained
    best = test.sort_values(["viewer", "stars"], ascending=[True, False], kind="stable")
    best = best.assign(rank=best.groupby("viewer").cumcount() + 1)
    listed = pd.DataFrame(
        {"user": best["viewer"].astype(str), "rank": best["rank"], "item": best["film"]}
    )
    listed.attrs = {"user_column": "viewer", "item_column": "film", "rating_column": "stars"}
    metrics, _ = _evaluate(test, listed[listed["rank"] <= 3])
    assert metrics["ndcg"] == pytest.approx(1.0)


def test_without_column_names_it_asks_for_them(trained) -> None:
    _, test = trained
    with pytest.raises(ValueError, match="set user_column"):
        _evaluate(test, pd.DataFrame({"user": ["1"], "rank": [1], "item": ["film_1"]}))
