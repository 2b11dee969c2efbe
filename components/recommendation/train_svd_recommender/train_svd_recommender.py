"""Train SVD Recommender: biases and truncated-SVD factors from user-item-rating rows.

A rating is modelled as the mean rating, plus a user bias, plus an item bias (both damped towards
0 by ``regularization``), plus the dot product of user and item factors: the truncated SVD of the
users × items matrix of what the biases leave unexplained, unrated cells counting as 0. Repeated
(user, item) ratings are averaged. The result is a ``designer.runtime.recommenders.SVDRecommender``.
Must not drop rows silently: a missing user, item or rating is an error.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.decomposition import TruncatedSVD

from designer.runtime import log_metric, report_progress
from designer.runtime.recommenders import SVDRecommender


def run(
    data: pd.DataFrame,
    user_column: str | None = None,
    item_column: str | None = None,
    rating_column: str | None = None,
    factors: int = 10,
    regularization: float = 5.0,
    seed: int = 0,
) -> SVDRecommender:
    user, item, rating = _columns(data, user_column, item_column, rating_column)
    ratings = _ratings(data, user, item, rating)
    user_codes, users = pd.factorize(ratings[user], sort=True)
    item_codes, items = pd.factorize(ratings[item], sort=True)
    if not 1 <= factors < min(len(users), len(items)):
        raise ValueError(
            f"factors must be at least 1 and fewer than the users ({len(users)}) and the items "
            f"({len(items)}), not {factors}"
        )
    if regularization < 0:
        raise ValueError(f"regularization must be at least 0, not {regularization}")
    values = ratings[rating].to_numpy(dtype="float64")
    mean = float(values.mean())
    item_bias = _damped_means(values - mean, item_codes, len(items), regularization)
    user_bias = _damped_means(
        values - mean - item_bias[item_codes], user_codes, len(users), regularization
    )
    residuals = values - mean - user_bias[user_codes] - item_bias[item_codes]
    shape = (len(users), len(items))
    matrix = sparse.csr_matrix((residuals, (user_codes, item_codes)), shape=shape)
    report_progress(0, 1)
    svd = TruncatedSVD(n_components=int(factors), random_state=int(seed))
    user_factors = svd.fit_transform(matrix)
    report_progress(1, 1)
    rated = sparse.csr_matrix((np.ones(len(values)), (user_codes, item_codes)), shape=shape)
    model = SVDRecommender(
        user_column=user,
        item_column=item,
        rating_column=rating,
        users=users.tolist(),
        items=items.tolist(),
        global_mean=mean,
        user_bias=user_bias,
        item_bias=item_bias,
        user_factors=user_factors,
        item_factors=svd.components_.T,
        rated=rated,
        rating_range=(float(values.min()), float(values.max())),
    )
    _log(model, ratings, len(data))
    return model


def _columns(
    data: pd.DataFrame, user: str | None, item: str | None, rating: str | None
) -> tuple[str, str, str]:
    """The three columns, each by its parameter or else by position (first, second, third)."""
    chosen = []
    for position, (name, given) in enumerate((("user", user), ("item", item), ("rating", rating))):
        if given:
            if given not in data.columns:
                raise ValueError(f"{name} column {given!r} is not in the data")
            chosen.append(given)
        elif position < data.shape[1]:
            chosen.append(str(data.columns[position]))
        else:
            raise ValueError(f"the data has no column {position + 1} for the {name}s; name it")
    if len(set(chosen)) < 3:
        raise ValueError(f"user, item and rating must be three different columns, not {chosen}")
    return chosen[0], chosen[1], chosen[2]


def _ratings(data: pd.DataFrame, user: str, item: str, rating: str) -> pd.DataFrame:
    frame = data[[user, item, rating]]
    if not pd.api.types.is_numeric_dtype(frame[rating]) or pd.api.types.is_bool_dtype(
        frame[rating]
    ):
        raise ValueError(f"rating column {rating!r} must be numeric, not {frame[rating].dtype}")
    holes = [column for column in (user, item, rating) if frame[column].isna().any()]
    if holes:
        raise ValueError(
            f"missing values in {', '.join(holes)}; remove those rows with Clean Missing Data"
        )
    if frame.empty:
        raise ValueError("there are no ratings to learn from")
    return frame.groupby([user, item], as_index=False, sort=False)[rating].mean()


def _damped_means(values: np.ndarray, groups: np.ndarray, count: int, damping: float) -> np.ndarray:
    """Per group: sum / (damping + size), the group's mean shrunk towards 0."""
    sums = np.bincount(groups, weights=values, minlength=count)
    sizes = np.bincount(groups, minlength=count)
    return sums / (damping + sizes)


def _log(model: SVDRecommender, ratings: pd.DataFrame, rows: int) -> None:
    predicted = model.predict_ratings(ratings[model.user_column], ratings[model.item_column])
    errors = ratings[model.rating_column].to_numpy(dtype="float64") - predicted
    log_metric("training_ratings", rows)
    log_metric("users", len(model.users))
    log_metric("items", len(model.items))
    log_metric("training_rmse", float(np.sqrt(np.mean(errors**2))))
