"""The trained SVD recommender that travels from Train SVD Recommender to Score SVD Recommender.

A rating is predicted as the mean rating, plus how much the user rates above or below it, plus
how much the item is rated above or below it, plus the dot product of the user's and the item's
latent factors (from a truncated SVD of what the biases leave unexplained). A user or item unseen
in training falls back to the parts that are known. Fitting belongs to Train SVD Recommender;
this class holds the numbers and predicts.

Lives in the runtime so a pickled recommender loads in every step; plain numpy and pandas, no
scikit-learn, no Django.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

RECOMMENDATION_COLUMNS = ["user", "rank", "item", "scored_rating"]


@dataclass
class SVDRecommender:
    """Biases and latent factors per user and item, keyed by the ids seen in training."""

    user_column: str
    item_column: str
    rating_column: str
    users: list[Any]
    items: list[Any]
    global_mean: float
    user_bias: np.ndarray
    item_bias: np.ndarray
    user_factors: np.ndarray
    item_factors: np.ndarray
    # Which items each user rated in training (users x items, 1 where rated).
    rated: sparse.csr_matrix
    rating_range: tuple[float, float] = (-np.inf, np.inf)
    _user_index: dict[Any, int] = field(init=False, repr=False)
    _item_index: dict[Any, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._user_index = {user: row for row, user in enumerate(self.users)}
        self._item_index = {item: row for row, item in enumerate(self.items)}

    def predict_ratings(self, users: pd.Series, items: pd.Series) -> np.ndarray:
        """The predicted rating of each (user, item) pair, within the training ratings' range."""
        user_rows = self._rows(users, self._user_index)
        item_rows = self._rows(items, self._item_index)
        predicted = np.full(len(user_rows), self.global_mean, dtype="float64")
        known_user, known_item = user_rows >= 0, item_rows >= 0
        predicted[known_user] += self.user_bias[user_rows[known_user]]
        predicted[known_item] += self.item_bias[item_rows[known_item]]
        both = known_user & known_item
        predicted[both] += np.einsum(
            "ij,ij->i", self.user_factors[user_rows[both]], self.item_factors[item_rows[both]]
        )
        low, high = self.rating_range
        return np.clip(predicted, low, high)

    def recommend(self, users: list[Any], count: int, exclude_rated: bool) -> pd.DataFrame:
        """Each user's ``count`` best items by predicted rating, best first, as long rows."""
        rows: list[tuple[Any, int, Any, float]] = []
        all_items = pd.Series(self.items, dtype=object)
        for user in users:
            predicted = self.predict_ratings(pd.Series([user] * len(self.items)), all_items)
            row = self._user_index.get(user)
            if exclude_rated and row is not None:
                predicted[self.rated[row].indices] = -np.inf
            best = [
                i for i in np.argsort(-predicted, kind="stable")[:count] if predicted[i] > -np.inf
            ]
            rows.extend(
                (user, rank, self.items[i], float(predicted[i])) for rank, i in enumerate(best, 1)
            )
        return recommendation_frame(rows)

    def rank_items(self, pairs: pd.DataFrame, count: int) -> pd.DataFrame:
        """For each user in ``pairs`` (user and item columns), its items ranked by prediction."""
        users, items = pairs[self.user_column], pairs[self.item_column]
        scored = pd.DataFrame(
            {"user": users.to_numpy(), "item": items.to_numpy()}, index=pairs.index
        ).assign(scored_rating=self.predict_ratings(users, items))
        scored = scored.drop_duplicates(["user", "item"]).sort_values(
            ["scored_rating"], ascending=False, kind="stable"
        )
        scored["rank"] = scored.groupby("user", sort=False).cumcount() + 1
        top = scored[scored["rank"] <= count].sort_values(["user", "rank"], kind="stable")
        return recommendation_frame(top[RECOMMENDATION_COLUMNS].itertuples(index=False))

    @staticmethod
    def _rows(ids: pd.Series, index: dict[Any, int]) -> np.ndarray:
        return np.fromiter((index.get(value, -1) for value in ids), dtype="int64", count=len(ids))


def recommendation_frame(rows: Any) -> pd.DataFrame:
    """Long recommendation rows with ids as text, so one table holds any kind of id."""
    frame = pd.DataFrame(list(rows), columns=RECOMMENDATION_COLUMNS)
    return frame.astype({"user": "str", "rank": "int64", "item": "str", "scored_rating": "float64"})
