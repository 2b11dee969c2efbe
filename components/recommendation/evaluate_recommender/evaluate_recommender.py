"""Evaluate Recommender: error of predicted ratings, or quality of each user's item ranking.

Ids are compared as text, since Score SVD Recommender writes its recommendations that way.
Repeated (user, item) ratings in ``test`` are averaged. NDCG uses the true rating as the gain of
a recommended item (0 for an item the user did not rate in ``test``) and compares the ranking
with the best possible order of the user's test items. Must not change its inputs.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from designer.runtime import log_metric


def run(
    test: pd.DataFrame,
    scored: pd.DataFrame,
    user_column: str | None = None,
    item_column: str | None = None,
    rating_column: str | None = None,
) -> dict[str, Any]:
    columns = _columns(test, scored, user_column, item_column, rating_column)
    truth = _truth(test, *columns)
    kind = scored.attrs.get("recommender") or (
        "item_recommendation" if {"rank", "item", "user"} <= set(scored.columns) else None
    )
    if kind == "item_recommendation":
        metrics = _ranking_metrics(truth, scored)
    elif kind == "rating_prediction" or "scored_rating" in scored.columns:
        metrics = _rating_metrics(truth, scored, columns[0], columns[1])
    else:
        raise ValueError("scored must be the output of Score SVD Recommender")
    for name, value in metrics.items():
        log_metric(name, value)
    return metrics


def _columns(
    test: pd.DataFrame, scored: pd.DataFrame, user: str | None, item: str | None, rating: str | None
) -> tuple[str, str, str]:
    attrs = scored.attrs
    chosen = (
        user or attrs.get("user_column"),
        item or attrs.get("item_column"),
        rating or attrs.get("rating_column"),
    )
    for role, column in zip(("user", "item", "rating"), chosen, strict=True):
        if not column:
            raise ValueError(
                f"set {role}_column: scored does not say which column holds the {role}"
            )
        if column not in test.columns:
            raise ValueError(f"{role} column {column!r} is not in test")
    return str(chosen[0]), str(chosen[1]), str(chosen[2])


def _truth(test: pd.DataFrame, user: str, item: str, rating: str) -> pd.DataFrame:
    """One row per (user, item) with the mean true rating, ids as text."""
    frame = test[[user, item, rating]].dropna()
    frame = pd.DataFrame(
        {
            "user": frame[user].astype(str),
            "item": frame[item].astype(str),
            "rating": frame[rating].astype("float64"),
        }
    )
    return frame.groupby(["user", "item"], as_index=False)["rating"].mean()


def _rating_metrics(
    truth: pd.DataFrame, scored: pd.DataFrame, user: str, item: str
) -> dict[str, float]:
    for column in (user, item, "scored_rating"):
        if column not in scored.columns:
            raise ValueError(
                f"column {column!r} is not in scored (score it with rating_prediction)"
            )
    predicted = pd.DataFrame(
        {
            "user": scored[user].astype(str),
            "item": scored[item].astype(str),
            "scored": scored["scored_rating"].astype("float64"),
        }
    ).drop_duplicates(["user", "item"])
    pairs = truth.merge(predicted, on=["user", "item"])
    if pairs.empty:
        raise ValueError("no scored pair is in test; score the test pairs")
    errors = pairs["rating"] - pairs["scored"]
    deviations = pairs["rating"] - pairs["rating"].mean()
    squares = float((deviations**2).sum())
    return {
        "mae": float(errors.abs().mean()),
        "rmse": float(np.sqrt((errors**2).mean())),
        "r2": 1 - float((errors**2).sum()) / squares if squares else 0.0,
        "pairs": float(len(pairs)),
    }


def _ranking_metrics(truth: pd.DataFrame, scored: pd.DataFrame) -> dict[str, float]:
    for column in ("user", "rank", "item"):
        if column not in scored.columns:
            raise ValueError(f"column {column!r} is not in scored (score with item_recommendation)")
    listed = scored.assign(user=scored["user"].astype(str), item=scored["item"].astype(str))
    gains = listed.merge(truth, on=["user", "item"], how="left")
    by_user = truth.groupby("user")["rating"]
    per_user = []
    for user, picks in gains.sort_values("rank").groupby("user"):
        if user not in by_user.groups:
            continue  # nothing known about this user's taste
        relevant = by_user.get_group(user).sort_values(ascending=False).to_numpy()
        found = picks["rating"].notna()
        per_user.append(
            (
                _ndcg(picks["rating"].fillna(0).to_numpy(), relevant),
                float(found.mean()),
                float(found.sum()) / len(relevant),
            )
        )
    if not per_user:
        raise ValueError("no recommended user has ratings in test")
    ndcg, precision, recall = np.mean(per_user, axis=0)
    return {
        "ndcg": float(ndcg),
        "precision": float(precision),
        "recall": float(recall),
        "users": float(len(per_user)),
    }


def _ndcg(gains: np.ndarray, best: np.ndarray) -> float:
    """DCG of ``gains`` in their order over the DCG of the best ``len(gains)`` true ratings."""
    discounts = 1 / np.log2(np.arange(2, len(gains) + 2))
    ideal = float((best[: len(gains)] * discounts[: len(best)]).sum())
    return float((gains * discounts).sum()) / ideal if ideal > 0 else 0.0
